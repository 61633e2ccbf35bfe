import { instanceTypes } from '@s2z/instance-types';
import { type VariantSnapshot } from '../resources/resourceSnapshots';

/** A readiness check (same fields as readiness.ts's ReadinessCheck, which includes this one). */
export interface FallbackTypesCheck {
  id: 'fallbackTypes';
  title: string;
  status: 'pass' | 'warn';
  reason: string;
  fix?: string;
  fixId?: 'none';
}

const title = 'A wake has a fallback instance type';

/**
 * A GPU endpoint that scales to zero must get a new instance on every wake, and a GPU type without
 * capacity (InsufficientInstanceCapacity) leaves it asleep. `InstancePools` lets SageMaker fall back to
 * the next type by priority. Undefined when it does not apply: CPU types, or instances that never reach 0.
 */
export function fallbackTypesCheck(variant: VariantSnapshot | undefined): FallbackTypesCheck | undefined {
  const scaling = variant?.managedScaling;
  if (!variant || !scaling?.enabled || (scaling.min ?? 1) !== 0) return undefined;
  const types = variant.instancePools?.map((pool) => pool.instanceType) ?? (variant.instanceType ? [variant.instanceType] : []);
  const gpu = types.some((type) => (instanceTypes.get(type)?.accelerators ?? 0) > 0);
  if (!gpu) return undefined;
  if (types.length > 1) {
    return { id: 'fallbackTypes', title, status: 'pass', reason: `A wake tries ${types.join(', then ')}, by priority.` };
  }
  return {
    id: 'fallbackTypes',
    title,
    status: 'warn',
    reason: `Every wake needs a new ${types[0] ?? 'GPU'} instance, and the endpoint has no other type: when that type has no capacity (InsufficientInstanceCapacity), the wake fails and requests keep being refused.`,
    fix: 'Give the endpoint a new endpoint config whose variant lists instance pools (InstancePools, a second GPU type at Priority 2 whose memory fits a copy), or recreate it from the create wizard with a fallback type.',
    fixId: 'none',
  };
}
