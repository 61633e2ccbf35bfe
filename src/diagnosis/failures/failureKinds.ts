import { isOutOfMemoryLine } from '../containerLogMarkers';
import { type FailureSignal } from './failureSignal';

/** What went wrong, in the user's terms. */
export type FailureKind =
  | 'insufficientCapacity'
  | 'healthCheckTimeout'
  | 'downloadDenied'
  | 'outOfMemory'
  | 'quotaExceeded'
  /** A held request's deadline passed while the wake was still under way (nothing failed). */
  | 'stillWaking'
  | 'unknown';

/** How the kind was decided: an error code AWS embedded, the message's wording, the container's logs. */
export type ClassifiedBy = 'errorCode' | 'message' | 'logs' | 'deadline' | 'none';

/** AWS error codes (as they appear in `Error Code: X`, in a status message or as an error's name) and what they mean. */
const kindByCode: Record<string, FailureKind> = {
  InsufficientInstanceCapacity: 'insufficientCapacity',
  InsufficientCapacity: 'insufficientCapacity',
  InsufficientCapacityError: 'insufficientCapacity',
  ResourceLimitExceeded: 'quotaExceeded',
  ServiceQuotaExceededException: 'quotaExceeded',
  AccessDenied: 'downloadDenied',
  AccessDeniedException: 'downloadDenied',
  RepositoryNotFoundException: 'downloadDenied',
  OutOfMemoryError: 'outOfMemory',
};

/** Wording, only when no code decides: AWS's sentences for each kind, as public reports quote them. */
const kindByWording: [RegExp, FailureKind][] = [
  [/account-level service limit|service quotas|quota/i, 'quotaExceeded'],
  [/out of memory|OutOfMemory|\bOOM\b/i, 'outOfMemory'],
  [/did not pass the ping health check|health ?check|\/ping/i, 'healthCheckTimeout'],
  [/permission to pull|does not have \w*\s*permission|BatchGetImage|GetDownloadUrlForLayer|not authorized to perform|ecr:\w+|s3:GetObject|access denied|could not (?:download|pull|access)|failed to (?:download|pull)/i, 'downloadDenied'],
  [/compute capacity|not enough capacity|insufficient capacity|no capacity/i, 'insufficientCapacity'],
];

/** Codes the message carries: `Error Code: X`, `(X)`, or a known code standing as a word. */
export function errorCodesIn(message: string): string[] {
  const codes = new Set<string>();
  for (const match of message.matchAll(/Error Code:\s*([A-Za-z]+)/g)) codes.add(match[1]);
  for (const code of Object.keys(kindByCode)) if (new RegExp(`\\b${code}\\b`).test(message)) codes.add(code);
  return [...codes];
}

/**
 * The kind of a failure: by the error codes the message carries first, its wording as a fallback,
 * then the container's latest lines refine it (a failed health check whose container ran out of
 * memory is out of memory: AWS reports a crash loop as a failed health check, the logs tell why).
 */
export function classifyFailure(signal: FailureSignal, logLines: readonly string[] = []): { kind: FailureKind; by: ClassifiedBy; codes: string[] } {
  const codes = errorCodesIn(signal.message);
  let kind: FailureKind | undefined;
  let by: ClassifiedBy = 'none';
  const coded = codes.map((code) => kindByCode[code]).find((found) => found !== undefined);
  if (coded) {
    kind = coded;
    by = 'errorCode';
  } else if (signal.message) {
    kind = kindByWording.find(([pattern]) => pattern.test(signal.message))?.[1];
    if (kind) by = 'message';
  }
  if (!kind && signal.source === 'deadline') {
    kind = 'stillWaking';
    by = 'deadline';
  }
  const outOfMemory = logLines.some(isOutOfMemoryLine);
  if (outOfMemory && (kind === undefined || kind === 'healthCheckTimeout' || kind === 'unknown' || kind === 'stillWaking')) {
    return { kind: 'outOfMemory', by: 'logs', codes };
  }
  return { kind: kind ?? 'unknown', by, codes };
}
