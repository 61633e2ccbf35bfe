import { type ConstraintTable, constraintViolations } from '../protocols/constraintValidation';
import {
  accountConstraints,
  applicationAutoscalingConstraints,
  iamConstraints,
  logsConstraints,
  monitoringConstraints,
  sagemakerConstraints,
  sagemakerRuntimeConstraints,
  schedulerConstraints,
} from '../protocols/inputConstraints';
import { ServiceError } from './serviceError';

/** The model constraints of each emulated service's operations, by the emulator's service names. */
const tables: Readonly<Record<string, ConstraintTable>> = {
  sagemaker: sagemakerConstraints,
  'sagemaker-runtime': sagemakerRuntimeConstraints,
  'application-autoscaling': applicationAutoscalingConstraints,
  monitoring: monitoringConstraints,
  scheduler: schedulerConstraints,
  iam: iamConstraints,
  logs: logsConstraints,
  account: accountConstraints,
};

export function constraintTable(service: string): ConstraintTable | undefined {
  return tables[service];
}

/**
 * Refuses an input that breaks a constraint of the service's model, before the operation runs, as AWS
 * refuses it: 400 with every broken constraint in one message. The code is the service's:
 * `ValidationException` (SageMaker, Application Auto Scaling, Scheduler, Account; CloudWatch's JSON and CBOR,
 * with `ValidationError` as its awsQuery code), `ValidationError` (IAM's awsQuery, and the SageMaker
 * runtime, whose model names its shape so).
 */
export function refuseBrokenConstraints(service: string, operation: string, input: Record<string, unknown>): void {
  const table = tables[service];
  if (!table) return;
  const violations = constraintViolations(table, operation, input);
  if (violations.length === 0) return;
  const message = `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
  // CloudWatch Logs reports a broken constraint as its modelled InvalidParameterException (seen in public reports of AWS's answers).
  const code = service === 'iam' || service === 'sagemaker-runtime' ? 'ValidationError' : service === 'logs' ? 'InvalidParameterException' : 'ValidationException';
  const error = new ServiceError(code, message, 400);
  if (service === 'monitoring') error.queryCode = 'ValidationError';
  throw error;
}
