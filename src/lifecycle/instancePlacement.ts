import { type InferenceComponentSnapshot, type VariantSnapshot } from '../resources/resourceSnapshots';

/*
 * Where a component's copies run when its endpoint has fallback instance types (`InstancePools`): the
 * types by priority from the endpoint, the copies per type from the component's
 * `RuntimeConfig.PlacementStatus`. A wake that could not get the first type lands on a later one; the
 * tree says which.
 */

export interface PlacementLine {
  /** "ml.g6.2xlarge × 1 copy (fallback 2 of 2)". */
  text: string;
  /** The types alone, for a tree row's label: "ml.g6.2xlarge". */
  types: string;
  /** The rest, short, for the row's description, where first (the side bar cuts the end): "fallback 2/2 · 1 copy". */
  detail: string;
  /** True when some copy runs on a type other than the first by priority. */
  onFallback: boolean;
}

/** The types a component's copies run on, with copies per type; undefined when the endpoint has no instance pools or nothing is placed. */
export function describePlacement(ic: InferenceComponentSnapshot, variant: VariantSnapshot | undefined): PlacementLine | undefined {
  const placed = (ic.placement ?? []).filter((entry) => entry.copies > 0);
  if (placed.length === 0) return undefined;
  const order = (variant?.instancePools ?? []).map((pool) => pool.instanceType);
  const rank = (instanceType: string) => {
    const index = order.indexOf(instanceType);
    return index < 0 ? order.length : index;
  };
  placed.sort((a, b) => rank(a.instanceType) - rank(b.instanceType));
  const parts = placed.map((entry) => {
    const copies = `${entry.instanceType} × ${entry.copies} ${entry.copies === 1 ? 'copy' : 'copies'}`;
    const index = order.indexOf(entry.instanceType);
    if (index < 0 || order.length < 2) return copies;
    return index === 0 ? `${copies} (first choice)` : `${copies} (fallback ${index + 1} of ${order.length})`;
  });
  const onFallback = placed.some((entry) => rank(entry.instanceType) > 0);
  const copies = placed.reduce((sum, entry) => sum + entry.copies, 0);
  const where =
    order.length < 2
      ? undefined
      : placed.length === 1
        ? rank(placed[0].instanceType) === 0
          ? 'first choice'
          : `fallback ${rank(placed[0].instanceType) + 1}/${order.length}`
        : onFallback
          ? 'partly fallback'
          : undefined;
  return {
    text: parts.join(', '),
    types: placed.map((entry) => entry.instanceType).join(', '),
    detail: [...(where ? [where] : []), `${copies} ${copies === 1 ? 'copy' : 'copies'}`].join(' · '),
    onFallback,
  };
}

/** An endpoint's fallback types for its tooltip: "ml.g5.2xlarge (1 running), then ml.g6.2xlarge (0 running)". */
export function describeInstancePools(variant: VariantSnapshot | undefined): string | undefined {
  const pools = variant?.instancePools;
  if (!pools || pools.length === 0) return undefined;
  return pools
    .map((pool) => (pool.currentInstanceCount === undefined ? pool.instanceType : `${pool.instanceType} (${pool.currentInstanceCount} running)`))
    .join(', then ');
}
