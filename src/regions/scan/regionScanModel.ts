/**
 * What an all-regions scan finds, as plain data (issue 20): for each scanned account (a profile, or the
 * local emulator) and each region it has enabled, the endpoints with their running instances, their
 * cost per hour now, whether they can scale to zero and whether they have been idle for days. The
 * scanner (`regionScanner.ts`) fills it; the All Regions view and the benchmark read it.
 */

/** One account the scan covers: an AWS profile (or environment credentials), or the local emulator. */
export interface ScanTarget {
  /** Stable id: `profile:<name>`, `environment`, or `localEmulator`. */
  id: string;
  /** What the view shows: the profile's name, "Environment credentials" or "Local emulator". */
  label: string;
  kind: 'aws' | 'localEmulator';
  /** The profile's name (AWS targets; undefined for environment credentials). */
  profile?: string;
}

/** Where the list of regions came from. */
export type RegionListSource =
  /** Account `ListRegions` (ENABLED and ENABLED_BY_DEFAULT regions). */
  | 'listRegions'
  /** `ListRegions` was refused (no `account:ListRegions` permission, or unavailable): the built-in list. */
  | 'fallback';

export interface RegionList {
  regions: string[];
  source: RegionListSource;
  /** Plain words for the view when the fallback list was used (what was refused, what to grant). */
  note?: string;
}

export interface ScannedComponent {
  name: string;
  status: string;
  currentCopies?: number;
  desiredCopies?: number;
  /** The component's scalable target's MinCapacity (undefined: no scalable target). */
  minCopies?: number;
}

/** Why an endpoint does not scale to zero, in the readiness rules' words (one line each). */
export type NotScaleToZeroReason = string;

export interface ScannedEndpoint {
  name: string;
  region: string;
  status: string;
  /** Instance type(s) of its variant(s), from the endpoint config. */
  instanceTypes: string[];
  /** Instances running now (sum over the variants' CurrentInstanceCount). */
  runningInstances: number;
  /** On-demand cost per hour of the running instances; undefined when a type's price is unknown. */
  hourlyUsd?: number;
  /** True when it can drop to zero instances (managed instance scaling to 0 and components that can reach 0 copies). */
  scalesToZero: boolean;
  /** Empty when `scalesToZero`. */
  notScaleToZeroReasons: NotScaleToZeroReason[];
  /** Invocations over the last `idleDays` days (endpoint and its components); undefined when the metrics could not be read. */
  invocations?: number;
  /** True when running instances received no invocation in the last `idleDays` days (and the endpoint is older than that). */
  idle: boolean;
  /** Epoch ms. */
  createdAt?: number;
  components: ScannedComponent[];
}

export type RegionScanState = 'done' | 'failed' | 'cancelled';

export interface RegionTotals {
  endpoints: number;
  runningInstances: number;
  /** Sum of the endpoints' known hourly costs. */
  hourlyUsd: number;
  /** Endpoints whose price was unknown (their cost is not in `hourlyUsd`). */
  unpricedEndpoints: number;
  notScaleToZero: number;
  idle: number;
}

export interface RegionResult {
  targetId: string;
  region: string;
  state: RegionScanState;
  endpoints: ScannedEndpoint[];
  totals: RegionTotals;
  /** Plain words naming the region and the action refused, and what to do (state `failed`). */
  error?: string;
  /** AWS calls this region's scan made (the benchmark compares them with a naive scan's). */
  calls: number;
  /** The same calls by operation (`ListEndpoints`: 2, …); each page of a list is one call. */
  callsByOperation?: Record<string, number>;
  durationMs: number;
  /**
   * What the region's results lack, in plain words, when the scan still finished (state `done`): e.g.
   * CloudWatch refused the metrics, so the invocations are unknown and no endpoint is called idle.
   */
  warnings?: string[];
}

export interface TargetResult {
  target: ScanTarget;
  regionList: RegionList;
  regions: RegionResult[];
  /** Set when the target could not be scanned at all (credentials expired, SSO not signed in...). */
  error?: string;
}

/** Where the hourly costs come from (src/cost/pricing.ts), for the view to say beside them. */
export interface ScanPricing {
  /** The region whose list prices are used for every region: `us-east-1`. */
  region: string;
  /** When the built-in prices were taken (ISO date). */
  date: string;
  /** One sentence for the view. */
  note: string;
}

export interface ScanReport {
  /** Epoch ms, on the scanned account's clock (the emulator's is virtual). */
  startedAt: number;
  finishedAt: number;
  idleDays: number;
  /** Always set by the scanner. */
  pricing?: ScanPricing;
  targets: TargetResult[];
  cancelled: boolean;
}

/** What the scanner reports as it goes (the progress notification and the view update from it). */
export type ScanEvent =
  | { type: 'regionsListed'; targetId: string; regionList: RegionList }
  | { type: 'regionDone'; result: RegionResult }
  | { type: 'targetFailed'; targetId: string; error: string };
