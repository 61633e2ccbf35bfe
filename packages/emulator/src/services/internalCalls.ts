import { randomUUID } from 'node:crypto';
import { type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcService } from './service';

/** Who makes an internal call: the calling service's principal, region and account. */
export interface InternalCaller {
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  now(): number;
}

/**
 * Calls an emulated awsJson operation from inside the emulator (Application Auto Scaling setting a
 * copy count, a Scheduler universal target), through the same handler and validation an SDK request
 * reaches. Errors are thrown as the operation throws them (ServiceError).
 */
export function callOperation(service: JsonRpcService, operation: string, input: JsonObject, caller: InternalCaller): JsonObject {
  if (!Object.hasOwn(service.operations, operation)) {
    throw new Error(`The operation ${service.targetPrefix}.${operation} is not supported.`);
  }
  return service.operations[operation](input, {
    requestId: randomUUID(),
    auth: { accessKeyId: `${caller.service}.amazonaws.com`, date: '', region: caller.region, service: service.name, signedHeaders: [], signature: '' },
    region: caller.region,
    accountId: caller.accountId,
    now: caller.now,
  });
}
