import { Simulation } from './clock/simulation';
import { VirtualClock } from './clock/virtualClock';
import { FaultInjector } from './control/faults';
import { SettingRefusals } from './control/settingRefusals';
import { RequestCounts } from './control/requestCounts';
import { type EmulatorCredentials } from './http/authentication';
import { InvocationCounters, MetricsHub } from './runtime/invocationMetrics';
import { createRuntimeService } from './runtime/runtimeService';
import { SageMakerLifecycle } from './sagemaker/lifecycle';
import { withReservation } from './sagemaker/capacityReservation';
import { createSageMakerService } from './sagemaker/sageMakerService';
import { SageMakerStore } from './sagemaker/store';
import { applyScenario, type ScenarioName } from './scenarios/scenarios';
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
import { readStateFile, setAsideStateFile, type SavedState, StateFileWriter } from './state/stateFile';
import { type EmulatorTimings } from './timings';
import { type EmulatorLog } from './emulatorLog';
import { LogStore } from './logs/logStore';
import { ContainerLogWriter } from './logs/containerLogs';
import { createLogsService } from './logs/logsService';

export interface EmulatorSettings {
  timeScale: number;
  scenario: ScenarioName;
  stateFile?: string;
  credentials?: EmulatorCredentials;
  timings: EmulatorTimings;
  region: string;
  accountId: string;
  startTime: number;
  log: EmulatorLog;
}

