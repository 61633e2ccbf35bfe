/**
 * The regions to scan: the ones the account has enabled (Account `ListRegions`, every page), or, when
 * that is refused, the built-in list of regions with SageMaker hosting, with a note saying so.
 */
import { type AwsClients, loadSdk } from '../../aws/clients';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { allPages } from '../../aws/pagination';
import { knownRegions, optInRegions } from '../../aws/profiles';
import { type RegionList } from './regionScanModel';

/** The error of a target whose credentials fail: the whole target fails, not one region. */
export class TargetCredentialsError extends Error {
  constructor(
    message: string,
    readonly cause: unknown,
  ) {
    super(message);
    this.name = 'TargetCredentialsError';
  }
}

/** Regions in the order of `knownRegions` (the region picker's), then any newer ones by name. */
export function inKnownOrder(regions: Iterable<string>): string[] {
  const rank = new Map(knownRegions.map((region, index) => [region.code, index]));
  return [...new Set(regions)].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a.localeCompare(b));
}

/** The note beside the built-in list: what was refused, what to grant, what the list may show. */
export function fallbackNote(refusal: string): string {
  const optIn = [...optInRegions].join(', ');
  return (
    `The account's enabled regions could not be listed: ${refusal.replace(/[.\s]+$/, '')}. The scan covers the built-in list of ${knownRegions.length} regions with SageMaker hosting instead. ` +
    `Allow the IAM action account:ListRegions to scan exactly the regions the account has enabled; until then, opt-in regions it has not enabled (${optIn}) show as failed.`
  );
}

export interface EnabledRegionsOptions {
  signal?: AbortSignal;
  /** The profile, for the words of an error (never its credentials). */
  profile?: string;
  /** Told about each call made (the scan counts them). */
  counted?: () => void;
}

/**
 * ListRegions with `RegionOptStatusContains` ENABLED and ENABLED_BY_DEFAULT (regions being enabled or
 * disabled are not usable yet), every page. A refusal (no `account:ListRegions` permission, the
 * service unavailable...) gives the built-in list with a note; credentials that fail throw
 * `TargetCredentialsError`, since no region would answer them either.
 */
export async function listEnabledRegions(clients: Pick<AwsClients, 'account'>, options: EnabledRegionsOptions = {}): Promise<RegionList> {
  const { ListRegionsCommand } = await loadSdk();
  async function* pages() {
    let token: string | undefined;
    do {
      options.signal?.throwIfAborted();
      options.counted?.();
      const page = await clients.account.send(
        new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 50, ...(token ? { NextToken: token } : {}) }),
        { abortSignal: options.signal },
      );
      yield page;
      token = page.NextToken || undefined;
    } while (token);
  }
  try {
    const regions = await allPages(pages(), (page) => page.Regions, { what: 'ListRegions' });
    const names = regions.map((region) => region.RegionName).filter((name): name is string => Boolean(name));
    return { regions: inKnownOrder(names), source: 'listRegions' };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const described = describeAwsError(error, { action: 'List the account\'s regions (account:ListRegions)', profile: options.profile });
    if (described.kind === 'credentials' || described.kind === 'ssoExpired') throw new TargetCredentialsError(described.message, error);
    return { regions: inKnownOrder(knownRegions.map((region) => region.code)), source: 'fallback', note: fallbackNote(described.message) };
  }
}
