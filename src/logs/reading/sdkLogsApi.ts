/** The logs view's one call on the active connection's CloudWatch Logs client (the SDK loads lazily, on the first read). */
import { type AwsClients, loadSdk } from '../../aws/clients';
import { type LogsApi } from './logReader';

export function sdkLogsApi(clients: Pick<AwsClients, 'logs'>): LogsApi {
  return {
    async filterLogEvents(input) {
      const { FilterLogEventsCommand } = await loadSdk();
      return clients.logs.send(new FilterLogEventsCommand(input));
    },
  };
}
