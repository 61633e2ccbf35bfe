import { type ScheduledEvent } from '../clock/eventQueue';
import { type Simulation } from '../clock/simulation';
import { instanceTypes, type InstanceTypeSpec } from '@s2z/instance-types';
import { fits, freeResources, type ResourceRequirements } from '../capacity/placement';
import { type EmulatorTimings } from '../timings';
import {
  type CopyRecord,
  type EndpointRecord,
  type InferenceComponentRecord,
  type InstanceRecord,
  type VariantSpec,
  type VariantState,
} from './records';
import { type SageMakerStore } from './store';
import { firstTypeWithCapacity, insufficientCapacityMessage, instanceTypeOf, typesByPriority } from './instancePools';
import { cachesData, copyStart, type CopyStart, placementStrategy } from './copyStart';
import { type ComponentFault, containerOf, imagePullDeniedFailure, quotaExceededMessage } from './componentFaults';
import { advanceAdapters, isAdapter } from './adapters';
import { advanceRollout, rolloutWakeAt, type RolloutHost } from './rollingUpdate';

/** The model's defaults for ScaleInPolicy (ManagedInstanceScalingMaximumStepSize, ...CooldownInMinutes documentation). */
const defaultMaximumStepSize = 1;
const defaultCooldownMinutes = 20;

function consolidationPolicy(variant: VariantState) {
  const mis = variant.spec.managedInstanceScaling;
  return mis?.status === 'ENABLED' && mis.scaleInPolicy?.strategy === 'CONSOLIDATION' ? mis.scaleInPolicy : undefined;
}

/** What the containers of starting copies tell (their logs, src/logs/containerLogs.ts). */
export interface ContainerEvents {
  /** A copy's container starts at `from` on `instance`, as `start` plans it. */
  copyStarted(ic: InferenceComponentRecord, copy: CopyRecord, instance: InstanceRecord, start: CopyStart, from: number): void;
  /** An endpoint went InService at `at`: the containers of its variants with a model passed their health check then. */
  endpointServing(endpoint: EndpointRecord, at: number): void;
  /** The lifecycle has moved to `at` (copies may have gone). */
  refreshed(at: number): void;
}

/**
 * Moves SageMaker resources through time: endpoints creating/updating/deleting, instances
 * provisioning and being released by managed instance scaling, model copies placed by their
 * resource requirements, starting and stopping, and the statuses and counts that follow.
 *
 * Every pending transition is stored as a due time in the records themselves, so the state is
 * plain data (the state file restores it) and one wake-up event on the virtual clock, always at the
 * earliest due time, drives it all in time order.
 */
export class SageMakerLifecycle {
  private wake: ScheduledEvent | undefined;
  /** When the next Creating adapter goes InService. */
  private adapterDue: number | undefined;

  constructor(
    private readonly store: SageMakerStore,
    private readonly simulation: Simulation,
    private readonly timings: EmulatorTimings,
    /** Whether an instance type has no capacity now for the variant (the control API's `insufficientCapacity` fault, less a reservation). */
    private readonly capacityRefused: (instanceType: string, spec: VariantSpec) => boolean = () => false,
    /** A CloudWatch alarm's state, for the rolling updates' automatic rollback (undefined: no such alarm). */
    private readonly alarmState: (name: string) => string | undefined = () => undefined,
    /** Told when containers start (their log lines). */
    private readonly containers?: ContainerEvents,
    /** The control API's fault for an inference component's next copies (`componentFaults`). */
    private readonly componentFault: (componentName: string) => ComponentFault | undefined = () => undefined,
  ) {}

  /**
   * The ResourceLimitExceeded sentence a CreateEndpoint gets when one of its variants needs an instance type
   * whose quota a `quotaExceeded` component fault has used up; undefined when none does.
   */
  quotaRefusal(variants: readonly VariantSpec[]): string | undefined {
    const blocked = this.quotaBlockedTypes();
    for (const spec of variants) {
      const instanceType = firstTypeWithCapacity(spec, this.capacityRefused);
      if (instanceType && blocked.has(instanceType)) {
        const utilization = this.instancesOfType(instanceType);
        return quotaExceededMessage(instanceType, utilization, utilization);
      }
    }
    return undefined;
  }

