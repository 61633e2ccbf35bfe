import { type EmulatedService } from '../../src/services/service';

/** The emulator's service names (their endpoint prefixes) by the names of botocore's model folders. */
const botocoreNames: Record<string, string> = {
  sagemaker: 'sagemaker',
  'sagemaker-runtime': 'sagemaker-runtime',
  'application-autoscaling': 'application-autoscaling',
  monitoring: 'cloudwatch',
  scheduler: 'scheduler',
  iam: 'iam',
  logs: 'logs',
  account: 'account',
};

export interface ImplementedOperation {
  /** botocore's name of the service, e.g. `cloudwatch`. */
  service: string;
  operation: string;
}

/**
 * Every operation the emulator serves, read from its own operation tables and routes (not a list kept
 * by hand): an operation added to the emulator is in the contract tests from then on.
 */
export function implementedOperations(services: readonly EmulatedService[]): ImplementedOperation[] {
  const found: ImplementedOperation[] = [];
  for (const service of services) {
    const botocore = botocoreNames[service.name];
    if (!botocore) throw new Error(`The emulator serves ${service.name}, which the contract tests do not map to a botocore model: add it to botocoreNames.`);
    const operations = service.protocol === 'restJson' ? service.routes.map((route) => route.operation) : Object.keys(service.operations);
    for (const operation of new Set(operations)) found.push({ service: botocore, operation });
  }
  return found;
}

export const operationKey = ({ service, operation }: ImplementedOperation): string => `${service}.${operation}`;
