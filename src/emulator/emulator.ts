import { Simulation } from './clock/simulation';
import { VirtualClock } from './clock/virtualClock';
import { FaultInjector } from './control/faults';
import { type EmulatorCredentials } from './http/authentication';
import { InvocationCounters, MetricsHub } from './runtime/invocationMetrics';
import { createRuntimeService } from './runtime/runtimeService';
import { SageMakerLifecycle } from './sagemaker/lifecycle';
import { createSageMakerService } from './sagemaker/sageMakerService';
import { SageMakerStore } from './sagemaker/store';
import { applyScenario, type ScenarioName } from './scenarios/scenarios';
import { applicationAutoScalingService, cloudWatchService, schedulerService } from './services/placeholderServices';
import { type EmulatedService } from './services/service';
import { readStateFile, writeStateFile } from './state/stateFile';
import { type EmulatorTimings } from './timings';

export type EmulatorLog = (level: 'info' | 'warn' | 'error', message: string) => void;

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
 * SageMaker state, the runtime's metrics hook, injected faults and persistence. Part 2 registers
 * Application Auto Scaling, CloudWatch and Scheduler implementations in `services` in place of the
 * placeholders, on the same simulation.
 */
export class Emulator {
  readonly clock: VirtualClock;
  readonly simulation: Simulation;
  readonly store: SageMakerStore;
  readonly lifecycle: SageMakerLifecycle;
  readonly metrics = new MetricsHub();
  readonly counters = new InvocationCounters();
  readonly faults = new FaultInjector();
  readonly services: EmulatedService[];

  constructor(readonly settings: EmulatorSettings) {
    const saved = settings.stateFile ? readStateFile(settings.stateFile) : undefined;
    this.clock = new VirtualClock(saved?.virtualNow ?? settings.startTime, settings.timeScale);
    this.simulation = new Simulation(this.clock, (error, label) =>
      settings.log('error', `Simulated event "${label}" failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    );
    this.store = new SageMakerStore(settings.region, settings.accountId);
    this.lifecycle = new SageMakerLifecycle(this.store, this.simulation, settings.timings);
    this.metrics.add(this.counters);
    const deps = { store: this.store, lifecycle: this.lifecycle, timings: settings.timings };
    this.services = [
      createSageMakerService(deps),
      createRuntimeService({ store: this.store, simulation: this.simulation, timings: settings.timings, metrics: this.metrics }),
      applicationAutoScalingService(),
      cloudWatchService(),
      schedulerService(),
    ];
    if (saved) {
      this.store.state = saved.sagemaker;
      for (const ic of this.store.state.inferenceComponents) for (const copy of ic.copies) copy.inFlight = 0;
      this.lifecycle.refresh(this.clock.now());
      settings.log('info', `Restored state from ${settings.stateFile}`);
    } else {
      applyScenario(settings.scenario, this.store, this.lifecycle, this.clock.now());
    }
    this.simulation.onAfterEvent(() => this.persist());
  }

  reset(scenario: ScenarioName): void {
    this.simulation.catchUp();
    this.counters.clear();
    this.faults.clear();
    applyScenario(scenario, this.store, this.lifecycle, this.simulation.now());
    this.persist();
  }

  /** Writes the state file, if one is configured. Never throws: a failed write is logged. */
  persist(): void {
    const path = this.settings.stateFile;
    if (!path) return;
    try {
      writeStateFile(path, { version: 1, virtualNow: this.clock.now(), sagemaker: this.store.state });
    } catch (error) {
      this.settings.log('error', `Could not write state file ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  stop(): void {
    this.lifecycle.stop();
    this.simulation.stop();
    this.persist();
  }
}