  /** The instance types a new instance of a `quotaExceeded` component would be: the account's quota for them is used up. */
  private quotaBlockedTypes(): Set<string> {
    const types = new Set<string>();
    for (const ic of this.store.state.inferenceComponents) {
      if (this.componentFault(ic.name) !== 'quotaExceeded') continue;
      const endpoint = this.store.state.endpoints.find((candidate) => candidate.id === ic.endpointId);
      const variant = endpoint?.variants.find((candidate) => candidate.spec.variantName === ic.variantName);
      const instanceType = variant ? firstTypeWithCapacity(variant.spec, this.capacityRefused) : undefined;
      if (instanceType) types.add(instanceType);
    }
    return types;
  }

  /** How many instances of a type the account runs or is starting (the quota's current utilization). */
  private instancesOfType(instanceType: string): number {
    let count = 0;
    for (const endpoint of this.store.state.endpoints) {
      for (const variant of endpoint.variants) for (const instance of variant.instances) if (instanceTypeOf(variant, instance) === instanceType) count++;
    }
    return count;
  }

  /** Applies every transition due by `at`, re-places copies, updates statuses and schedules the next wake-up. */
  refresh(at: number = this.simulation.now()): void {
    this.advanceEndpoints(at);
    // Endpoints by id for the passes below, which add or remove none (a lookup per IC would be quadratic).
    const endpoints = new Map(this.store.state.endpoints.map((endpoint) => [endpoint.id, endpoint]));
    this.advanceComponents(at, endpoints);
    for (const ic of this.store.state.inferenceComponents) if (ic.rollout) advanceRollout(ic, at, this.rolloutHost(endpoints));
    for (const ic of this.store.state.inferenceComponents) this.reconcileCopies(ic, at, endpoints);
    this.consolidate(at);
    this.markIdleInstances(at);
    this.releaseIdleInstances(at);
    this.updateStatuses(at, endpoints);
    this.containers?.refreshed(at);
    this.scheduleNextWake(at);
  }

  /** Starts instances for a new endpoint (pending until the endpoint is created). */
  createVariantStates(variants: readonly VariantSpec[], readyAt: number, running: boolean): VariantState[] {
    return variants.map((spec) => {
      const wanted = typesByPriority(spec).length > 0 ? (spec.initialInstanceCount ?? 1) : 0;
      const instanceType = firstTypeWithCapacity(spec, this.capacityRefused);
      const instances = instanceType ? Array.from({ length: wanted }, () => this.newInstance(readyAt, running, instanceType)) : [];
      return { spec, instances, ...(instances.length < wanted ? { provisioningFailed: true } : {}) };
    });
  }

  /**
   * How many copies with `need` the variant could ever hold: free room on its instances now plus, with
   * managed instance scaling, the instances it may still add. Copies of `excluding` do not count.
   */
  capacityFor(endpoint: EndpointRecord, variant: VariantState, need: ResourceRequirements, excluding?: InferenceComponentRecord): number {
    let count = 0;
    for (const instance of variant.instances) {
      const instanceSpec = this.specOf(variant, instance);
      if (!instanceSpec) continue;
      const hosted = this.hostedOn(instance.id, excluding);
      let free = freeResources(instanceSpec, hosted);
      while (fits(free, need) && count < 10_000) {
        count++;
        free = { cpus: free.cpus - need.cpus, memoryMiB: free.memoryMiB - need.memoryMiB, accelerators: free.accelerators - need.accelerators };
      }
    }
    const mis = variant.spec.managedInstanceScaling;
    const spec = this.typeForNewInstance(variant);
    if (spec && mis?.status === 'ENABLED' && endpoint.status !== 'Deleting') {
      const extra = Math.max(0, (mis.maxInstanceCount ?? variant.instances.length) - variant.instances.length);
      let perInstance = 0;
      let free = freeResources(spec, []);
      while (fits(free, need) && perInstance < 10_000) {
        perInstance++;
        free = { cpus: free.cpus - need.cpus, memoryMiB: free.memoryMiB - need.memoryMiB, accelerators: free.accelerators - need.accelerators };
      }
      count += extra * perInstance;
    }
    return count;
  }

