import { type JsonRpcService } from '../services/service';
import { endpointConfigOperations } from './endpointConfigs';
import { endpointOperations } from './endpoints';
import { inferenceComponentOperations } from './inferenceComponents';
import { modelOperations } from './models';
import { type SageMakerDeps } from './operationContext';
import { tagOperations } from './tags';

/** The SageMaker control plane: awsJson1_1, `X-Amz-Target: SageMaker.<Operation>`. */
export function createSageMakerService(deps: SageMakerDeps): JsonRpcService {
  return {
    protocol: 'awsJson',
    name: 'sagemaker',
    targetPrefix: 'SageMaker',
    jsonVersion: '1.1',
    queryCompatible: false,
    operations: {
      ...modelOperations(deps),
      ...endpointConfigOperations(deps),
      ...endpointOperations(deps),
      ...inferenceComponentOperations(deps),
      ...tagOperations(deps),
    },
  };
}
