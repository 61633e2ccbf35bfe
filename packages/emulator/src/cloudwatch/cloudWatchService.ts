import { monitoringInputs } from '../protocols/inputShapes';
import { monitoringOutputs } from '../protocols/outputShapes';
import { type JsonRpcHandler, type JsonRpcService } from '../services/service';
import { alarmHistoryOperations } from './alarmHistoryOperations';
import { alarmOperations } from './alarmOperations';
import { type AlarmEngine } from './alarmEngine';
import { asCloudWatchError } from './cloudWatchErrors';
import { metricOperations } from './metricOperations';
import { metricStatisticsOperations } from './metricStatistics';

/**
 * CloudWatch (awsJson1_0 with awsQuery compatibility, awsQuery, and Smithy RPC v2 CBOR, the three
 * protocols of its model): alarms and metrics on the emulator's clock.
 */
export function createCloudWatchService(engine: AlarmEngine): JsonRpcService {
  const operations: Record<string, JsonRpcHandler> = { ...alarmOperations(engine), ...alarmHistoryOperations(engine), ...metricOperations(engine), ...metricStatisticsOperations(engine) };
  const wrapped: Record<string, JsonRpcHandler> = {};
  for (const [name, handler] of Object.entries(operations)) {
    wrapped[name] = (body, context) => {
      try {
        return handler(body, context);
      } catch (error) {
        throw asCloudWatchError(error);
      }
    };
  }
  return {
    protocol: 'awsJson',
    name: 'monitoring',
    targetPrefix: 'GraniteServiceVersion20100801',
    jsonVersion: '1.0',
    queryCompatible: true,
    operations: wrapped,
    otherProtocols: { inputs: monitoringInputs, outputs: monitoringOutputs, namespace: 'com.amazonaws.cloudwatch' },
  };
}