  /** The variant's first type by priority (the type its copies are sized against when nothing runs yet). */
  instanceSpec(variant: VariantState): InstanceTypeSpec | undefined {
    const first = typesByPriority(variant.spec)[0];
    return first ? instanceTypes.get(first) : undefined;
  }

  /** Whether the variant's every instance type is refused for lack of capacity (no new instance can start). */
  outOfCapacity(variant: VariantState): boolean {
    return typesByPriority(variant.spec).length > 0 && this.typeForNewInstance(variant) === undefined;
  }

  /** The hardware of one instance of the variant. */
  private specOf(variant: VariantState, instance: InstanceRecord): InstanceTypeSpec | undefined {
    const instanceType = instanceTypeOf(variant, instance);
    return instanceType ? instanceTypes.get(instanceType) : undefined;
  }

  /** The type a new instance would be provisioned as: the first by priority with capacity. */
  private typeForNewInstance(variant: VariantState): InstanceTypeSpec | undefined {
    const instanceType = firstTypeWithCapacity(variant.spec, this.capacityRefused);
    return instanceType ? instanceTypes.get(instanceType) : undefined;
  }

  /** Resource requirements of every copy (of any IC) placed on an instance. */
  hostedOn(instanceId: string, excluding?: InferenceComponentRecord): ResourceRequirements[] {
    const hosted: ResourceRequirements[] = [];
    for (const ic of this.store.state.inferenceComponents) {
      if (ic === excluding) continue;
      for (const copy of ic.copies) if (copy.instanceId === instanceId) hosted.push(copy.requirements ?? ic.requirements);
    }
    return hosted;
  }

  stop(): void {
    this.simulation.cancel(this.wake);
    this.wake = undefined;
  }

  private newInstance(readyAt: number, running: boolean, instanceType: string | undefined): InstanceRecord {
    return {
      id: `i-${this.store.newId('inst').slice(5)}`,
      ...(instanceType ? { instanceType } : {}),
      state: running ? 'running' : 'pending',
      readyAt,
      idleSince: running ? readyAt : undefined,
    };
  }

  private advanceEndpoints(at: number): void {
    const state = this.store.state;
    for (const endpoint of [...state.endpoints]) {
      const due = endpoint.transitionEndsAt;
      if (due !== undefined && due <= at) {
        if (endpoint.status === 'Creating' && endpoint.variants.some((variant) => variant.provisioningFailed)) {
          endpoint.status = 'Failed';
          endpoint.failureReason = insufficientCapacityMessage;
          endpoint.lastModifiedTime = due;
          endpoint.transitionEndsAt = undefined;
        } else if (endpoint.status === 'Creating') {
          endpoint.status = 'InService';
          endpoint.lastModifiedTime = due;
          endpoint.transitionEndsAt = undefined;
          this.containers?.endpointServing(endpoint, due);
        } else if (endpoint.status === 'Updating') {
          this.applyPendingConfig(endpoint, due);
          endpoint.status = 'InService';
          endpoint.lastModifiedTime = due;
          endpoint.transitionEndsAt = undefined;
          this.containers?.endpointServing(endpoint, due);
        } else if (endpoint.status === 'Deleting') {
          state.endpoints.splice(state.endpoints.indexOf(endpoint), 1);
          // Inference components outlive their endpoint through the API: still listed, name taken, no copies.
          for (const ic of this.store.componentsOf(endpoint)) {
            ic.copies = [];
            ic.lastModifiedTime = due;
          }
          continue;
        }
      }
      for (const variant of endpoint.variants) {
        for (const instance of variant.instances) {
          if (instance.state === 'pending' && instance.readyAt <= at) instance.state = 'running';
        }
      }
    }
  }

