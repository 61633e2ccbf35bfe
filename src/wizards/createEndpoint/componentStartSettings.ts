import { type Choice } from '../../prompts/userInput';
import { validateInteger } from '../validation/numbers';
import { expectedCopyStart } from '../../readiness/startSettings';

/*
 * The inference component's settings that shorten a copy's start (a wake) or make it fail, as the create
 * wizard offers them: which to change on one page, then one question for each picked setting. Ranges and
 * enums are botocore's sagemaker model (ProductionVariantModelDataDownloadTimeoutInSeconds,
 * ProductionVariantContainerStartupHealthCheckTimeoutInSeconds, InferenceComponentDataCacheConfig,
 * InferenceComponentPlacementStrategy, AvailabilityZoneBalanceEnforcementMode,
 * AvailabilityZoneBalanceMaxImbalance); the meanings the API reference's.
 */

export type StartSettingKey = 'downloadTimeout' | 'healthCheckTimeout' | 'dataCache' | 'placementStrategy' | 'zoneBalance';
export type PlacementStrategy = 'SPREAD' | 'BINPACK';

/** What the user chose on the start settings pages: the picked settings and their values. */
export interface StartSettingsAnswers {
  picked: StartSettingKey[];
  downloadTimeoutSeconds: number;
  healthCheckTimeoutSeconds: number;
  placementStrategy: PlacementStrategy;
  maxImbalance: number;
}

/** The model's range for both StartupParameters timeouts. The plan sends the maximum unless the user changes it. */
export const startupTimeoutRange = { min: 60, max: 3600, default: 3600 } as const;
/** AvailabilityZoneBalanceMaxImbalance: 0 to 100, AWS's default 0. */
export const maxImbalanceRange = { min: 0, max: 100, default: 0 } as const;
export const placementStrategies: readonly PlacementStrategy[] = ['SPREAD', 'BINPACK'];
/** The model's only AvailabilityZoneBalanceEnforcementMode. */
export const zoneBalanceEnforcementMode = 'PERMISSIVE';

/**
 * The wizard's defaults: AWS's, except the data cache, which is on (AWS's default is off). It costs
 * nothing AWS documents and a wake on an instance not yet released skips the download, so the
 * endpoints this wizard creates pass readiness's data-cache check. Unticking it on the page turns it off.
 */
export const defaultStartSettings: StartSettingsAnswers = {
  picked: ['dataCache'],
  downloadTimeoutSeconds: startupTimeoutRange.default,
  healthCheckTimeoutSeconds: startupTimeoutRange.default,
  placementStrategy: 'BINPACK',
  maxImbalance: maxImbalanceRange.default,
};

/** One line each: what the setting does to a wake. */
/** One line each, short enough for the page's width: what the setting does to a wake. */
export const startSettingWhy: Record<StartSettingKey, string> = {
  downloadTimeout: 'A longer download fails the copy: too short, a large model never wakes.',
  healthCheckTimeout: 'Not healthy by then, the copy fails: too short, a slow model never wakes.',
  dataCache: 'Ticked by default: a copy restarted on its instance skips the download.',
  placementStrategy: 'BINPACK: fewer instances bill. SPREAD: a lost instance takes fewer copies.',
  zoneBalance: 'Balances copies across zones, best effort; asks for a placement too.',
};

export const placementWhy: Record<PlacementStrategy, string> = {
  BINPACK: 'Packs copies onto fewer instances: the others empty sooner and are released.',
  SPREAD: 'Spreads copies evenly over the running instances: a lost instance takes fewer copies with it.',
};

/** The choices of the "which to change" page, the picked ones ticked. */
export function startSettingChoices(picked: readonly StartSettingKey[]): Choice<StartSettingKey>[] {
  const item = (value: StartSettingKey, label: string, description: string): Choice<StartSettingKey> => ({
    label,
    description,
    detail: startSettingWhy[value],
    value,
    picked: picked.includes(value),
  });
  return [
    item('downloadTimeout', 'Download timeout', `ModelDataDownloadTimeoutInSeconds · now ${startupTimeoutRange.default} s`),
    item('healthCheckTimeout', 'Health-check timeout', `ContainerStartupHealthCheckTimeoutInSeconds · now ${startupTimeoutRange.default} s`),
    item('dataCache', 'Data cache', 'DataCacheConfig.EnableCaching · AWS: off'),
    item('placementStrategy', 'Placement of copies', 'SchedulingConfig.PlacementStrategy'),
    item('zoneBalance', 'Availability Zone balance', 'SchedulingConfig.AvailabilityZoneBalance'),
  ];
}

