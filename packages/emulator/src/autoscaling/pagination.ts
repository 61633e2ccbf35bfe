import { ServiceError } from '../http/serviceError';
import { type JsonReader } from '../protocols/jsonReader';

/**
 * Reads MaxResults (1–50, default 50) and NextToken (an offset, base64) and finishes the input:
 * the page of `items` to return and the token for the next one, if any.
 */
export function readPage<T>(items: T[], input: JsonReader): { slice: T[]; next: string | undefined } {
  const max = input.integer('MaxResults', { min: 1, max: 50 }) ?? 50;
  const token = input.string('NextToken', { max: 2048 });
  input.finish();
  let start = 0;
  if (token !== undefined) {
    start = Number.parseInt(Buffer.from(token, 'base64').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0 || start > items.length) throw new ServiceError('InvalidNextTokenException', 'Invalid token', 400);
  }
  const slice = items.slice(start, start + max);
  const next = start + max < items.length ? Buffer.from(String(start + max), 'utf8').toString('base64') : undefined;
  return { slice, next };
}
