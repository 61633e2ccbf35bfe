import { validateInteger } from '../validation/numbers';

/**
 * ManagedInstanceScaling.ScaleInPolicy as the create wizard offers it: how the endpoint gives instances
 * back once copies leave. Ranges and defaults are botocore's model (ManagedInstanceScalingMaximumStepSize,
 * ManagedInstanceScalingCooldownInMinutes, ManagedInstanceScalingScaleInStrategy); the meanings are the
 * API reference's (ProductionVariantManagedInstanceScalingScaleInPolicy).
 */
export type ScaleInStrategy = 'IDLE_RELEASE' | 'CONSOLIDATION';

export interface ScaleInPolicy {
  strategy: ScaleInStrategy;
  /** CONSOLIDATION only: instances released per consolidation step (the model's default 1). */
  maximumStepSize?: number;
  /** CONSOLIDATION only: minutes after the last endpoint operation before consolidation looks (the model's default 20). */
  cooldownInMinutes?: number;
}

export const scaleInStrategies: readonly ScaleInStrategy[] = ['IDLE_RELEASE', 'CONSOLIDATION'];
export const maximumStepSizeRange = { min: 1, max: 100, default: 1 } as const;
export const cooldownInMinutesRange = { min: 5, max: 1440, default: 20 } as const;

/** One line each: why a user would pick it. */
export const scaleInWhy: Record<ScaleInStrategy | 'default', string> = {
  default: 'No ScaleInPolicy: SageMaker releases an instance once no copy is left on it.',
  IDLE_RELEASE: 'Releases only empty instances: copies never move, half-empty ones keep billing.',
  CONSOLIDATION: 'Moves copies onto fewer instances and releases the rest: fewer instances bill.',
};
export const maximumStepSizeWhy = 'Instances released per consolidation step: more releases sooner, fewer moves fewer copies at once.';
export const cooldownInMinutesWhy = 'Minutes after the last endpoint operation before consolidation looks: shorter stops billing sooner, longer avoids moving copies between bursts.';

export function validateMaximumStepSize(value: string): string | undefined {
  return validateInteger(value, 'MaximumStepSize', maximumStepSizeRange.min, maximumStepSizeRange.max);
}

export function validateCooldownInMinutes(value: string): string | undefined {
  return validateInteger(value, 'CooldownInMinutes', cooldownInMinutesRange.min, cooldownInMinutesRange.max);
}

/** The request member: Strategy, and the two numbers only for CONSOLIDATION. */
export function scaleInPolicyMember(policy: ScaleInPolicy): { Strategy: ScaleInStrategy; MaximumStepSize?: number; CooldownInMinutes?: number } {
  if (policy.strategy !== 'CONSOLIDATION') return { Strategy: policy.strategy };
  return {
    Strategy: policy.strategy,
    MaximumStepSize: policy.maximumStepSize ?? maximumStepSizeRange.default,
    CooldownInMinutes: policy.cooldownInMinutes ?? cooldownInMinutesRange.default,
  };
}

/** "consolidation, 1 instance per step after 20 idle minutes", for the plan's description and the tree. */
export function describeScaleInPolicy(policy: ScaleInPolicy | undefined): string {
  if (!policy) return 'released when empty (no ScaleInPolicy)';
  if (policy.strategy === 'IDLE_RELEASE') return 'IDLE_RELEASE: released when empty';
  const step = policy.maximumStepSize ?? maximumStepSizeRange.default;
  const cooldown = policy.cooldownInMinutes ?? cooldownInMinutesRange.default;
  return `CONSOLIDATION: up to ${step} instance${step === 1 ? '' : 's'} per step, ${cooldown} minutes after the last operation`;
}
