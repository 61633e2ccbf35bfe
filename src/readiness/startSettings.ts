import { type InferenceComponentScaling, type InferenceComponentSnapshot } from '../resources/resourceSnapshots';

/** A readiness check (same fields as readiness.ts's ReadinessCheck, which includes these). */
export interface StartSettingsCheck {
  id: 'startupTimeouts' | 'dataCache';
  title: string;
  status: 'pass' | 'warn';
  reason: string;
  fix?: string;
  fixId?: 'none';
}

/*
 * How long a copy of a model takes to start, the figures the checks compare settings with. The reference
 * is AWS's measurement of Llama 3.1 8B (16 GiB of weights) on ml.g5: 2.28 minutes from placement to
 * serving (the scale-to-zero launch blog, December 2024), of which about half is the download of the
 * image and model data (AWS's container-caching blog: the image pull was 267 of 525 s of a Qwen3-8B
 * start). The emulator uses the same numbers (docs/emulator.md: copyStartSeconds, modelDownloadSeconds).
 * A larger model downloads and loads longer: the figures grow with the memory a copy reserves.
 */
export const referenceCopyStart = { downloadSeconds: 70, containerStartSeconds: 66.8, memoryMb: 16_384 } as const;
const source = "AWS's measurement: 2.28 min for Llama 3.1 8B on ml.g5, half of it the download";

/** The expected download and container start of one copy, scaled by the memory it reserves (never below the 8B reference). */
export function expectedCopyStart(memoryMb: number | undefined): { downloadSeconds: number; containerStartSeconds: number; scale: number } {
  const scale = Math.max(1, (memoryMb ?? 0) / referenceCopyStart.memoryMb);
  return {
    downloadSeconds: Math.round(referenceCopyStart.downloadSeconds * scale),
    containerStartSeconds: Math.round(referenceCopyStart.containerStartSeconds * scale),
    scale,
  };
}

const timeoutsTitle = 'Start timeouts leave room for the model to load';
const cacheTitle = 'A wake reuses the model cached on its instance';

/**
 * The component's StartupParameters against the expected start: a timeout shorter than the download or
 * the container's start fails every copy, so the component never wakes. Undefined when the settings
 * were not read.
 */
export function startupTimeoutsCheck(ic: InferenceComponentSnapshot): StartSettingsCheck | undefined {
  const settings = ic.startSettings;
  if (!settings) return undefined;
  const expected = expectedCopyStart(ic.compute?.memoryMb);
  const basis =
    expected.scale > 1
      ? `expected for a copy of ${Math.round((ic.compute?.memoryMb ?? 0) / 1024)} GiB (${source}, scaled by memory)`
      : `expected for an 8B model (${source})`;
  const short: string[] = [];
  if (settings.downloadTimeoutSeconds !== undefined && settings.downloadTimeoutSeconds < expected.downloadSeconds) {
    short.push(`ModelDataDownloadTimeoutInSeconds is ${settings.downloadTimeoutSeconds} s, the download about ${expected.downloadSeconds} s`);
  }
  if (settings.healthCheckTimeoutSeconds !== undefined && settings.healthCheckTimeoutSeconds < expected.containerStartSeconds) {
    short.push(`ContainerStartupHealthCheckTimeoutInSeconds is ${settings.healthCheckTimeoutSeconds} s, the container's start about ${expected.containerStartSeconds} s`);
  }
  if (short.length === 0) {
    const given = [settings.downloadTimeoutSeconds, settings.healthCheckTimeoutSeconds].some((value) => value !== undefined);
    return {
      id: 'startupTimeouts',
      title: timeoutsTitle,
      status: 'pass',
      reason: given
        ? `Download ${settings.downloadTimeoutSeconds ?? 'default'} s and health check ${settings.healthCheckTimeoutSeconds ?? 'default'} s, above the ${expected.downloadSeconds} s and ${expected.containerStartSeconds} s ${basis}.`
        : 'No StartupParameters: SageMaker\'s own timeouts apply.',
    };
  }
  return {
    id: 'startupTimeouts',
    title: timeoutsTitle,
    status: 'warn',
    reason: `${short.join('; ')} (${basis}): a copy that takes longer fails, so a wake may never finish.`,
    fix: `Update the inference component with StartupParameters of at least ${expected.downloadSeconds} s (download) and ${expected.containerStartSeconds} s (health check), up to 3600 s each.`,
    fixId: 'none',
  };
}

/**
 * DataCacheConfig for a component that scales to zero: without the cache, a copy started again on an
 * instance not yet released downloads the image and model again. Undefined when it does not apply (the
 * settings were not read, or the copies never reach 0).
 */
export function dataCacheCheck(ic: InferenceComponentSnapshot, scaling: InferenceComponentScaling): StartSettingsCheck | undefined {
  if (!ic.startSettings || scaling.target?.minCapacity !== 0) return undefined;
  const seconds = expectedCopyStart(ic.compute?.memoryMb).downloadSeconds;
  if (ic.startSettings.caching) {
    return { id: 'dataCache', title: cacheTitle, status: 'pass', reason: `EnableCaching is on: a wake on an instance still running skips the download, about ${seconds} s sooner.` };
  }
  return {
    id: 'dataCache',
    title: cacheTitle,
    status: 'warn',
    reason: `EnableCaching is off: a wake before the idle instance is released (about 10 minutes after the last copy stops) downloads the image and model again, about ${seconds} s more (${source}).`,
    fix: 'Update the inference component with DataCacheConfig EnableCaching true, or create it from the create wizard with its start setting "Data cache".',
    fixId: 'none',
  };
}
