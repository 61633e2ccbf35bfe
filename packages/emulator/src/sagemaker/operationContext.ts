import { type SettingRefusalConfig } from '../control/settingRefusals';
import { type EmulatorTimings } from '../timings';
import { type SageMakerLifecycle } from './lifecycle';
import { type SageMakerStore } from './store';

/** What the SageMaker operation handlers share. */
export interface SageMakerDeps {
  readonly store: SageMakerStore;
  readonly lifecycle: SageMakerLifecycle;
  readonly timings: EmulatorTimings;
  /** Settings refused on request, as some regions refuse them (control API). */
  readonly refusals: Readonly<SettingRefusalConfig>;
}

/** JSON timestamps are epoch seconds (numbers): the SDK refuses anything else. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
