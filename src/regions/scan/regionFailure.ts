/**
 * A region's scan that failed, in plain words: the region, the action refused (with its IAM action),
 * why, and what to do. Credentials never appear: the words come from `describeAwsError`, which
 * redacts them.
 */
import { describeAwsError } from '../../aws/awsErrorMessages';
import { invalidCredentialCodes } from '../../aws/awsErrorCodes';
import { optInRegions } from '../../aws/profiles';

/** One step of a region's scan, as the user reads it and as IAM names it. */
export interface ScanAction {
  /** "list the endpoints", "describe endpoint demo" (reads after "may not"). */
  words: string;
  /** "sagemaker:ListEndpoints". */
  iamAction: string;
}

/** A step of a region's scan failed with `cause`. */
export class RegionStepError extends Error {
  constructor(
    readonly action: ScanAction,
    readonly cause: unknown,
  ) {
    super(`${action.words} failed`);
    this.name = 'RegionStepError';
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, Code, code } = error as { name?: unknown; Code?: unknown; code?: unknown };
  return [name, Code, code].find((value): value is string => typeof value === 'string' && invalidCredentialCodes.has(value));
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What the region's row says when its scan failed at `action`. */
export function regionFailureMessage(region: string, action: ScanAction, error: unknown, profile?: string): string {
  const refusedCredentials = errorCode(error);
  if (refusedCredentials && optInRegions.has(region)) {
    // AWS answers a request to an opt-in region the account has not enabled as if the credentials were invalid.
    return (
      `${region} refused the credentials (${refusedCredentials}): it is an opt-in region, and AWS answers so when the account has not enabled it. ` +
      `If you use ${region}, enable it for the account (AWS console: Account, AWS Regions) and scan again; otherwise there is nothing to scan there.`
    );
  }
  const described = describeAwsError(error, { action: `${capitalized(action.words)} (${action.iamAction})`, region, profile });
  const advice: Record<string, string> = {
    accessDenied: `Allow ${action.iamAction} in ${region} to scan it.`,
    throttled: `AWS kept throttling after the retries: scan ${region} again in a minute.`,
    network: `Scan ${region} again once it can be reached.`,
    service: `Scan ${region} again later.`,
    unknown: `Scan ${region} again later.`,
  };
  const next = advice[described.kind] ?? '';
  return `Scanning ${region} stopped: ${described.message}.${next ? ` ${next}` : ''}`;
}
