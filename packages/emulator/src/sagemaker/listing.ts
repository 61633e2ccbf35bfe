import { validationException } from '../http/serviceError';
import { type JsonReader } from '../protocols/jsonReader';
import { maxResultsRules } from './names';

/** The common List* request members: filters on name and times, sorting and pagination. */
export interface ListRequest {
  maxResults: number;
  nextToken?: string;
  sortBy?: string;
  sortOrder: 'Ascending' | 'Descending';
  nameContains?: string;
  creationTimeBefore?: number;
  creationTimeAfter?: number;
  lastModifiedTimeBefore?: number;
  lastModifiedTimeAfter?: number;
  statusEquals?: string;
}

export interface Listable {
  name: string;
  creationTime: number;
  lastModifiedTime?: number;
  status?: string;
}

export function readListRequest(input: JsonReader, sortKeys: readonly string[], statuses?: readonly string[]): ListRequest {
  const request: ListRequest = {
    maxResults: input.integer('MaxResults', maxResultsRules) ?? 10,
    nextToken: input.string('NextToken', { max: 8192 }),
    sortBy: input.string('SortBy', { enum: sortKeys }),
    sortOrder: (input.string('SortOrder', { enum: ['Ascending', 'Descending'] }) ?? 'Descending') as 'Ascending' | 'Descending',
    nameContains: input.string('NameContains', { max: 63, pattern: /^[a-zA-Z0-9-]+$/ }),
    creationTimeBefore: input.timestamp('CreationTimeBefore'),
    creationTimeAfter: input.timestamp('CreationTimeAfter'),
    lastModifiedTimeBefore: input.timestamp('LastModifiedTimeBefore'),
    lastModifiedTimeAfter: input.timestamp('LastModifiedTimeAfter'),
  };
  if (statuses) request.statusEquals = input.string('StatusEquals', { enum: statuses });
  return request;
}

/** Filters, sorts (default: newest first) and pages `items`. */
export function listPage<T extends Listable>(items: readonly T[], request: ListRequest): { page: T[]; nextToken?: string } {
  const filtered = items.filter((item) => {
    if (request.nameContains && !item.name.toLowerCase().includes(request.nameContains.toLowerCase())) return false;
    if (request.creationTimeBefore !== undefined && !(item.creationTime < request.creationTimeBefore)) return false;
    if (request.creationTimeAfter !== undefined && !(item.creationTime > request.creationTimeAfter)) return false;
    const modified = item.lastModifiedTime ?? item.creationTime;
    if (request.lastModifiedTimeBefore !== undefined && !(modified < request.lastModifiedTimeBefore)) return false;
    if (request.lastModifiedTimeAfter !== undefined && !(modified > request.lastModifiedTimeAfter)) return false;
    if (request.statusEquals !== undefined && item.status !== request.statusEquals) return false;
    return true;
  });
  const direction = request.sortOrder === 'Ascending' ? 1 : -1;
  const sortBy = request.sortBy ?? 'CreationTime';
  filtered.sort((a, b) => {
    let order: number;
    if (sortBy === 'Name') order = a.name.localeCompare(b.name);
    else if (sortBy === 'Status') order = (a.status ?? '').localeCompare(b.status ?? '');
    else order = a.creationTime - b.creationTime;
    return direction * (order || a.name.localeCompare(b.name));
  });
  const offset = request.nextToken === undefined ? 0 : decodeToken(request.nextToken);
  const page = filtered.slice(offset, offset + request.maxResults);
  const end = offset + page.length;
  return end < filtered.length ? { page, nextToken: encodeToken(end) } : { page };
}

/** Pages an already ordered list (ListTags). */
export function pageOf<T>(items: readonly T[], maxResults: number, nextToken: string | undefined): { page: T[]; nextToken?: string } {
  const offset = nextToken === undefined ? 0 : decodeToken(nextToken);
  const page = items.slice(offset, offset + maxResults);
  const end = offset + page.length;
  return end < items.length ? { page, nextToken: encodeToken(end) } : { page };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decodeToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const offset = (parsed as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw validationException('Invalid pagination token.');
}
