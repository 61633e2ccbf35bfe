import { type JsonRpcService, type RestJsonService } from './service';

/**
 * The services part 2 of the emulator implements (Application Auto Scaling, CloudWatch, EventBridge
 * Scheduler). They are routed already, so their clients get AWS's unknown-operation error rather
 * than an HTML 404; part 2 fills in their operations on the same clock and state.
 */
export function applicationAutoScalingService(): JsonRpcService {
  return { protocol: 'awsJson', name: 'application-autoscaling', targetPrefix: 'AnyScaleFrontendService', jsonVersion: '1.1', queryCompatible: false, operations: {} };
}

export function cloudWatchService(): JsonRpcService {
  return { protocol: 'awsJson', name: 'monitoring', targetPrefix: 'GraniteServiceVersion20100801', jsonVersion: '1.0', queryCompatible: true, operations: {} };
}

export function schedulerService(): RestJsonService {
  return { protocol: 'restJson', name: 'scheduler', signingName: 'scheduler', pathPrefixes: ['/schedules', '/schedule-groups', '/tags'], routes: [] };
}
