import { type Simulation } from './clock/simulation';
import { type VirtualClock } from './clock/virtualClock';
import { FaultInjector } from './control/faults';
import { SettingRefusals } from './control/settingRefusals';
import { RequestCounts } from './control/requestCounts';
import { InvocationCounters, MetricsHub } from './runtime/invocationMetrics';
import { createRuntimeService } from './runtime/runtimeService';
import { SageMakerLifecycle } from './sagemaker/lifecycle';
import { withReservation } from './sagemaker/capacityReservation';
import { createSageMakerService } from './sagemaker/sageMakerService';
import { SageMakerStore } from './sagemaker/store';
import { applyScenario, type ScenarioName, type ScenarioPart } from './scenarios/scenarios';
import { type ScenarioServices } from './scenarios/scenarioServices';
import { type BigAccountOptions, seedBeyondLimits, seedBigAccount, seedSteps, type SeededNames } from './scenarios/bigAccount';
import { ServiceError } from './http/serviceError';
import { emptyAutoScalingState } from './autoscaling/records';
import { emptySchedulerState } from './scheduler/scheduleRecords';
import { createAutoScalingService } from './autoscaling/autoScalingService';
import { ScalingEngine } from './autoscaling/scalingEngine';
import { AlarmEngine } from './cloudwatch/alarmEngine';
import { createCloudWatchService } from './cloudwatch/cloudWatchService';
import { MetricStore } from './cloudwatch/metricStore';
import { SageMakerMetricsPublisher } from './cloudwatch/sageMakerMetrics';
import { ScheduleRunner } from './scheduler/scheduleRunner';
import { createSchedulerService } from './scheduler/schedulerService';
import { type EmulatedService } from './services/service';
import { emptyIamState, type IamState, schedulerCanAssume } from './iam/iamRecords';
import { createIamService } from './iam/iamService';
import { type SavedPartition } from './state/stateFile';
import { type EmulatorTimings } from './timings';
import { type EmulatorLog } from './emulatorLog';
import { LogStore } from './logs/logStore';
import { ContainerLogWriter } from './logs/containerLogs';
import { createLogsService } from './logs/logsService';
import { callOperation } from './services/internalCalls';

export interface EmulatorSettings {
  scenario: ScenarioName;
  timings: EmulatorTimings;
  region: string;
  accountId: string;
  log: EmulatorLog;
}

/** What a partition gets from the world it lives in (accounts/emulatorWorld.ts). */
export interface PartitionContext {
  /** Its view of the shared simulation: one clock and one event queue for every partition. */
  simulation: Simulation;
  /** The account's home partition (the demo's original endpoints live there); other regions get the scenario's regional part. */
  home: boolean;
  /** Its saved state, restored instead of the scenario; a restore that fails throws (the world starts afresh). */
  saved?: SavedPartition;
  /** The state changed: the world's state file follows. */
  changed(): void;
  /** The account's IAM (global: one for all its partitions). */
  iam: { state: IamState };
}

/**
 * One partition of the emulator: one account in one region, with every emulated service's state
 * there: the SageMaker state, the runtime's metrics hook feeding CloudWatch metrics, the alarm
 * evaluator driving Application Auto Scaling, the Scheduler's schedules, injected faults. The clock,
 * the routing between partitions and persistence belong to the world (accounts/emulatorWorld.ts).
 */
export class Emulator {
  readonly clock: VirtualClock;
  readonly simulation: Simulation;
  readonly store: SageMakerStore;
  readonly lifecycle: SageMakerLifecycle;
  readonly metrics = new MetricsHub();
  readonly counters = new InvocationCounters();
  readonly faults = new FaultInjector();
  /** Settings refused as some regions refuse them (control API /__emulator/refusals). */
  readonly refusals = new SettingRefusals();
  readonly requests = new RequestCounts();
  readonly services: EmulatedService[];
  readonly metricStore = new MetricStore();
  /** CloudWatch Logs: the containers' log groups, streams and events. */
  readonly logStore = new LogStore();
  readonly containerLogs: ContainerLogWriter;
  readonly alarms: AlarmEngine;
  readonly scaling: ScalingEngine;
  readonly schedules: ScheduleRunner;
  readonly scenarioServices: ScenarioServices;
  /**
   * IAM's roles (replaced whole by a scenario or a restored file): IAM is global, so every partition of
   * an account shares its holder, and only the home partition resets, restores and saves it.
   */
  readonly iam: { state: IamState };