  private applyPendingConfig(endpoint: EndpointRecord, at: number): void {
    const config = endpoint.pendingConfigName ? this.store.endpointConfig(endpoint.pendingConfigName) : undefined;
    endpoint.pendingConfigName = undefined;
    if (!config) return;
    const next: VariantState[] = [];
    for (const spec of config.variants) {
      const existing = endpoint.variants.find((variant) => variant.spec.variantName === spec.variantName);
      if (existing && typesByPriority(existing.spec).join() === typesByPriority(spec).join()) {
        existing.spec = spec;
        const mis = spec.managedInstanceScaling;
        const floor = mis?.status === 'ENABLED' ? (mis.minInstanceCount ?? 0) : (spec.initialInstanceCount ?? 1);
        const instanceType = firstTypeWithCapacity(spec, this.capacityRefused);
        while (instanceType && existing.instances.length < floor) existing.instances.push(this.newInstance(at, true, instanceType));
        if (mis?.status === 'ENABLED' && mis.maxInstanceCount !== undefined) {
          this.shrinkTo(existing, mis.maxInstanceCount);
        }
        next.push(existing);
      } else {
        if (existing) this.dropCopiesOn(existing.instances);
        next.push(...this.createVariantStates([spec], at, true));
      }
    }
    for (const old of endpoint.variants) {
      if (!next.includes(old)) this.dropCopiesOn(old.instances);
    }
    endpoint.variants = next;
    endpoint.configName = config.name;
    endpoint.metricsConfig = config.metricsConfig;
  }

  /** Removes instances beyond `count`, emptiest first; their copies are placed again elsewhere. */
  private shrinkTo(variant: VariantState, count: number): void {
    while (variant.instances.length > count) {
      const byLoad = [...variant.instances].sort((a, b) => this.hostedOn(a.id).length - this.hostedOn(b.id).length);
      const victim = byLoad[0];
      this.dropCopiesOn([victim]);
      variant.instances.splice(variant.instances.indexOf(victim), 1);
    }
  }

  private dropCopiesOn(instances: readonly InstanceRecord[]): void {
    const ids = new Set(instances.map((instance) => instance.id));
    for (const ic of this.store.state.inferenceComponents) ic.copies = ic.copies.filter((copy) => !ids.has(copy.instanceId));
  }

  private advanceComponents(at: number, endpoints: ReadonlyMap<string, EndpointRecord>): void {
    const state = this.store.state;
    for (const ic of [...state.inferenceComponents]) {
      if (ic.status === 'Deleting' && ic.deleteAt !== undefined && ic.deleteAt <= at) {
        state.inferenceComponents.splice(state.inferenceComponents.indexOf(ic), 1);
        continue;
      }
      const endpoint = endpoints.get(ic.endpointId);
      for (const copy of ic.copies) {
        const instance = endpoint ? this.findInstance(endpoint, copy.instanceId) : undefined;
        if (copy.state === 'waiting' && instance?.state === 'running') this.startCopy(ic, copy, instance, Math.max(instance.readyAt, copy.placedAt));
        if (copy.state === 'starting' && copy.readyAt !== undefined && copy.readyAt <= at) {
          if (copy.failsWith) this.failCopy(ic, copy, copy.readyAt);
          else {
            copy.state = 'running';
            if (instance && cachesData(ic) && !(instance.cachedComponents ?? []).includes(ic.name)) {
              instance.cachedComponents = [...(instance.cachedComponents ?? []), ic.name];
            }
          }
        }
      }
      ic.copies = ic.copies.filter((copy) => !copy.failsWith || copy.state !== 'starting' || (copy.readyAt ?? Infinity) > at);
      ic.copies = ic.copies.filter((copy) => !(copy.state === 'stopping' && copy.readyAt !== undefined && copy.readyAt <= at));
    }
  }

