/**
 * The all-regions scan: for each target (a profile, environment credentials or the local emulator),
 * the regions it has enabled, each scanned with that target's own clients, a few regions at once and
 * a few calls at once per region. Results arrive region by region (`onEvent`); a region's failure is
 * that region's, a target's credentials failing are that target's, and a cancel keeps what finished.
 */
import { type AwsClients } from '../../aws/clients';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { ConcurrencyLimiter } from '../../aws/concurrencyLimiter';
import { priceDate, priceRegion, type PriceOverrides } from '../../cost/pricing';
import { checkIdleDays } from './invocationQueries';
import { TargetCredentialsError } from './enabledRegions';
import { scanRegion } from './regionScan';
import { type RegionList, type RegionResult, type ScanEvent, type ScanPricing, type ScanReport, type ScanTarget, type TargetResult } from './regionScanModel';
import { regionTotals } from './regionTotals';

export interface ScanTargetSource {
  target: ScanTarget;
  /** The regions to scan: Account ListRegions, or the fallback list with a note. */
  listRegions(signal: AbortSignal): Promise<RegionList>;
  /** Clients for one region, made with this target's own credentials only. The scanner destroys them. */
  clientsFor(region: string): Promise<AwsClients>;
}

export interface ScanOptions {
  targets: ScanTargetSource[];
  /** An endpoint with no invocation for this many days (and older than that) is idle. Default 7. */
  idleDays?: number;
  /** Regions scanned at once per target (default 4), and calls in flight per region (default 4). */
  regionConcurrency?: number;
  callConcurrency?: number;
  /** Only these regions (e.g. a rescan of one); default every listed region. */
  onlyRegions?: string[];
  signal?: AbortSignal;
  onEvent?(event: ScanEvent): void;
  /** The account's clock (the emulator's is virtual): idle windows end now. */
  now(): number;
  /** The user's own prices per instance type (setting `sagemakerScaleToZero.pricing.hourlyUsd`), over the built-in ones. */
  priceOverrides?: PriceOverrides;
}

export const defaultIdleDays = 7;
export const defaultRegionConcurrency = 4;
export const defaultCallConcurrency = 4;

export const scanPricing: ScanPricing = {
  region: priceRegion,
  date: priceDate,
  note: `Costs are on-demand list prices of ${priceRegion} (${priceDate}) for every region; other regions' prices differ, and savings plans or reserved capacity are not counted.`,
};

function checkConcurrency(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new RangeError(`${name} must be a whole number from 1 to 64; it is ${value}.`);
  return value;
}

const emptyRegion = (targetId: string, region: string, state: RegionResult['state']): RegionResult => ({
  targetId,
  region,
  state,
  endpoints: [],
  totals: regionTotals([]),
  calls: 0,
  durationMs: 0,
});

/** Scans every target's regions; resolves once all finished, or were cancelled. Never rejects for AWS errors. */
export async function scanRegions(options: ScanOptions): Promise<ScanReport> {
  const idleDays = options.idleDays ?? defaultIdleDays;
  checkIdleDays(idleDays);
  const regionConcurrency = checkConcurrency('regionConcurrency', options.regionConcurrency ?? defaultRegionConcurrency);
  const callConcurrency = checkConcurrency('callConcurrency', options.callConcurrency ?? defaultCallConcurrency);
  // The scan's own signal, so that a failing listener or a caller's signal both stop it the same way.
  const signal = options.signal ?? new AbortController().signal;
  const emit = (event: ScanEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's failure is the listener's: the scan goes on.
    }
  };
  const startedAt = options.now();
  const targets = await Promise.all(
    options.targets.map((source) => scanTarget(source, { idleDays, regionConcurrency, callConcurrency, signal, emit, now: options.now, onlyRegions: options.onlyRegions, priceOverrides: options.priceOverrides })),
  );
  return { startedAt, finishedAt: options.now(), idleDays, pricing: scanPricing, targets, cancelled: signal.aborted };
}

interface TargetScanContext {
  idleDays: number;
  regionConcurrency: number;
  callConcurrency: number;
  signal: AbortSignal;
  emit(event: ScanEvent): void;
  now(): number;
  onlyRegions?: string[];
  priceOverrides?: PriceOverrides;
}

async function scanTarget(source: ScanTargetSource, context: TargetScanContext): Promise<TargetResult> {
  const { target } = source;
  let regionList: RegionList;
  try {
    regionList = await source.listRegions(context.signal);
  } catch (error) {
    const emptyList: RegionList = { regions: [], source: 'fallback' };
    if (context.signal.aborted) return { target, regionList: emptyList, regions: [] };
    const message =
      error instanceof TargetCredentialsError
        ? error.message
        : describeAwsError(error, { action: `Scan ${target.label}`, profile: target.profile }).message;
    context.emit({ type: 'targetFailed', targetId: target.id, error: message });
    return { target, regionList: emptyList, regions: [], error: message };
  }
  context.emit({ type: 'regionsListed', targetId: target.id, regionList });
  const wanted = context.onlyRegions ? regionList.regions.filter((region) => context.onlyRegions?.includes(region)) : regionList.regions;
  const limiter = new ConcurrencyLimiter(context.regionConcurrency);
  const regions = await Promise.all(
    wanted.map((region) =>
      limiter.run(async () => {
        const result = context.signal.aborted ? emptyRegion(target.id, region, 'cancelled') : await scanOneRegion(source, region, context);
        context.emit({ type: 'regionDone', result });
        return result;
      }),
    ),
  );
  return { target, regionList, regions };
}

async function scanOneRegion(source: ScanTargetSource, region: string, context: TargetScanContext): Promise<RegionResult> {
  const { target } = source;
  let clients: AwsClients;
  try {
    clients = await source.clientsFor(region);
  } catch (error) {
    if (context.signal.aborted) return emptyRegion(target.id, region, 'cancelled');
    const described = describeAwsError(error, { action: `Prepare the clients for ${region}`, profile: target.profile });
    return { ...emptyRegion(target.id, region, 'failed'), error: `Scanning ${region} stopped: ${described.message}.` };
  }
  try {
    return await scanRegion(clients, {
      targetId: target.id,
      region,
      profile: target.profile,
      idleDays: context.idleDays,
      callConcurrency: context.callConcurrency,
      signal: context.signal,
      now: context.now,
      priceOverrides: context.priceOverrides,
    });
  } finally {
    clients.destroy();
  }
}