  constructor(
    readonly settings: EmulatorSettings,
    private readonly context: PartitionContext,
  ) {
    const saved = context.saved;
    this.iam = context.iam;
    this.simulation = context.simulation;
    this.clock = context.simulation.clock;
    this.store = new SageMakerStore(settings.region, settings.accountId);
    this.containerLogs = new ContainerLogWriter(this.logStore, this.store, settings.timings);
    this.lifecycle = new SageMakerLifecycle(this.store, this.simulation, settings.timings, withReservation((instanceType) => this.faults.capacityRefused(instanceType)),
      // The alarm engine is built below; a rolling update asks it only later, on the clock.
      (name) => this.alarms.stateOf(name),
      this.containerLogs,
      (name) => this.faults.componentFault(name),
    );
    this.metrics.add(this.counters);
    // Each request a container served writes its access line.
    this.metrics.add({
      noCapacity: () => undefined,
      started: () => undefined,
      finished: (target, at, _inFlight, outcome) => {
        if (outcome === 'success') this.containerLogs.invocationServed(target.endpointName, target.inferenceComponentName, target.copyId, at);
      },
    });
    const deps = { store: this.store, lifecycle: this.lifecycle, timings: settings.timings, refusals: this.refusals };
    const sagemaker = createSageMakerService(deps);
    const publisher = new SageMakerMetricsPublisher(this.store, this.metricStore);
    // An endpoint with MetricsConfig publishes its invocation metrics at their interval's end; others after the fixed delay.
    this.alarms = new AlarmEngine(this.simulation, this.metricStore, (alarm) => (publisher.publishIntervalFor(alarm) ?? settings.timings.metricPublishDelaySeconds) * 1000);
    this.metrics.add(publisher);
    this.alarms.onTick((at) => publisher.publish(at));
    const account = { region: settings.region, accountId: settings.accountId };
    this.scaling = new ScalingEngine({ simulation: this.simulation, alarms: this.alarms, store: this.store, sagemaker, ...account });
    this.schedules = new ScheduleRunner(this.simulation, { sagemaker }, account, settings.log);
    const autoscaling = createAutoScalingService({
      engine: this.scaling,
      alarms: this.alarms,
      store: this.store,
      activityRetentionMs: () => settings.timings.scalingActivityRetentionSeconds * 1000,
    });
    const cloudwatch = createCloudWatchService(this.alarms);
    this.scenarioServices = { autoscaling, cloudwatch, schedules: this.schedules, iam: this.iam, invocationMetrics: publisher, metricStore: this.metricStore, ...account };
    this.services = [
      sagemaker,
      createRuntimeService({ store: this.store, simulation: this.simulation, timings: settings.timings, metrics: this.metrics }),
      autoscaling,
      cloudwatch,
      createSchedulerService(this.schedules, (roleArn, now) => schedulerCanAssume(this.iam.state, roleArn, now, settings.timings.rolePropagationSeconds * 1000)),
      createIamService(() => this.iam.state),
      createLogsService(this.logStore),
    ];
    if (saved) {
      try {
        this.restore(saved);
      } catch (error) {
        this.dispose();
        throw error;
      }
    } else {
      applyScenario(settings.scenario, this.store, this.lifecycle, this.clock.now(), this.scenarioServices, this.scenarioPart());
      this.containerLogs.backfill();
    }
    this.alarms.start();
    this.simulation.onAfterEvent((at) => this.scaling.settle(at));
    this.simulation.onAfterEvent(() => this.persist());
  }

  /** Which part of a scenario this partition gets: the home partition the original, another region its regional part. */
  private scenarioPart(): ScenarioPart {
    return this.context.home ? 'home' : this.settings.region;
  }

  /** What the state file keeps of this partition. */
  savedState(): SavedPartition {
    return {
      accountId: this.settings.accountId,
      region: this.settings.region,
      sagemaker: this.store.state,
      services: {
        alarms: this.alarms.alarms,
        metrics: this.metricStore.snapshot(),
        autoscaling: this.scaling.state,
        scheduler: this.schedules.state,
        ...(this.context.home ? { iam: this.iam.state } : {}),
        logs: this.logStore.state,
        alarmHistory: this.alarms.history.items,
      },
    };
  }

  /** Puts a saved state in place; throws on a file whose records are not what they should be. */
  private restore(saved: SavedPartition): void {
    this.store.state = saved.sagemaker;
    for (const ic of this.store.state.inferenceComponents) for (const copy of ic.copies) copy.inFlight = 0;
    if (saved.services) {
      this.alarms.alarms = saved.services.alarms;
      this.metricStore.restore(saved.services.metrics);
      this.scaling.state = saved.services.autoscaling;
      this.schedules.state = saved.services.scheduler;
      if (saved.services.iam && this.context.home) this.iam.state = saved.services.iam;
      if (saved.services.logs) this.logStore.state = saved.services.logs;
      if (saved.services.alarmHistory) this.alarms.history.items = saved.services.alarmHistory;
    }
    this.containerLogs.reopen(this.clock.now());
    this.lifecycle.refresh(this.clock.now());
    this.scaling.armScheduledActions();
    this.schedules.armAll();
  }

