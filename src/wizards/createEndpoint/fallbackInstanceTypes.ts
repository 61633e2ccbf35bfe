import { instanceTypes } from '@s2z/instance-types';
import { hourlyPrice, type PriceOverrides } from '../../cost/pricing';
import { formatHourlyUsd } from '../../money/dollars';
import { type Choice } from '../../prompts/userInput';
import { copiesPerInstance, describeCapacity, instanceFamily, type ComputeRequirements } from './instanceCapacity';

/*
 * Fallback instance types for a wake (`ProductionVariant.InstancePools`): when the first type has no
 * capacity (InsufficientInstanceCapacity), SageMaker provisions the next one by `Priority`. The model's
 * rules: 1 to 5 pools, priorities 1 to 5; the wizard gives the chosen type priority 1 and the
 * fallbacks 2, 3, … in the order they are listed, so priorities are unique by construction.
 */

/** The model's maximum number of instance pools (InstancePoolList max 5): the chosen type and up to 4 fallbacks. */
export const maxInstancePools = 5;
export const maxFallbackTypes = maxInstancePools - 1;

const isNeuron = (instanceType: string) => instanceFamily(instanceType).startsWith('inf');

/**
 * The types a copy could fall back to: other accelerated types of the same kind (a GPU container does
 * not run on Inferentia) on which one copy fits, cheapest first (the order they are tried in).
 */
export function fallbackCandidates(instanceType: string, needs: ComputeRequirements, overrides: PriceOverrides = {}): string[] {
  const price = (name: string) => hourlyPrice(name, overrides) ?? Number.POSITIVE_INFINITY;
  return [...instanceTypes.entries()]
    .filter(([name, spec]) => name !== instanceType && spec.accelerators > 0 && isNeuron(name) === isNeuron(instanceType))
    .filter(([name]) => copiesPerInstance(name, needs) > 0)
    .map(([name]) => name)
    .sort((a, b) => price(a) - price(b) || a.localeCompare(b));
}

/** One fallback type on the page: its accelerators and memory, its price, and the copies that fit on one instance. */
export function fallbackChoices(instanceType: string, needs: ComputeRequirements, overrides: PriceOverrides = {}, picked: readonly string[] = []): Choice<string>[] {
  return fallbackCandidates(instanceType, needs, overrides).map((name) => {
    const price = hourlyPrice(name, overrides);
    const copies = copiesPerInstance(name, needs);
    return {
      label: name,
      description: describeCapacity(name),
      detail: `${price === undefined ? 'price unknown' : `≈ ${formatHourlyUsd(price)} on demand`} · ${copies} ${copies === 1 ? 'copy fits' : 'copies fit'} on one instance`,
      value: name,
      picked: picked.includes(name),
    };
  });
}

/** Checks the pools with the model's rules (1 to 5, unique types); undefined when they hold. */
export function validateFallbackTypes(instanceType: string, fallbacks: readonly string[]): string | undefined {
  if (fallbacks.length > maxFallbackTypes) {
    return `At most ${maxFallbackTypes} fallback types: an endpoint variant takes ${maxInstancePools} instance pools in all (${instanceType} and ${maxFallbackTypes} more). You picked ${fallbacks.length}.`;
  }
  if (fallbacks.includes(instanceType) || new Set(fallbacks).size < fallbacks.length) return 'Each instance type can be listed once.';
  return undefined;
}

/** `InstancePools` for the variant: the chosen type at Priority 1, then the fallbacks in order. */
export function instancePools(instanceType: string, fallbacks: readonly string[]): { InstanceType: string; Priority: number }[] {
  return [instanceType, ...fallbacks].map((name, index) => ({ InstanceType: name, Priority: index + 1 }));
}
