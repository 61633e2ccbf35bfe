import { copyCountDimension, inferenceComponentResourceId, type ScalingActivitySnapshot } from '../resources/resourceSnapshots';
import { type AwsClients, loadSdk } from './clients';
import { toScalingActivity } from './snapshots';

/**
 * An inference component's Application Auto Scaling activities since a date, newest first, following
 * pages until the activities are older than `since` (the service keeps about six weeks of them).
 */
export async function readActivityHistory(clients: AwsClients, inferenceComponentName: string, since: Date): Promise<ScalingActivitySnapshot[]> {
  const sdk = await loadSdk();
  const activities: ScalingActivitySnapshot[] = [];
  const pages = sdk.paginateDescribeScalingActivities(
    { client: clients.autoScaling },
    {
      ServiceNamespace: 'sagemaker',
      ResourceId: inferenceComponentResourceId(inferenceComponentName),
      ScalableDimension: copyCountDimension as never,
      MaxResults: 50,
    },
  );
  for await (const page of pages) {
    const batch = (page.ScalingActivities ?? []).map(toScalingActivity);
    activities.push(...batch);
    // Newest first: once a page reaches before `since`, the rest is older still (and is not read).
    if (batch.some((activity) => activity.startTime.getTime() < since.getTime())) break;
  }
  return activities;
}