  /** A copy starts on a running instance: it serves (or fails, past a StartupParameters timeout) after its start time. */
  private startCopy(ic: InferenceComponentRecord, copy: CopyRecord, instance: InstanceRecord, from: number): void {
    const kind = this.componentFault(ic.name);
    const container = kind === 'imagePullDenied' ? containerOf(ic, this.store) : undefined;
    const fault = kind ? { kind, imagePullFailure: container ? imagePullDeniedFailure(container.roleArn, container.image) : '' } : undefined;
    const start = copyStart(ic, instance, this.timings, fault);
    copy.state = 'starting';
    copy.readyAt = from + start.seconds * 1000;
    if (start.failure) copy.failsWith = start.failure;
    this.containers?.copyStarted(ic, copy, instance, start, from);
  }

  /**
   * A copy that failed to start: it goes, and the component fails with the copy's reason, as a component
   * whose copy cannot start does not reach InService (a later UpdateInferenceComponent… tries again).
   */
  private failCopy(ic: InferenceComponentRecord, copy: CopyRecord, at: number): void {
    ic.status = 'Failed';
    ic.failureReason = copy.failsWith;
    ic.lastModifiedTime = at;
  }

  private findInstance(endpoint: EndpointRecord, instanceId: string): InstanceRecord | undefined {
    for (const variant of endpoint.variants) {
      const instance = variant.instances.find((candidate) => candidate.id === instanceId);
      if (instance) return instance;
    }
    return undefined;
  }

  /** What a rolling update (rollingUpdate.ts) needs: placing one copy beside the others, the alarms' states. */
  private rolloutHost(endpoints: ReadonlyMap<string, EndpointRecord>): RolloutHost {
    return {
      placeCopy: (ic, requirements, generation, at) => {
        const endpoint = endpoints.get(ic.endpointId);
        const variant = endpoint?.variants.find((candidate) => candidate.spec.variantName === ic.variantName);
        if (!endpoint || endpoint.status === 'Deleting' || !variant) return false;
        const copy = this.placeCopy(ic, variant, requirements, at);
        if (copy) {
          copy.generation = generation;
          copy.requirements = requirements;
        }
        return copy !== undefined;
      },
      alarmState: this.alarmState,
      copyStopMs: this.timings.copyStopSeconds * 1000,
    };
  }

  private reconcileCopies(ic: InferenceComponentRecord, at: number, endpoints: ReadonlyMap<string, EndpointRecord>): void {
    // A rolling update places and stops the component's copies itself.
    if (ic.status === 'Deleting' || ic.status === 'Failed' || ic.rollout) return;
    const endpoint = endpoints.get(ic.endpointId);
    if (!endpoint || endpoint.status === 'Deleting') return;
    const variant = endpoint.variants.find((candidate) => candidate.spec.variantName === ic.variantName);
    if (!variant) return;
    ic.capacityShortfall = undefined;
    const active = ic.copies.filter((copy) => copy.state !== 'stopping');
    if (active.length > ic.desiredCopyCount) {
      const rank = { waiting: 0, starting: 1, running: 2, stopping: 3 } as const;
      const victims = [...active]
        .sort((a, b) => rank[a.state] - rank[b.state] || b.placedAt - a.placedAt)
        .slice(0, active.length - ic.desiredCopyCount);
      variant.lastOperationAt = at;
      for (const copy of victims) {
        if (copy.state === 'running') {
          copy.state = 'stopping';
          copy.readyAt = at + this.timings.copyStopSeconds * 1000;
        } else {
          ic.copies.splice(ic.copies.indexOf(copy), 1);
        }
      }
      return;
    }
    if (typesByPriority(variant.spec).length === 0) return;
    for (let missing = ic.desiredCopyCount - active.length; missing > 0; missing--) {
      if (!this.placeCopy(ic, variant, ic.requirements, at)) break;
    }
  }

