import { ServiceError } from '../http/serviceError';
import { type JsonObject } from '../protocols/jsonReader';
import { callOperation } from '../services/internalCalls';
import { type JsonRpcService } from '../services/service';

const universalPattern = /^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)$/;

export interface UniversalTarget {
  service: string;
  action: string;
  operation: string;
}

/** Parses `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`; undefined for templated targets (Lambda, SQS...). */
export function parseUniversalTarget(arn: string): UniversalTarget | undefined {
  const match = universalPattern.exec(arn);
  if (!match) return undefined;
  const action = match[2];
  return { service: match[1], action, operation: action.charAt(0).toUpperCase() + action.slice(1) };
}

/** Read-only API actions cannot be universal targets. */
export function isReadOnlyAction(action: string): boolean {
  return /^(describe|list|get|search|batchGet|batchDescribe)/.test(action);
}

/**
 * Runs a universal target against the emulated service: the `Input` JSON is the API request with
 * PascalCase members. Throws a ServiceError when the call fails (or the service is not emulated).
 */
export function invokeUniversalTarget(target: UniversalTarget, input: string | undefined, services: Readonly<Record<string, JsonRpcService>>, caller: { region: string; accountId: string; now: () => number }): void {
  const service = services[target.service];
  if (!service) throw new ServiceError('ServiceNotEmulated', `The emulator does not emulate the ${target.service} service.`, 400);
  if (!Object.hasOwn(service.operations, target.operation)) {
    throw new ServiceError('UnknownOperationException', `The operation ${target.operation} is not supported.`, 400);
  }
  let parsed: unknown = {};
  if (input !== undefined && input.trim() !== '') {
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new ServiceError('SerializationException', 'The target Input is not valid JSON.', 400);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ServiceError('SerializationException', 'The target Input must be a JSON object.', 400);
  callOperation(service, target.operation, parsed as JsonObject, { service: 'scheduler', ...caller });
}
