import { type PlanService } from '../plan';
import { outputPathSegments } from '../outputRefs';

/** Splits a PascalCase or camelCase name into lower-case words: "UpdateInferenceComponentRuntimeConfig" → update, inference, … */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** boto3 method names: CreateEndpointConfig → create_endpoint_config. */
export const snakeCase = (name: string): string => words(name).join('_');

/** AWS CLI command names: CreateEndpointConfig → create-endpoint-config. */
export const kebabCase = (name: string): string => words(name).join('-');

/** Shell variable names: stepPolicyArn → STEP_POLICY_ARN. */
export const screamingSnakeCase = (name: string): string => words(name).join('_').toUpperCase();

/** The service's name for boto3 and the AWS CLI (Application Auto Scaling is one word there). */
export const awsServiceName: Record<PlanService, string> = {
  sagemaker: 'sagemaker',
  'application-auto-scaling': 'application-autoscaling',
  cloudwatch: 'cloudwatch',
  scheduler: 'scheduler',
  iam: 'iam',
};

/**
 * The step after which an exported script pauses for IAM's eventual consistency: the last IAM step
 * that comes before a Scheduler step (a role created a moment ago cannot be assumed at once). -1: none.
 */
export function roleSettleAfter(steps: readonly { service: string }[]): number {
  const firstSchedule = steps.findIndex((step) => step.service === 'scheduler');
  if (firstSchedule < 0) return -1;
  let last = -1;
  steps.forEach((step, index) => {
    if (step.service === 'iam' && index < firstSchedule) last = index;
  });
  return last;
}

/** How long exported scripts wait after creating a role before Scheduler uses it. */
export const roleSettleSeconds = 10;

/** An output path as JMESPath for `--query`: Alarms.0.AlarmARN → Alarms[0].AlarmARN. */
export function jmesPath(path: string): string {
  return outputPathSegments(path)
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`))
    .join('');
}