  /** Places one copy of `ic` needing `requirements`: on an instance with room, or a new one managed scaling may add. */
  private placeCopy(ic: InferenceComponentRecord, variant: VariantState, requirements: ResourceRequirements, at: number): CopyRecord | undefined {
    let instance = this.instanceWithRoom(variant, ic, requirements);
    if (!instance) {
      const mis = variant.spec.managedInstanceScaling;
      const max = mis?.status === 'ENABLED' ? (mis.maxInstanceCount ?? variant.instances.length) : variant.instances.length;
      // Falls back by priority past the types without capacity (InstancePool.Priority).
      const instanceType = firstTypeWithCapacity(variant.spec, this.capacityRefused);
      const spec = instanceType ? instanceTypes.get(instanceType) : undefined;
      if (!instanceType && variant.instances.length < max) ic.capacityShortfall = insufficientCapacityMessage;
      // The control API's component faults: no instance of any type starts for this component, or the quota refuses one.
      const fault = this.componentFault(ic.name);
      if (instanceType && variant.instances.length < max && (fault === 'insufficientCapacity' || fault === 'quotaExceeded')) {
        const utilization = this.instancesOfType(instanceType);
        ic.capacityShortfall = fault === 'insufficientCapacity' ? insufficientCapacityMessage : quotaExceededMessage(instanceType, utilization, utilization);
        return undefined;
      }
      if (!spec || variant.instances.length >= max || !fits(freeResources(spec, []), requirements)) return undefined;
      instance = this.newInstance(at + this.timings.instanceProvisioningSeconds * 1000, false, instanceType);
      variant.instances.push(instance);
      variant.scalingSince ??= at;
    }
    const copy: CopyRecord = { id: this.store.newId('copy'), instanceId: instance.id, state: 'waiting', placedAt: at, inFlight: 0 };
    if (instance.state === 'running') this.startCopy(ic, copy, instance, at);
    instance.idleSince = undefined;
    ic.copies.push(copy);
    variant.lastOperationAt = at;
    return copy;
  }

  /**
   * The instance with room for one more copy of `ic` (running before provisioning, oldest first). Its
   * SchedulingConfig.PlacementStrategy decides among them: BINPACK the one hosting the most copies (fewer
   * instances in use), SPREAD the one hosting the fewest copies of this component (copies spread out).
   * Without one, the first in that order.
   */
  private instanceWithRoom(variant: VariantState, ic: InferenceComponentRecord, requirements: ResourceRequirements = ic.requirements): InstanceRecord | undefined {
    const ordered = [...variant.instances.filter((i) => i.state === 'running'), ...variant.instances.filter((i) => i.state === 'pending')];
    const withRoom = ordered.filter((instance) => {
      const spec = this.specOf(variant, instance);
      return spec !== undefined && fits(freeResources(spec, this.hostedOn(instance.id)), requirements);
    });
    const strategy = placementStrategy(ic);
    if (!strategy || withRoom.length < 2) return withRoom[0];
    const score = (instance: InstanceRecord) =>
      strategy === 'BINPACK' ? -this.hostedOn(instance.id).length : ic.copies.filter((copy) => copy.instanceId === instance.id && copy.state !== 'stopping').length;
    // A stable choice: the lowest score, ties to the earlier instance in the order above.
    return withRoom.reduce((best, instance) => (score(instance) < score(best) ? instance : best));
  }

