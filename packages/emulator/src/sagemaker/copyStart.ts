import { type EmulatorTimings } from '../timings';
import { type JsonObject } from '../protocols/jsonReader';
import { type InferenceComponentRecord, type InstanceRecord } from './records';
import { type ComponentFault, defaultHealthCheckTimeoutSeconds } from './componentFaults';

/*
 * How long one model copy takes to start, and whether it starts at all, from its inference component's
 * settings (InferenceComponentSpecification): the start is a download of the container image and model
 * data, then the container starting until it passes its health check (`copyStartSeconds` in all,
 * `modelDownloadSeconds` of it the download). `DataCacheConfig.EnableCaching` keeps the downloaded data
 * on the instance, so a later copy there skips the download; `StartupParameters` bound each phase and a
 * copy whose phase takes longer fails. Sources and which wording is confirmed: docs/emulator.md.
 */

/** The endpoint's wording for a container that never answered its health check (seen on AWS; for an inference component, not confirmed). */
export const healthCheckFailure = (variantName: string) =>
  `The primary container for production variant ${variantName} did not pass the ping health check. Please check CloudWatch logs for this endpoint.`;
/** Our wording for a download that outlasts its timeout (AWS's own is not confirmed). */
export const downloadTimeoutFailure = (seconds: number) =>
  `Failed to download and extract the model data within ModelDataDownloadTimeoutInSeconds (${seconds} seconds).`;

export interface CopyStart {
  /** Seconds from the copy's start until it serves, or until it fails. */
  seconds: number;
  /** Why the copy fails at the end of `seconds`; absent: it serves. */
  failure?: string;
  /** Whether the copy reused data cached on its instance (no download). */
  cached: boolean;
  /** Seconds of the download phase (0 when cached), then of the container starting until its health check passes. */
  download: number;
  container: number;
  /** The control API's fault this copy meets (its container's log lines tell it). */
  fault?: ComponentFault;
}

const member = (document: JsonObject, name: string): JsonObject | undefined => {
  const value = document[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
};

/** Whether the component caches its data on the instances (DataCacheConfig.EnableCaching). */
export function cachesData(ic: InferenceComponentRecord): boolean {
  return member(ic.specification, 'DataCacheConfig')?.EnableCaching === true;
}

/** `PlacementStrategy` of the component's SchedulingConfig, if it has one. */
export function placementStrategy(ic: InferenceComponentRecord): 'SPREAD' | 'BINPACK' | undefined {
  const strategy = member(ic.specification, 'SchedulingConfig')?.PlacementStrategy;
  return strategy === 'SPREAD' || strategy === 'BINPACK' ? strategy : undefined;
}

/**
 * How a copy of `ic` starts on `instance`; `fault` is the control API's fault for the component, if one
 * is set (`imagePullFailure`: the FailureReason an image pull denied gives).
 */
export function copyStart(
  ic: InferenceComponentRecord,
  instance: InstanceRecord | undefined,
  timings: EmulatorTimings,
  fault?: { kind: ComponentFault; imagePullFailure: string },
): CopyStart {
  const cached = cachesData(ic) && (instance?.cachedComponents ?? []).includes(ic.name);
  const download = cached ? 0 : Math.min(timings.modelDownloadSeconds, timings.copyStartSeconds);
  const container = Math.max(0, timings.copyStartSeconds - timings.modelDownloadSeconds);
  const startup = member(ic.specification, 'StartupParameters');
  const downloadTimeout = typeof startup?.ModelDataDownloadTimeoutInSeconds === 'number' ? startup.ModelDataDownloadTimeoutInSeconds : undefined;
  const healthTimeout =
    typeof startup?.ContainerStartupHealthCheckTimeoutInSeconds === 'number' ? startup.ContainerStartupHealthCheckTimeoutInSeconds : undefined;
  if (fault?.kind === 'imagePullDenied') {
    // The image cannot be pulled: the copy fails when its download phase ends (data cached on the instance
    // does not spare the pull), no container ever runs; at least a second, so the failure comes after the start.
    const pull = Math.max(1, Math.min(timings.modelDownloadSeconds, timings.copyStartSeconds));
    return { seconds: pull, failure: fault.imagePullFailure, cached, download: pull, container, fault: fault.kind };
  }
  if (fault?.kind === 'healthCheckTimeout' || fault?.kind === 'outOfMemory') {
    // The container never answers /ping (still loading, or crashing again and again) until the timeout.
    const timeout = healthTimeout ?? defaultHealthCheckTimeoutSeconds;
    return { seconds: download + timeout, failure: healthCheckFailure(ic.variantName), cached, download, container, fault: fault.kind };
  }
  if (downloadTimeout !== undefined && download > downloadTimeout) {
    return { seconds: downloadTimeout, failure: downloadTimeoutFailure(downloadTimeout), cached, download, container };
  }
  if (healthTimeout !== undefined && container > healthTimeout) {
    return { seconds: download + healthTimeout, failure: healthCheckFailure(ic.variantName), cached, download, container };
  }
  return { seconds: download + container, cached, download, container };
}
