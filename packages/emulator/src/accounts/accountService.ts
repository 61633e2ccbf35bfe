import { ServiceError } from '../http/serviceError';
import { sendRestJson } from '../protocols/restJsonProtocol';
import { type RestJsonService } from '../services/service';
import { commercialRegions } from './commercialRegions';

/** A region's status in the Account API's words (its model's RegionOptStatus). */
export type RegionOptStatus = 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT';

/** What ListRegions needs of the world: whether an account has enabled an opt-in region. */
export interface AccountRegions {
  optInEnabled(accountId: string, region: string): boolean;
}

/** Every known commercial region with its status for the account, in the order AWS's docs list them. */
export function regionStatuses(accountId: string, regions: AccountRegions): { RegionName: string; RegionOptStatus: RegionOptStatus }[] {
  return commercialRegions.map((region) => ({
    RegionName: region.code,
    RegionOptStatus: !region.optIn ? 'ENABLED_BY_DEFAULT' : regions.optInEnabled(accountId, region.code) ? 'ENABLED' : 'DISABLED',
  }));
}

/**
 * AWS Account Management (restJson1, signing name `account`, a global service): `ListRegions`, the
 * regions of the caller's account and their opt-in status, filtered by `RegionOptStatusContains`,
 * paged by `MaxResults` (1 to 50 by the model, which the constraint table checks first) and
 * `NextToken`. The emulator has no organization: a request naming an `AccountId` is refused.
 */
export function createAccountService(regions: AccountRegions): RestJsonService {
  return {
    protocol: 'restJson',
    name: 'account',
    signingName: 'account',
    pathPrefixes: ['/listRegions'],
    routes: [
      {
        method: 'POST',
        pattern: /^\/listRegions$/,
        operation: 'ListRegions',
        handle: async (request, context) => {
          const input = readBody(request.body);
          if (input.AccountId !== undefined && input.AccountId !== null) {
            // The emulator's accounts are standalone: the AccountId form is an organization's (docs/emulator.md, item 61).
            throw new ServiceError(
              'AccessDeniedException',
              `User: arn:aws:iam::${context.accountId}:user/emulator is not authorized to perform: account:ListRegions (The account is not in an organization: call ListRegions without AccountId, in the standalone context.)`,
              403,
            );
          }
          const wanted = Array.isArray(input.RegionOptStatusContains) ? new Set(input.RegionOptStatusContains.map(String)) : undefined;
          const all = regionStatuses(context.accountId, regions).filter((region) => !wanted || wanted.size === 0 || wanted.has(region.RegionOptStatus));
          const start = input.NextToken === undefined || input.NextToken === null ? 0 : readToken(input.NextToken, all.length);
          const size = typeof input.MaxResults === 'number' ? input.MaxResults : all.length;
          const page = all.slice(start, start + size);
          const next = start + page.length;
          sendRestJson(request.response, context.requestId, 200, { Regions: page, ...(next < all.length ? { NextToken: writeToken(next) } : {}) });
        },
      },
    ],
  };
}

function readBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Refused below.
  }
  throw new ServiceError('ValidationException', 'The request body is not a JSON object.', 400);
}

/** The token is the next region's position, opaque to clients (base64 of `regions:<n>`). */
function writeToken(position: number): string {
  return Buffer.from(`regions:${position}`, 'utf8').toString('base64');
}

function readToken(token: unknown, length: number): number {
  const match = typeof token === 'string' ? /^regions:(\d{1,4})$/.exec(Buffer.from(token, 'base64').toString('utf8')) : null;
  const position = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(position) || position > length) {
    throw new ServiceError('ValidationException', 'The NextToken is not valid: pass the NextToken of a previous ListRegions answer unchanged.', 400);
  }
  return position;
}
