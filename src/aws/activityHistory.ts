import { copyCountDimension, inferenceComponentResourceId, type ScalingActivitySnapshot } from '../resources/resourceSnapshots';
import { laterPagesAreOlder, newestFirst } from '../resources/scalingActivityOrder';
import { type AwsClients, loadSdk } from './clients';
import { allPages } from './pagination';
import { toScalingActivity } from './snapshots';

/**
 * An inference component's Application Auto Scaling activities since a date, newest first, following
 * pages until the activities are older than `since` (the service keeps about six weeks of them). The
 * order of the pages is not documented: the reading stops early only on a newest-first page.
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
  // Newest first (as the emulator answers): once a page reaches before `since`, the rest is older still.
  const read = await allPages(pages, (page) => (page.ScalingActivities ?? []).map(toScalingActivity), {
    what: 'DescribeScalingActivities',
    stopAfter: (batch: readonly ScalingActivitySnapshot[]) => laterPagesAreOlder(batch, since),
  });
  return newestFirst(read);
}
