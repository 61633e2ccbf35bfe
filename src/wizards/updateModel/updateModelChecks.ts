import { type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type ComputeRequirements, copiesPerInstance, instanceSpec } from '../createEndpoint/instanceCapacity';
import { copiesPerBatch, type RollingPolicy } from './rollingPolicy';

/** Where the component's copies run: the endpoint's instance type, how many instances it may have, and the other components' copies. */
export interface EndpointRoom {
  instanceType: string;
  /** The most instances the endpoint may run (managed instance scaling's maximum, else its current count). */
  maxInstances: number;
  /** Every other component's copies on the endpoint, one entry per copy. */
  otherCopies: ComputeRequirements[];
}

/** The component's requirements per copy as Describe gives them (1 vCPU when absent, as AWS's default is not documented). */
export function currentRequirements(ic: InferenceComponentSnapshot): ComputeRequirements {
  return { accelerators: ic.compute?.accelerators ?? 0, memoryMb: ic.compute?.memoryMb ?? 1024, cpuCores: ic.compute?.cpuCores ?? 1 };
}

function total(copies: readonly ComputeRequirements[]): ComputeRequirements {
  return copies.reduce((sum, copy) => ({ accelerators: sum.accelerators + copy.accelerators, memoryMb: sum.memoryMb + copy.memoryMb, cpuCores: sum.cpuCores + copy.cpuCores }), {
    accelerators: 0,
    memoryMb: 0,
    cpuCores: 0,
  });
}

/** What is short on the endpoint's instances for these copies (accelerators, memory, vCPUs), or undefined when they fit. */
function shortfall(room: EndpointRoom, copies: readonly ComputeRequirements[]): string | undefined {
  const spec = instanceSpec(room.instanceType);
  const need = total(copies);
  const have = { accelerators: spec.accelerators * room.maxInstances, memoryMb: spec.memoryMiB * room.maxInstances, cpuCores: spec.vCpus * room.maxInstances };
  const short: string[] = [];
  if (need.accelerators > have.accelerators) short.push(`${need.accelerators} accelerators of ${have.accelerators}`);
  if (need.memoryMb > have.memoryMb) short.push(`${need.memoryMb} MiB of ${have.memoryMb}`);
  if (need.cpuCores > have.cpuCores) short.push(`${need.cpuCores} vCPUs of ${have.cpuCores}`);
  return short.length ? short.join(', ') : undefined;
}

const repeat = (requirements: ComputeRequirements, count: number) => Array.from({ length: count }, () => requirements);

/**
 * Whether the new requirements fit: one copy on one instance; every copy of the component beside the other
 * components once the update is done; and, during the update, a batch of new copies beside the old ones
 * (AWS starts a batch's new copies before it stops the old). Undefined when everything fits.
 */
export function fitWarning(ic: InferenceComponentSnapshot, next: ComputeRequirements, room: EndpointRoom, policy: RollingPolicy): string | undefined {
  const instances = `${room.maxInstances} × ${room.instanceType}`;
  if (copiesPerInstance(room.instanceType, next) === 0) {
    return `One copy with the new requirements does not fit on a ${room.instanceType}: SageMaker will refuse the update. Lower the requirements, or move the model to an endpoint with a larger instance type.`;
  }
  const copies = ic.desiredCopyCount ?? ic.currentCopyCount ?? 0;
  const after = shortfall(room, [...room.otherCopies, ...repeat(next, copies)]);
  if (after) return `The new requirements no longer fit: ${copies} new ${copies === 1 ? 'copy' : 'copies'} beside the other components need ${after} on ${instances}. A new instance (or a larger type) would be needed.`;
  const running = ic.currentCopyCount ?? 0;
  if (running === 0) return undefined;
  const batch = copiesPerBatch(policy.batch, running);
  const during = shortfall(room, [...room.otherCopies, ...repeat(currentRequirements(ic), running), ...repeat(next, batch)]);
  if (during) {
    return `A batch of ${batch} new ${batch === 1 ? 'copy' : 'copies'} must start beside the ${running} old ${running === 1 ? 'one' : 'ones'}, and there is no room for it (${during} on ${instances}): SageMaker will refuse the update. Roll fewer copies per batch, or allow the endpoint another instance.`;
  }
  return undefined;
}

/** The warning for a component with 0 copies: there is nothing to roll, and what the extension assumes AWS does then. */
export function zeroCopiesWarning(ic: InferenceComponentSnapshot): string | undefined {
  if ((ic.currentCopyCount ?? 0) > 0 || (ic.desiredCopyCount ?? 0) > 0) return undefined;
  return (
    `${ic.name} has 0 copies (it is asleep): there is nothing to roll. The new model takes effect at once, no batch runs and no alarm is watched, ` +
    'so nothing can roll it back; the next wake-up starts the new model. AWS does not document this case: this is what the extension assumes, and what the local emulator does.'
  );
}