  private markIdleInstances(at: number): void {
    // Every instance hosting a copy, in one pass (hostedOn per instance would be quadratic).
    const hosting = new Set<string>();
    for (const ic of this.store.state.inferenceComponents) for (const copy of ic.copies) hosting.add(copy.instanceId);
    for (const endpoint of this.store.state.endpoints) {
      for (const variant of endpoint.variants) {
        for (const instance of variant.instances) {
          if (instance.state !== 'running') continue;
          const hosts = hosting.has(instance.id);
          if (hosts) instance.idleSince = undefined;
          else instance.idleSince ??= at;
        }
        if (!variant.instances.some((instance) => instance.state === 'pending')) variant.scalingSince = undefined;
      }
    }
  }

  private releaseIdleInstances(at: number): void {
    const idleMs = this.timings.instanceIdleReleaseSeconds * 1000;
    for (const endpoint of this.store.state.endpoints) {
      if (endpoint.status !== 'InService' && endpoint.status !== 'Updating') continue;
      for (const variant of endpoint.variants) {
        const mis = variant.spec.managedInstanceScaling;
        if (mis?.status !== 'ENABLED') continue;
        const min = mis.minInstanceCount ?? 0;
        const idle = variant.instances
          .filter((instance) => instance.state === 'running' && instance.idleSince !== undefined && instance.idleSince + idleMs <= at)
          .sort((a, b) => (a.idleSince ?? 0) - (b.idleSince ?? 0));
        for (const instance of idle) {
          if (variant.instances.length <= min) break;
          variant.instances.splice(variant.instances.indexOf(instance), 1);
          variant.lastOperationAt = at;
        }
      }
    }
  }

  /** When CONSOLIDATION may next look at the variant: CooldownInMinutes after its last operation (the endpoint's own included). */
  private consolidationDueAt(endpoint: EndpointRecord, variant: VariantState): number {
    const cooldownMs = (consolidationPolicy(variant)?.cooldownInMinutes ?? defaultCooldownMinutes) * 60_000;
    return Math.max(endpoint.lastModifiedTime, variant.lastOperationAt ?? 0) + cooldownMs;
  }

  /**
   * ScaleInPolicy CONSOLIDATION: once CooldownInMinutes have passed since the variant's last operation
   * and nothing is starting, stopping or provisioning, moves the copies of the least loaded instances
   * onto the others where they fit, and releases the instances so emptied: at most MaximumStepSize per
   * step, never below MinInstanceCount. A step is itself an operation, so the next waits another cooldown.
   * Moved copies keep serving (AWS starts the new copy before stopping the old one; not confirmed).
   */
  private consolidate(at: number): void {
    for (const endpoint of this.store.state.endpoints) {
      if (endpoint.status !== 'InService') continue;
      for (const variant of endpoint.variants) {
        const policy = consolidationPolicy(variant);
        const spec = this.instanceSpec(variant);
        if (!policy || !spec || at < this.consolidationDueAt(endpoint, variant)) continue;
        if (variant.instances.some((instance) => instance.state !== 'running')) continue;
        const ids = new Set(variant.instances.map((instance) => instance.id));
        const copies = this.store.state.inferenceComponents.flatMap((ic) => ic.copies.filter((copy) => ids.has(copy.instanceId)).map((copy) => ({ ic, copy })));
        if (copies.some(({ ic, copy }) => copy.state !== 'running' || ic.rollout)) continue;
        const min = variant.spec.managedInstanceScaling?.minInstanceCount ?? 0;
        const step = policy.maximumStepSize ?? defaultMaximumStepSize;
        const load = (id: string) => copies.filter(({ copy }) => copy.instanceId === id);
        const candidates = variant.instances.filter((instance) => load(instance.id).length > 0).sort((a, b) => load(a.id).length - load(b.id).length);
        const released: InstanceRecord[] = [];
        for (const victim of candidates) {
          if (released.length >= step || variant.instances.length - released.length <= Math.max(min, 1)) break;
          const moves = this.movesOff(victim, variant, spec, released, load(victim.id));
          if (!moves) continue;
          for (const [copy, target] of moves) copy.instanceId = target.id;
          released.push(victim);
        }
        if (released.length === 0) continue;
        variant.instances = variant.instances.filter((instance) => !released.includes(instance));
        variant.lastOperationAt = at;
      }
    }
  }

