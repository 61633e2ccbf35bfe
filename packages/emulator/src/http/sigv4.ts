import { timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';

/** The parts of a SigV4 `Authorization` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const headerPattern =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

export function parseAuthorization(value: string): SigV4Authorization | undefined {
  const match = headerPattern.exec(value.trim());
  if (!match) return undefined;
  return {
    accessKeyId: match[1],
    date: match[2],
    region: match[3],
    service: match[4],
    signedHeaders: match[5].split(';'),
    signature: match[6],
  };
}

export interface SignedRequest {
  method: string;
  /** Raw request target as received: path and query string, still percent-encoded. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Recomputes the request's SigV4 signature with `secretAccessKey` by signing it again with the SDK's
 * own signer (@smithy/signature-v4): the same date, region and service as the credential scope, the
 * same signed headers, the same session token. Resolves to undefined when the request cannot be
 * signed at all (an `X-Amz-Date` that is not a date).
 */
export async function computeSignature(
  auth: SigV4Authorization,
  request: SignedRequest,
  secretAccessKey: string,
): Promise<string | undefined> {
  const signingDate = parseAmzDate(headerValue(request.headers['x-amz-date']));
  if (!signingDate) return undefined;
  const signedHeaders = new Set(auth.signedHeaders);
  const headers = Object.create(null) as Record<string, string>;
  for (const name of signedHeaders) headers[name] = headerValue(request.headers[name]);
  const sessionToken = signedHeaders.has('x-amz-security-token') ? headers['x-amz-security-token'] : undefined;
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey, sessionToken },
    region: auth.region,
    service: auth.service,
    sha256: Hash.bind(null, 'sha256'),
    // The client's own x-amz-content-sha256 (when it sent and signed one) is used as is; none is added.
    applyChecksum: false,
  });
  const [rawPath, rawQuery = ''] = request.url.split('?', 2);
  const signed = await signer.sign(
    {
      method: request.method.toUpperCase(),
      protocol: 'http:',
      hostname: headers.host ?? 'localhost',
      // Still percent-encoded, as the SDK's serializers hand it to the signer (which encodes it again).
      path: rawPath,
      query: parseQuery(rawQuery),
      headers,
      body: request.body,
    },
    { signingDate, signingRegion: auth.region, signingService: auth.service, signableHeaders: signedHeaders },
  );
  return signatureOf(headerValue(signed.headers.authorization));
}

export function signaturesMatch(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function signatureOf(authorization: string): string | undefined {
  return /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
}

/** `20240101T120000Z` (the x-amz-date form) as a Date; undefined when it is not one. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function headerValue(value: string | string[] | undefined): string {
  if (Array.isArray(value)) return value.join(',');
  return value ?? '';
}

/** The query string as the signer takes it: decoded names and values, repeated names as lists. */
function parseQuery(query: string): Record<string, string | string[]> {
  // No prototype: a client's `__proto__=` parameter stays a parameter.
  const parameters = Object.create(null) as Record<string, string | string[]>;
  for (const part of query.split('&')) {
    if (part.length === 0) continue;
    const [key, value = ''] = part.split('=', 2).map(safeDecode);
    const previous = parameters[key];
    parameters[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return parameters;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
