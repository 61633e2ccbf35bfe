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
};

/** An output path as JMESPath for `--query`: Alarms.0.AlarmARN → Alarms[0].AlarmARN. */
export function jmesPath(path: string): string {
  return outputPathSegments(path)
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`))
    .join('');
}