export function validateStartupTimeout(value: string, member: string): string | undefined {
  return validateInteger(value, member, startupTimeoutRange.min, startupTimeoutRange.max);
}

export function validateMaxImbalance(value: string): string | undefined {
  return validateInteger(value, 'MaxImbalance', maxImbalanceRange.min, maxImbalanceRange.max);
}

/** SchedulingConfig needs a PlacementStrategy (required by the model): asked when either scheduling setting is picked. */
export const asksPlacement = (settings: StartSettingsAnswers) => settings.picked.includes('placementStrategy') || settings.picked.includes('zoneBalance');

/** The Specification members for the component: StartupParameters always (the maximum unless changed), the others only when picked. */
export function startSettingsMembers(settings: StartSettingsAnswers = defaultStartSettings): {
  StartupParameters: { ModelDataDownloadTimeoutInSeconds: number; ContainerStartupHealthCheckTimeoutInSeconds: number };
  DataCacheConfig?: { EnableCaching: boolean };
  SchedulingConfig?: { PlacementStrategy: PlacementStrategy; AvailabilityZoneBalance?: { EnforcementMode: string; MaxImbalance: number } };
} {
  const picked = (key: StartSettingKey) => settings.picked.includes(key);
  return {
    StartupParameters: {
      ModelDataDownloadTimeoutInSeconds: picked('downloadTimeout') ? settings.downloadTimeoutSeconds : startupTimeoutRange.default,
      ContainerStartupHealthCheckTimeoutInSeconds: picked('healthCheckTimeout') ? settings.healthCheckTimeoutSeconds : startupTimeoutRange.default,
    },
    ...(picked('dataCache') ? { DataCacheConfig: { EnableCaching: true } } : {}),
    ...(asksPlacement(settings)
      ? {
          SchedulingConfig: {
            PlacementStrategy: settings.placementStrategy,
            ...(picked('zoneBalance') ? { AvailabilityZoneBalance: { EnforcementMode: zoneBalanceEnforcementMode, MaxImbalance: settings.maxImbalance } } : {}),
          },
        }
      : {}),
  };
}

/** The changed settings in a few words for the plan: "data cache on, BINPACK, health check 600 s"; empty when none. */
export function describeStartSettings(settings: StartSettingsAnswers = defaultStartSettings): string {
  const members = startSettingsMembers(settings);
  const parts: string[] = [];
  if (settings.picked.includes('downloadTimeout')) parts.push(`download timeout ${settings.downloadTimeoutSeconds} s`);
  if (settings.picked.includes('healthCheckTimeout')) parts.push(`health-check timeout ${settings.healthCheckTimeoutSeconds} s`);
  if (members.DataCacheConfig) parts.push('data cache on');
  if (members.SchedulingConfig) parts.push(`${members.SchedulingConfig.PlacementStrategy} placement`);
  if (members.SchedulingConfig?.AvailabilityZoneBalance) parts.push(`zone balance within ${settings.maxImbalance}`);
  return parts.join(', ');
}

/** What the changed settings do to a wake, for the plan's notes (the figures readiness uses). */
export function startSettingsNotes(settings: StartSettingsAnswers | undefined, memoryMb: number): string[] {
  if (!settings || settings.picked.length === 0) return [];
  const expected = expectedCopyStart(memoryMb);
  const notes: string[] = [];
  if (settings.picked.includes('dataCache')) {
    notes.push(`Data cache on: a wake on an instance not yet released (about 10 minutes after the last copy stops) skips the download, about ${expected.downloadSeconds} s sooner.`);
  }
  if (settings.picked.includes('downloadTimeout') && settings.downloadTimeoutSeconds < expected.downloadSeconds) {
    notes.push(`ModelDataDownloadTimeoutInSeconds ${settings.downloadTimeoutSeconds} s is shorter than the expected download (about ${expected.downloadSeconds} s): copies may fail to start, and the component never wake.`);
  }
  if (settings.picked.includes('healthCheckTimeout') && settings.healthCheckTimeoutSeconds < expected.containerStartSeconds) {
    notes.push(`ContainerStartupHealthCheckTimeoutInSeconds ${settings.healthCheckTimeoutSeconds} s is shorter than the container's expected start (about ${expected.containerStartSeconds} s): copies may fail to start, and the component never wake.`);
  }
  return notes;
}
