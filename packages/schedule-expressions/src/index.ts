/** EventBridge Scheduler's schedule expressions (`cron()`, `rate()`, `at()`) and IANA time zones. */
export * from './scheduleExpression';
export * from './timeZones';
