/**
 * Links into the AWS Management Console for the resources the extension shows, on the console host of
 * the region's partition: `<region>.console.aws.amazon.com` for commercial regions,
 * `console.amazonaws.cn` for China (`cn-*`) and `console.amazonaws-us-gov.com` for GovCloud
 * (`us-gov-*`), which select the region through the `region` query parameter.
 */
import { isValidRegion } from './profiles';

function checkedRegion(region: string): string {
  if (!isValidRegion(region)) throw new RangeError(`Not an AWS region code: ${JSON.stringify(region)}`);
  return region;
}

/** The console origin for a region, such as `https://eu-west-1.console.aws.amazon.com`. */
export function consoleOrigin(region: string): string {
  checkedRegion(region);
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

/** `https://<host>/<service>/home?region=<region>#<fragment>` */
function serviceUrl(region: string, service: string, fragment: string): string {
  return `${consoleOrigin(region)}/${service}/home?region=${encodeURIComponent(region)}#${fragment}`;
}

/** The SageMaker endpoint's details page. */
export function endpointConsoleUrl(region: string, endpointName: string): string {
  return serviceUrl(region, 'sagemaker', `/endpoints/${encodeURIComponent(endpointName)}`);
}

/**
 * A page for an inference component. The console lists an endpoint's inference components on the
 * endpoint's details page; a route to a single component's page could not be confirmed, so this opens
 * the hosting endpoint's page, where the component is listed.
 */
export function inferenceComponentConsoleUrl(
  region: string,
  component: { endpointName: string; inferenceComponentName: string },
): string {
  return endpointConsoleUrl(region, component.endpointName);
}

/** A CloudWatch alarm's page (the alarm name URL-encoded). */
export function cloudWatchAlarmConsoleUrl(region: string, alarmName: string): string {
  return serviceUrl(region, 'cloudwatch', `alarmsV2:alarm/${encodeURIComponent(alarmName)}`);
}

/** An EventBridge Scheduler schedule's page; schedules live in a group, `default` unless told. */
export function scheduleConsoleUrl(region: string, scheduleName: string, groupName = 'default'): string {
  return serviceUrl(region, 'scheduler', `schedules/${encodeURIComponent(groupName)}/${encodeURIComponent(scheduleName)}`);
}

/**
 * A CloudWatch Logs log group's page. The console's fragment encodes the name twice and writes `%` as
 * `$` (`/aws/sagemaker/Endpoints/x` → `$252Faws$252Fsagemaker$252FEndpoints$252Fx`).
 */
export function logGroupConsoleUrl(region: string, logGroupName: string): string {
  const encoded = encodeURIComponent(encodeURIComponent(logGroupName)).replace(/%/g, '$');
  return serviceUrl(region, 'cloudwatch', `logsV2:log-groups/log-group/${encoded}`);
}

/** Service Quotas' page of SageMaker's quotas (where an instance type's "for endpoint usage" quota is raised). */
export function sageMakerQuotasConsoleUrl(region: string): string {
  return `${consoleOrigin(region)}/servicequotas/home/services/sagemaker/quotas?region=${encodeURIComponent(region)}`;
}
