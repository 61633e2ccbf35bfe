/**
 * One scanned endpoint, from what the region's calls read: its running instances, their cost per
 * hour now, whether it can scale to zero (the readiness rules), and whether it has been idle.
 */
import { hourlyPrice, type PriceOverrides } from '../../cost/pricing';
import { checkEndpoint, floorFinding, type ComponentInput } from '../../readiness/readiness';
import { type EndpointSnapshot, type InferenceComponentSnapshot, type ScalableTargetSnapshot } from '../../resources/resourceSnapshots';
import { type ScannedComponent, type ScannedEndpoint } from './regionScanModel';

export interface ComponentFacts {
  /** Described (copy counts, adapter or not) or, when not described, built from its list entry. */
  snapshot: InferenceComponentSnapshot;
  /** Its copy count's scalable target (DescribeScalableTargets), if registered. */
  target?: ScalableTargetSnapshot;
}

export interface EndpointFacts {
  region: string;
  /** DescribeEndpoint with its endpoint config (src/aws/snapshots.ts `toEndpointSnapshot`). */
  endpoint: EndpointSnapshot;
  components: ComponentFacts[];
  /** Invocations over the idle window; undefined when CloudWatch could not be read. */
  invocations?: number;
}

export interface ClassificationContext {
  /** The account's clock, epoch ms. */
  now: number;
  idleDays: number;
  priceOverrides?: PriceOverrides;
}

const dayMs = 86_400_000;

/**
 * Why the endpoint cannot drop to zero instances, in the readiness rules' own words (src/readiness):
 * managed instance scaling down to 0, an endpoint that hosts inference components, and, for each
 * component, a scalable target whose minimum is 0 (`floorFinding`, the sentence the endpoint's
 * readiness uses).
 *
 * Only the checks that decide whether the instances *can* reach zero are taken. The scan reads the
 * scalable targets (one paged call per region) but not the scaling policies, alarms and schedules,
 * which would cost several calls per component in every region; the checks that need them (a policy
 * scales copies in, a wake alarm fires on one request...) are the explorer's readiness view's, on
 * the region the user switches to. Passing empty policies here would make those checks fail for
 * every endpoint, so they are left out rather than guessed.
 */
export function notScaleToZeroReasons(endpoint: EndpointSnapshot, components: readonly ComponentFacts[]): string[] {
  const inputs: ComponentInput[] = components.map(({ snapshot, target }) => ({
    ic: snapshot,
    scaling: { target, policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] },
  }));
  const readiness = checkEndpoint(endpoint, inputs);
  const reasons: string[] = [];
  for (const id of ['managedScaling', 'inferenceComponents']) {
    const check = readiness.checks.find((candidate) => candidate.id === id);
    if (check?.status === 'fail') reasons.push(check.reason);
  }
  for (const result of readiness.components) {
    // Adapters have no copies of their own (their one check is adapterWake): they never hold instances.
    const floor = result.checks.find((check) => check.id === 'scalableTarget' && check.status === 'fail');
    if (!floor) continue;
    const input = inputs.find((candidate) => candidate.ic.name === result.inferenceComponentName);
    if (input) reasons.push(floorFinding(input.ic, input.scaling, floor));
  }
  return reasons;
}

/** Instances running now, over the variants (their pools' counts when the variant has pools). */
export function runningInstances(endpoint: EndpointSnapshot): number {
  return endpoint.variants.reduce((total, variant) => total + (variant.currentInstanceCount ?? 0), 0);
}

/**
 * The on-demand cost per hour of the running instances (src/cost/pricing.ts: us-east-1's list prices);
 * undefined when an instance runs whose type has no price. No instance running costs 0.
 */
export function hourlyCost(endpoint: EndpointSnapshot, overrides: PriceOverrides = {}): number | undefined {
  let total = 0;
  for (const variant of endpoint.variants) {
    const pools = variant.instancePools?.filter((pool) => pool.currentInstanceCount !== undefined);
    const running: { instanceType: string | undefined; count: number }[] =
      pools && pools.length > 0
        ? pools.map((pool) => ({ instanceType: pool.instanceType, count: pool.currentInstanceCount ?? 0 }))
        : [{ instanceType: variant.instanceType, count: variant.currentInstanceCount ?? 0 }];
    for (const { instanceType, count } of running) {
      if (count === 0) continue;
      const price = instanceType ? hourlyPrice(instanceType, overrides) : undefined;
      if (price === undefined) return undefined;
      total += price * count;
    }
  }
  return Math.round(total * 1000) / 1000;
}

function instanceTypesOf(endpoint: EndpointSnapshot): string[] {
  const types = new Set<string>();
  for (const variant of endpoint.variants) {
    if (variant.instancePools && variant.instancePools.length > 0) for (const pool of variant.instancePools) types.add(pool.instanceType);
    else if (variant.instanceType) types.add(variant.instanceType);
  }
  return [...types];
}

/**
 * Idle: instances run, the endpoint is older than the window, and no invocation reached it in the
 * window. Unknown invocations (metrics not read) are never idle.
 */
export function isIdle(running: number, createdAt: number | undefined, invocations: number | undefined, context: Pick<ClassificationContext, 'now' | 'idleDays'>): boolean {
  if (running === 0 || invocations !== 0 || createdAt === undefined) return false;
  return createdAt <= context.now - context.idleDays * dayMs;
}

function toScannedComponent({ snapshot, target }: ComponentFacts): ScannedComponent {
  return {
    name: snapshot.name,
    status: snapshot.status,
    ...(snapshot.currentCopyCount !== undefined ? { currentCopies: snapshot.currentCopyCount } : {}),
    ...(snapshot.desiredCopyCount !== undefined ? { desiredCopies: snapshot.desiredCopyCount } : {}),
    ...(target ? { minCopies: target.minCapacity } : {}),
  };
}

export function classifyEndpoint(facts: EndpointFacts, context: ClassificationContext): ScannedEndpoint {
  const { endpoint } = facts;
  const running = runningInstances(endpoint);
  const reasons = notScaleToZeroReasons(endpoint, facts.components);
  const createdAt = endpoint.creationTime?.getTime();
  const hourlyUsd = hourlyCost(endpoint, context.priceOverrides);
  return {
    name: endpoint.name,
    region: facts.region,
    status: endpoint.status,
    instanceTypes: instanceTypesOf(endpoint),
    runningInstances: running,
    ...(hourlyUsd !== undefined ? { hourlyUsd } : {}),
    scalesToZero: reasons.length === 0,
    notScaleToZeroReasons: reasons,
    ...(facts.invocations !== undefined ? { invocations: facts.invocations } : {}),
    idle: isIdle(running, createdAt, facts.invocations, context),
    ...(createdAt !== undefined ? { createdAt } : {}),
    components: facts.components.map(toScannedComponent),
  };
}
