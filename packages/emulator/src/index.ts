/**
 * The emulator's public API: start one on a port, read and move its clock, reset or seed its account,
 * stop it (all through `RunningEmulator`). Everything else in this package is internal.
 */
import { startEmulator as start, type EmulatorOptions, type RunningEmulator } from './server';

export type { EmulatorOptions, RunningEmulator, EmulatorTimings, ScenarioName, BigAccountOptions, AccountOptions } from './server';

/** Starts the local SageMaker emulator on one HTTP port serving every emulated service. */
export const startEmulator: (options?: EmulatorOptions) => Promise<RunningEmulator> = start;
