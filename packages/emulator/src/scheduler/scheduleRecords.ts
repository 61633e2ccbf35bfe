/** An EventBridge Scheduler schedule, as plain data (times in epoch ms). */
export interface ScheduleRecord {
  name: string;
  groupName: string;
  arn: string;
  expression: string;
  timezone: string;
  startDate?: number;
  endDate?: number;
  description?: string;
  state: 'ENABLED' | 'DISABLED';
  target: Record<string, unknown>;
  flexibleTimeWindow: Record<string, unknown>;
  actionAfterCompletion: 'NONE' | 'DELETE';
  kmsKeyArn?: string;
  creationDate: number;
  lastModificationDate: number;
  nextRunAt?: number;
}

/** One target invocation, successful or not: a failed call is recorded, not lost. */
export interface ScheduleInvocation {
  scheduleArn: string;
  at: number;
  targetArn: string;
  outcome: 'Succeeded' | 'Failed';
  errorCode?: string;
  errorMessage?: string;
}

export interface SchedulerState {
  schedules: ScheduleRecord[];
  invocations: ScheduleInvocation[];
}

export function emptySchedulerState(): SchedulerState {
  return { schedules: [], invocations: [] };
}