  reset(scenario: ScenarioName): void {
    this.generation++;
    this.simulation.catchUp();
    this.counters.clear();
    this.faults.clear();
    this.alarms.hold({}, this.simulation.now());
    this.refusals.clear();
    this.clearServices();
    applyScenario(scenario, this.store, this.lifecycle, this.simulation.now(), this.scenarioServices, this.scenarioPart());
    this.containerLogs.backfill();
    this.alarms.start();
    this.persist();
  }

  /** Adds a big, settled account to the current state (POST /__emulator/seed). */
  seed(options: BigAccountOptions): SeededNames {
    this.simulation.catchUp();
    const seeded = seedBigAccount(this.store, this.lifecycle, this.simulation.now(), options, this.metricStore);
    if (options.scalableTargets) this.registerSeededTargets(seeded);
    this.persist();
    return seeded;
  }

  /** The seeded ICs as scalable targets (through Application Auto Scaling's own operation): MinCapacity 0, or 1 on always-on endpoints. */
  private registerSeededTargets(seeded: SeededNames): void {
    const caller = { service: 'emulator', region: this.settings.region, accountId: this.settings.accountId, now: () => this.simulation.now() };
    const alwaysOn = new Set(seeded.alwaysOn);
    for (const ic of seeded.inferenceComponents) {
      callOperation(
        this.scenarioServices.autoscaling,
        'RegisterScalableTarget',
        { ServiceNamespace: 'sagemaker', ResourceId: `inference-component/${ic}`, ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount', MinCapacity: alwaysOn.has(ic) ? 1 : 0, MaxCapacity: 4 },
        caller,
      );
    }
  }

  /** Bumped by every reset: a seed running in chunks stops when the account it was seeding is gone. */
  private generation = 0;
  private seeding = false;

  /**
   * POST /__emulator/seed: the same seed, capped (bigAccountLimits) and built in chunks with the event
   * loop free between them, so that other requests, the clock and SIGTERM are answered meanwhile.
   * One seed at a time; a reset or stop during the seed ends it (the reset's account stays as it is).
   */
  async seedInChunks(options: BigAccountOptions, pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<SeededNames> {
    if (this.seeding) throw new ServiceError('Conflict', 'A seed is already running: wait for it to finish.', 409);
    this.simulation.catchUp();
    const beyond = seedBeyondLimits(this.store, options);
    if (beyond) throw new ServiceError('ValidationException', beyond, 400);
    this.seeding = true;
    const generation = this.generation;
    try {
      const steps = seedSteps(this.store, this.lifecycle, this.simulation.now(), options, () => this.simulation.now(), this.metricStore);
      for (;;) {
        const step = steps.next();
        if (step.done) {
          if (options.scalableTargets) this.registerSeededTargets(step.value);
          this.persist();
          return step.value;
        }
        await pause();
        if (this.stopped) throw new ServiceError('ServiceUnavailable', 'The emulator was stopped during the seed.', 503);
        if (generation !== this.generation) throw new ServiceError('Conflict', 'The account was reset during the seed.', 409);
        this.simulation.catchUp();
      }
    } finally {
      this.seeding = false;
    }
  }

  private clearServices(): void {
    this.scaling.stop();
    this.schedules.stop();
    this.alarms.alarms = [];
    this.alarms.history.items = [];
    this.metricStore.clear();
    this.scaling.state = emptyAutoScalingState();
    this.schedules.state = emptySchedulerState();
    if (this.context.home) this.iam.state = emptyIamState();
    this.logStore.clear();
    this.containerLogs.clear();
  }

  /** True once stopped: nothing is written any more (a request still in flight must not overwrite a restarted emulator's file). */
  get stopped(): boolean {
    return this.stoppedAt !== undefined;
  }

  private stoppedAt: number | undefined;

  /** Marks the state changed: the world's state file, if one is configured, follows (debounced). */
  persist(): void {
    if (this.stopped) return;
    this.context.changed();
  }

  /** Stops the partition's engines (the world stops the clock and writes the file). */
  stop(): void {
    this.lifecycle.stop();
    this.alarms.stop();
    this.scaling.stop();
    this.schedules.stop();
    this.stoppedAt = Date.now();
  }

  /** Stops it and drops its pending events: the partition is gone (a reset of its account, a failed restore). */
  dispose(): void {
    this.stop();
    this.simulation.cancelOwn();
  }
}