  /** Where each copy of `victim` can go on the variant's other instances (not those being released), or undefined if one cannot. */
  private movesOff(
    victim: InstanceRecord,
    variant: VariantState,
    spec: InstanceTypeSpec,
    released: readonly InstanceRecord[],
    copies: readonly { ic: InferenceComponentRecord; copy: CopyRecord }[],
  ): [CopyRecord, InstanceRecord][] | undefined {
    const targets = variant.instances.filter((instance) => instance !== victim && !released.includes(instance));
    const added = new Map<string, ResourceRequirements[]>();
    const moves: [CopyRecord, InstanceRecord][] = [];
    for (const { ic, copy } of copies) {
      const target = targets.find((instance) => fits(freeResources(spec, [...this.hostedOn(instance.id), ...(added.get(instance.id) ?? [])]), ic.requirements));
      if (!target) return undefined;
      added.set(target.id, [...(added.get(target.id) ?? []), ic.requirements]);
      moves.push([copy, target]);
    }
    return moves;
  }

  private updateStatuses(at: number, endpoints: ReadonlyMap<string, EndpointRecord>): void {
    this.adapterDue = advanceAdapters(this.store, at);
    for (const ic of this.store.state.inferenceComponents) {
      // Adapters have no copies of their own; a rolling update keeps its component Updating until it ends.
      if (ic.status === 'Deleting' || ic.status === 'Failed' || isAdapter(ic) || ic.rollout) continue;
      if (!endpoints.has(ic.endpointId)) continue;
      const running = ic.copies.filter((copy) => copy.state === 'running').length;
      const settled = running === ic.desiredCopyCount && ic.copies.every((copy) => copy.state === 'running');
      if (ic.status === 'Creating') {
        if (running >= ic.desiredCopyCount && ic.copies.every((copy) => copy.state === 'running')) {
          ic.status = 'InService';
          ic.lastModifiedTime = at;
        }
      } else if (settled || (ic.capacityShortfall && ic.copies.every((copy) => copy.state === 'running'))) {
        // A copy that cannot be placed for want of an instance (capacity, quota) leaves the component InService with the copies it has.
        if (ic.status !== 'InService') {
          ic.status = 'InService';
          ic.lastModifiedTime = at;
        }
      } else if (ic.status === 'InService') {
        ic.status = 'Updating';
        ic.lastModifiedTime = at;
      }
    }
  }

  private scheduleNextWake(at: number): void {
    const idleMs = this.timings.instanceIdleReleaseSeconds * 1000;
    let next = Infinity;
    const consider = (time: number | undefined) => {
      if (time !== undefined && time > at && time < next) next = time;
    };
    for (const endpoint of this.store.state.endpoints) {
      consider(endpoint.transitionEndsAt);
      for (const variant of endpoint.variants) {
        const mis = variant.spec.managedInstanceScaling;
        const releasable = mis?.status === 'ENABLED' && variant.instances.length > (mis.minInstanceCount ?? 0);
        for (const instance of variant.instances) {
          if (instance.state === 'pending') consider(instance.readyAt);
          else if (releasable && instance.idleSince !== undefined) consider(instance.idleSince + idleMs);
        }
        if (releasable && consolidationPolicy(variant)) consider(this.consolidationDueAt(endpoint, variant));
      }
    }
    consider(this.adapterDue);
    for (const ic of this.store.state.inferenceComponents) {
      if (ic.status === 'Deleting') consider(ic.deleteAt);
      consider(rolloutWakeAt(ic, at));
      for (const copy of ic.copies) if (copy.state === 'starting' || copy.state === 'stopping') consider(copy.readyAt);
    }
    this.simulation.cancel(this.wake);
    this.wake = Number.isFinite(next) ? this.simulation.schedule(next, 'sagemaker', (time) => this.refresh(time)) : undefined;
  }
}