/**
 * The composition root: one virtual clock and event queue shared by every emulated service, the
 * SageMaker state, the runtime's metrics hook feeding CloudWatch metrics, the alarm evaluator driving
 * Application Auto Scaling, the Scheduler's schedules, injected faults and persistence.
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
  /** IAM's roles (replaced whole by a scenario or a restored file). */
  readonly iam: { state: IamState } = { state: emptyIamState() };

  constructor(readonly settings: EmulatorSettings) {
    let saved: SavedState | undefined;
    if (settings.stateFile) {
      try {
        saved = readStateFile(settings.stateFile);
      } catch (error) {
        // A corrupted or foreign file must not stop the emulator from starting (nor make every start fail).
        this.discardStateFile(settings, error);
      }
    }
    this.clock = new VirtualClock(saved?.virtualNow ?? settings.startTime, settings.timeScale);
    this.simulation = new Simulation(this.clock, (error, label) =>
      settings.log('error', `Simulated event "${label}" failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    );
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
    this.scenarioServices = { autoscaling, cloudwatch, schedules: this.schedules, iam: this.iam, invocationMetrics: publisher, ...account };
    this.services = [
      sagemaker,
      createRuntimeService({ store: this.store, simulation: this.simulation, timings: settings.timings, metrics: this.metrics }),
      autoscaling,
      cloudwatch,
      createSchedulerService(this.schedules, (roleArn, now) => schedulerCanAssume(this.iam.state, roleArn, now, settings.timings.rolePropagationSeconds * 1000)),
      createIamService(() => this.iam.state),
      createLogsService(this.logStore),
    ];
    let restored = false;
    if (saved) {
      try {
        this.restore(saved);
        restored = true;
        settings.log('info', `Restored state from ${settings.stateFile}`);
      } catch (error) {
        this.discardStateFile(settings, error);
        this.clearServices();
      }
    }
    if (!restored) {
      applyScenario(settings.scenario, this.store, this.lifecycle, this.clock.now(), this.scenarioServices);
      this.containerLogs.backfill();
    }
    this.alarms.start();
    this.simulation.onAfterEvent((at) => this.scaling.settle(at));
    this.simulation.onAfterEvent(() => this.persist());
    // The file exists from the start (then it follows the changes, debounced).
    if (settings.stateFile) {
      this.persist();
      this.stateWriter?.flush();
    }
  }

  /** Puts a saved state in place; throws on a file whose records are not what they should be. */
  private restore(saved: SavedState): void {
    this.store.state = saved.sagemaker;
    for (const ic of this.store.state.inferenceComponents) for (const copy of ic.copies) copy.inFlight = 0;
    if (saved.services) {
      this.alarms.alarms = saved.services.alarms;
      this.metricStore.restore(saved.services.metrics);
      this.scaling.state = saved.services.autoscaling;
      this.schedules.state = saved.services.scheduler;
      if (saved.services.iam) this.iam.state = saved.services.iam;
      if (saved.services.logs) this.logStore.state = saved.services.logs;
      if (saved.services.alarmHistory) this.alarms.history.items = saved.services.alarmHistory;
    }
    this.containerLogs.reopen(this.clock.now());
    this.lifecycle.refresh(this.clock.now());
    this.scaling.armScheduledActions();
    this.schedules.armAll();
  }

  /** Sets an unusable state file aside (kept for inspection) with a warning; the emulator starts from its scenario. */
  private discardStateFile(settings: EmulatorSettings, error: unknown): void {
    const path = settings.stateFile!;
    const reason = error instanceof Error ? error.message : String(error);
    const aside = setAsideStateFile(path);
    settings.log(
      'warn',
      `Ignoring the state file ${path}: ${reason.slice(0, 300)}. Starting from the "${settings.scenario}" scenario${aside ? `; the old file was kept as ${aside}` : ''}.`,
    );
  }

  reset(scenario: ScenarioName): void {
    this.generation++;
    this.simulation.catchUp();
    this.counters.clear();
    this.faults.clear();
    this.alarms.hold({}, this.simulation.now());
    this.refusals.clear();
    this.clearServices();
    applyScenario(scenario, this.store, this.lifecycle, this.simulation.now(), this.scenarioServices);
    this.containerLogs.backfill();
    this.alarms.start();
    this.persist();
  }

  /** Adds a big, settled account to the current state (POST /__emulator/seed). */
  seed(options: BigAccountOptions): { endpoints: string[]; inferenceComponents: string[] } {
    this.simulation.catchUp();
    const seeded = seedBigAccount(this.store, this.lifecycle, this.simulation.now(), options);
    this.persist();
    return seeded;
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
      const steps = seedSteps(this.store, this.lifecycle, this.simulation.now(), options, () => this.simulation.now());
      for (;;) {
        const step = steps.next();
        if (step.done) {
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
    this.iam.state = emptyIamState();
    this.logStore.clear();
    this.containerLogs.clear();
  }

  /** True once stopped: nothing is written any more (a request still in flight must not overwrite a restarted emulator's file). */
  get stopped(): boolean {
    return this.stoppedAt !== undefined;
  }

  private stoppedAt: number | undefined;
  private stateWriter: StateFileWriter | undefined;

  /**
   * Marks the state changed: the state file, if one is configured, is written shortly after (once for
   * any number of changes in between, without holding the event loop) and on stop. Never throws: a
   * failed write is logged.
   */
  persist(): void {
    const path = this.settings.stateFile;
    if (!path || this.stopped) return;
    this.stateWriter ??= new StateFileWriter(
      path,
      () => ({
        version: 1,
        virtualNow: this.clock.now(),
        sagemaker: this.store.state,
        services: { alarms: this.alarms.alarms, metrics: this.metricStore.snapshot(), autoscaling: this.scaling.state, scheduler: this.schedules.state, iam: this.iam.state, logs: this.logStore.state, alarmHistory: this.alarms.history.items },
      }),
      (error) => this.settings.log('error', `Could not write state file ${path}: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.stateWriter.changed();
  }

  stop(): void {
    this.lifecycle.stop();
    this.alarms.stop();
    this.scaling.stop();
    this.schedules.stop();
    this.simulation.stop();
    if (this.settings.stateFile && !this.stopped) {
      this.persist();
      this.stateWriter?.flush();
    }
    this.stoppedAt = Date.now();
  }
}
