import { copyCountDimension, inferenceComponentResourceId, type ScalingActivitySnapshot } from '../resources/resourceSnapshots';
import { type AwsClients, loadSdk } from './clients';
import { allPages } from './pagination';
import { toScalingActivity } from './snapshots';

/**
 * An inference component's Application Auto Scaling activities since a date, newest first, following
 * pages until the activities are older than `since` (the service keeps about six weeks of them).
 */
export async function readActivityHistory(clients: AwsClients, inferenceComponentName: string, since: Date): Promise<ScalingActivitySnapshot[]> {
  const sdk = await loadSdk();
  const pages = sdk.paginateDescribeScalingActivities(
    { client: clients.autoScaling },
    {
      ServiceNamespace: 'sagemaker',
      ResourceId: inferenceComponentResourceId(inferenceComponentName),
      ScalableDimension: copyCountDimension as never,
      MaxResults: 50,
    },
  );
  // Newest first: once a page reaches before `since`, the rest is older still (and is not read).
  const older = (batch: readonly ScalingActivitySnapshot[]) => batch.some((activity) => activity.startTime.getTime() < since.getTime());
  return allPages(pages, (page) => (page.ScalingActivities ?? []).map(toScalingActivity), { what: 'DescribeScalingActivities', stopAfter: older });
}
