import { invalidNextToken } from './cloudWatchErrors';

/** CloudWatch's NextToken: an offset into the sorted results, as base64 JSON. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

export function decodeToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through
  }
  throw invalidNextToken('The service couldn\u2019t process the NextToken.');
}
