import { type InstanceTypeSpec } from '@s2z/instance-types';

/** What one model copy reserves on an instance (an IC's ComputeResourceRequirements). */
export interface ResourceRequirements {
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly accelerators: number;
}

/** Resources still free on an instance given the copies it hosts. */
export function freeResources(spec: InstanceTypeSpec, hosted: readonly ResourceRequirements[]): ResourceRequirements {
  let cpus = spec.vCpus;
  let memoryMiB = spec.memoryMiB;
  let accelerators = spec.accelerators;
  for (const copy of hosted) {
    cpus -= copy.cpus;
    memoryMiB -= copy.memoryMiB;
    accelerators -= copy.accelerators;
  }
  return { cpus, memoryMiB, accelerators };
}

export function fits(free: ResourceRequirements, need: ResourceRequirements): boolean {
  const epsilon = 1e-9;
  return need.cpus <= free.cpus + epsilon && need.memoryMiB <= free.memoryMiB + epsilon && need.accelerators <= free.accelerators + epsilon;
}

/** Whether one copy could ever fit on an empty instance of this type. */
export function fitsEmptyInstance(spec: InstanceTypeSpec, need: ResourceRequirements): boolean {
  return fits(freeResources(spec, []), need);
}

/** How many copies of `need` an empty instance of this type holds. */
export function copiesPerInstance(spec: InstanceTypeSpec, need: ResourceRequirements): number {
  const limits = [
    need.cpus > 0 ? Math.floor(spec.vCpus / need.cpus + 1e-9) : Infinity,
    need.memoryMiB > 0 ? Math.floor(spec.memoryMiB / need.memoryMiB + 1e-9) : Infinity,
    need.accelerators > 0 ? Math.floor(spec.accelerators / need.accelerators + 1e-9) : Infinity,
  ];
  const count = Math.min(...limits);
  return Number.isFinite(count) ? count : 1024;
}
