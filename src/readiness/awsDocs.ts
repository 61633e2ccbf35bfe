/**
 * The AWS documentation page for each concept the extension names in a message or a report, so a
 * user who meets "scalable target" or "NoCapacityInvocationFailures" in an error can read about it.
 */
const docs = {
  scaleToZero: 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html',
  managedInstanceScaling: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantManagedInstanceScaling.html',
  inferenceComponents: 'https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html',
  autoScalingPolicies: 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html',
  stepScaling: 'https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html',
  cloudWatchAlarms: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
  scheduler: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html',
  schedulerRole: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role',
  iamPermissions: 'https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html',
  ssoLogin: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html',
  credentials: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html',
  throttling: 'https://docs.aws.amazon.com/general/latest/gr/api-retries.html',
  instancePools: 'https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-heterogeneous.html',
  invokeErrors: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html#API_runtime_InvokeEndpoint_Errors',
} as const;

export type DocTopic = keyof typeof docs;

export function docUrl(topic: DocTopic): string {
  return docs[topic];
}

/** The page behind each readiness check. */
export function docForCheck(checkId: string): string {
  switch (checkId) {
    case 'managedScaling':
    case 'sleepSchedules':
      return docs.managedInstanceScaling;
    case 'inferenceComponents':
    case 'allComponents':
      return docs.inferenceComponents;
    case 'scalableTarget':
    case 'scaleInPolicy':
      return docs.autoScalingPolicies;
    case 'stepPolicy':
      return docs.stepScaling;
    case 'wakeAlarm':
    case 'wakeAlarmEnabled':
    case 'wakeOnSingleRequest':
    case 'componentsWake':
      return docs.scaleToZero;
    case 'schedules':
      return docs.scheduler;
    case 'fallbackTypes':
      return docs.instancePools;
    default:
      return docs.scaleToZero;
  }
}

/** The page that helps with an error, from its kind and AWS code (see aws/awsErrorMessages). */
export function docForError(kind: string, code?: string): string | undefined {
  if (kind === 'ssoExpired') return docs.ssoLogin;
  if (kind === 'credentials') return docs.credentials;
  if (kind === 'accessDenied') return docs.iamPermissions;
  if (kind === 'throttled') return docs.throttling;
  if (code === 'ValidationError' || code === 'ModelError' || code === 'ModelNotReadyException') return docs.invokeErrors;
  return undefined;
}
