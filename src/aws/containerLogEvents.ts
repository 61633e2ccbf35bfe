import { isNotFound } from './awsErrorCodes';
import { type AwsClients, loadSdk } from './clients';

/** One container log line as CloudWatch Logs holds it. */
export interface ContainerLogEvent {
  timestamp: Date;
  stream: string;
  message: string;
}

/** The log group SageMaker writes an inference component's containers to (seen in public code reading AWS; not in AWS's table of log groups). */
export const inferenceComponentLogGroup = (name: string): string => `/aws/sagemaker/InferenceComponents/${name}`;

/** The documented log group of an endpoint's containers. */
export const endpointLogGroup = (name: string): string => `/aws/sagemaker/Endpoints/${name}`;

/**
 * A log group's events in a time range, oldest first, at most `limit` (FilterLogEvents, following
 * nextToken). A group that does not exist (no container ever wrote) reads as no events.
 */
export async function readContainerLogEvents(
  clients: AwsClients,
  logGroupName: string,
  range: { from: Date; to?: Date; limit?: number },
  /** Called before each FilterLogEvents page is sent (the account reader counts its calls). */
  onCall: () => void = () => undefined,
): Promise<ContainerLogEvent[]> {
  const sdk = await loadSdk();
  const limit = range.limit ?? 200;
  const events: ContainerLogEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      onCall();
      const page = await clients.logs.send(
        new sdk.FilterLogEventsCommand({
          logGroupName,
          startTime: range.from.getTime(),
          endTime: range.to?.getTime(),
          limit: Math.min(limit - events.length, 10_000),
          nextToken,
        }),
      );
      for (const event of page.events ?? []) {
        events.push({ timestamp: new Date(event.timestamp ?? 0), stream: event.logStreamName ?? '', message: (event.message ?? '').replace(/\n$/, '') });
      }
      nextToken = page.nextToken;
    } while (nextToken && events.length < limit);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  return events.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
}
