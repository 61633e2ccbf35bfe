/**
 * Where SageMaker writes a resource's container logs in CloudWatch Logs.
 *
 * - An endpoint: `/aws/sagemaker/Endpoints/<EndpointName>` (AWS's table "Log groups and streams that
 *   SageMaker AI sends to CloudWatch Logs"), streams `<VariantName>/<InstanceId>`.
 * - An inference component: `/aws/sagemaker/InferenceComponents/<InferenceComponentName>` (seen in
 *   public code that reads AWS, not in AWS's table: unconfirmed), streams
 *   `<VariantName>/<InstanceId>/<CopyId>` (unconfirmed too; see streamNames.ts, which copes with any layout).
 *
 * An endpoint's logs are its own group and each of its components' groups, merged in time order.
 */

export const endpointLogGroupPrefix = '/aws/sagemaker/Endpoints/';
export const componentLogGroupPrefix = '/aws/sagemaker/InferenceComponents/';

/** What the logs view shows: an endpoint (all its containers) or one inference component. */
export type LogsTarget =
  | { kind: 'endpoint'; name: string }
  | { kind: 'inferenceComponent'; name: string; endpointName: string };

/** One log group the view reads, and what it belongs to (shown beside lines when a view merges several). */
export interface LogGroupSource {
  logGroupName: string;
  /** `endpoint` or `inferenceComponent`: whose containers write there. */
  owner: 'endpoint' | 'inferenceComponent';
  /** The endpoint's or the component's name. */
  ownerName: string;
}

/** What a view or a notice names: "endpoint demo", "inference component demo-llama3-8b". */
export function resourceWords(kind: 'endpoint' | 'inferenceComponent', name: string): string {
  return `${kind === 'endpoint' ? 'endpoint' : 'inference component'} ${name}`;
}

export function endpointLogGroup(endpointName: string): string {
  return `${endpointLogGroupPrefix}${endpointName}`;
}

export function componentLogGroup(componentName: string): string {
  return `${componentLogGroupPrefix}${componentName}`;
}

/**
 * The groups a target's logs live in. An endpoint: its own group first, then its components' groups
 * (by name, each once). A component: its own group, then its base's when it is an adapter (an adapter
 * runs in its base's container, so the base's lines are the ones that tell what happened to it).
 */
export function logGroupsOf(target: LogsTarget, related: { componentNames?: readonly string[]; baseComponentName?: string } = {}): LogGroupSource[] {
  if (target.kind === 'endpoint') {
    const components = [...new Set(related.componentNames ?? [])].sort();
    return [
      { logGroupName: endpointLogGroup(target.name), owner: 'endpoint', ownerName: target.name },
      ...components.map((name) => ({ logGroupName: componentLogGroup(name), owner: 'inferenceComponent' as const, ownerName: name })),
    ];
  }
  const own: LogGroupSource = { logGroupName: componentLogGroup(target.name), owner: 'inferenceComponent', ownerName: target.name };
  const base = related.baseComponentName;
  if (base && base !== target.name) return [own, { logGroupName: componentLogGroup(base), owner: 'inferenceComponent', ownerName: base }];
  return [own];
}

/**
 * A log group's ARN, as IAM policies name it for `logs:FilterLogEvents`:
 * `arn:<partition>:logs:<region>:<account>:log-group:<name>:*` (the trailing `:*` covers its streams).
 */
export function logGroupArn(logGroupName: string, place: { region: string; accountId?: string }): string {
  const partition = place.region.startsWith('cn-') ? 'aws-cn' : place.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:logs:${place.region}:${place.accountId ?? '*'}:log-group:${logGroupName}:*`;
}

/** The account id in an ARN (`arn:aws:sagemaker:us-east-1:123456789012:endpoint/x`), if it has one. */
export function accountIdOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** A short title for a target: `Logs: <name>` (one panel per resource). */
export function logsTitle(target: LogsTarget): string {
  return `Logs: ${target.name}`;
}
