import { type InstancePoolSpec, type InstanceRecord, type VariantSpec, type VariantState } from './records';

/**
 * A production variant's instance types in the order SageMaker tries them: its `InstancePools` by
 * `Priority` (1 first), or its single `InstanceType`. AWS: "SageMaker attempts to provision instances in
 * order of priority, starting with the lowest value" (InstancePool.Priority in the API reference).
 */
export function typesByPriority(spec: VariantSpec): string[] {
  if (spec.instancePools && spec.instancePools.length > 0) {
    return [...spec.instancePools].sort((a, b) => a.priority - b.priority).map((pool) => pool.instanceType);
  }
  return spec.instanceType ? [spec.instanceType] : [];
}

/** The first type, by priority, that has capacity (`refused` says which types have none); undefined when every type is refused. */
export function firstTypeWithCapacity(spec: VariantSpec, refused: (instanceType: string) => boolean): string | undefined {
  return typesByPriority(spec).find((instanceType) => !refused(instanceType));
}

/** An instance's type: the one it was provisioned as (records saved before instance pools carry none: the variant's type). */
export function instanceTypeOf(variant: VariantState, instance: InstanceRecord): string | undefined {
  return instance.instanceType ?? typesByPriority(variant.spec)[0];
}

/** AWS's wording when no instance of a type can be provisioned (AWS Knowledge Center, "SageMaker endpoint creation fails"). */
export const insufficientCapacityMessage = 'Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error';

/** The refusals CreateEndpointConfig makes about instance pools (wording not confirmed against AWS; see docs/emulator.md). */
export const poolMessages = {
  typeAndPools: 'Specify either InstanceType or InstancePools for a production variant, not both.',
  duplicatePriority: 'Each instance pool in a production variant must have a unique Priority.',
  duplicateType: 'Each instance pool in a production variant must have a unique InstanceType.',
};

export type { InstancePoolSpec };
