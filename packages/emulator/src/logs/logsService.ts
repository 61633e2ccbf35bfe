import { type JsonRpcService } from '../services/service';
import { type LogStore } from './logStore';
import { logsOperations } from './logsOperations';

/**
 * Amazon CloudWatch Logs (awsJson1_1, `Logs_20140328.<Operation>`, signing name `logs`): the reads of
 * the container logs the emulated SageMaker writes. Live tail (StartLiveTail) is not emulated: it gets
 * the unknown-operation error, and a client follows a stream by polling FilterLogEvents.
 */
export function createLogsService(store: LogStore): JsonRpcService {
  return {
    protocol: 'awsJson',
    name: 'logs',
    targetPrefix: 'Logs_20140328',
    jsonVersion: '1.1',
    queryCompatible: false,
    operations: logsOperations(store),
  };
}
