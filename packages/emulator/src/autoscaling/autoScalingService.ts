import { type JsonRpcService } from '../services/service';
import { type AutoScalingDeps } from './operationContext';
import { scalableTargetOperations } from './scalableTargets';
import { scalingActivityOperations } from './scalingActivities';
import { scalingPolicyOperations } from './scalingPolicies';
import { scheduledActionOperations } from './scheduledActions';

/** Application Auto Scaling (awsJson1_1, `AnyScaleFrontendService.<Operation>`) for SageMaker inference components. */
export function createAutoScalingService(deps: AutoScalingDeps): JsonRpcService {
  return {
    protocol: 'awsJson',
    name: 'application-autoscaling',
    targetPrefix: 'AnyScaleFrontendService',
    jsonVersion: '1.1',
    queryCompatible: false,
    operations: {
      ...scalableTargetOperations(deps),
      ...scalingPolicyOperations(deps),
      ...scalingActivityOperations(deps),
      ...scheduledActionOperations(deps),
    },
  };
}
