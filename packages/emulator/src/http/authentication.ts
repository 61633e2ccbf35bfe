import { createHash } from 'node:crypto';
import { ServiceError } from './serviceError';
import { computeSignature, headerValue, parseAmzDate, parseAuthorization, signaturesMatch, type SigV4Authorization, type SignedRequest } from './sigv4';

export interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** How far a request's X-Amz-Date may be from the machine's real time, as on AWS: 15 minutes. */
export const maxClockSkewMs = 15 * 60_000;

const invalidSignature =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Refuses requests the way AWS does: no `Authorization` header, a malformed one (the signature 64
 * hex characters, a credential scope `<key>/<yyyymmdd>/<region>/<service>/aws4_request` whose date
 * is X-Amz-Date's), an X-Amz-Date that is not a date or is more than 15 minutes from the machine's
 * real time (never the virtual clock: clients sign with real time), an `x-amz-content-sha256` that
 * is not the body's hash, and, when the emulator was given a key pair, an unknown access key or a
 * wrong signature. Without a key pair any key id is accepted.
 */
export async function authenticate(
  request: SignedRequest,
  credentials: EmulatorCredentials | undefined,
  realNow: number = Date.now(),
): Promise<SigV4Authorization> {
  const value = first(request.headers.authorization);
  if (!value) {
    throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
  const auth = parseAuthorization(value);
  if (!auth) {
    throw new ServiceError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${value.split(/\s/)[0]}`,
      403,
    );
  }
  const amzDate = first(request.headers['x-amz-date']);
  if (!amzDate) {
    throw new ServiceError(
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      403,
    );
  }
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) {
    throw new ServiceError('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate.slice(0, 40)}'. See http://en.wikipedia.org/wiki/ISO_8601`, 403);
  }
  if (amzDate.slice(0, 8) !== auth.date) {
    throw new ServiceError('InvalidSignatureException', `Credential should be scoped to a valid date: '${auth.date}' is not the date of X-Amz-Date '${amzDate}'.`, 403);
  }
  checkSkew(signedAt, realNow);
  checkPayloadHash(request);
  if (credentials) {
    if (auth.accessKeyId !== credentials.accessKeyId) {
      throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
    }
    const expected = await computeSignature(auth, request, credentials.secretAccessKey);
    if (expected === undefined || !signaturesMatch(expected, auth.signature)) {
      throw new ServiceError('InvalidSignatureException', invalidSignature, 403);
    }
  }
  return auth;
}

/** AWS's answer to a request signed too long ago or too far ahead (the SDKs correct their clock from it and the Date header). */
function checkSkew(signedAt: Date, realNow: number): void {
  const format = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const signed = format(signedAt.getTime());
  if (signedAt.getTime() < realNow - maxClockSkewMs) {
    throw new ServiceError('InvalidSignatureException', `Signature expired: ${signed} is now earlier than ${format(realNow - maxClockSkewMs)} (${format(realNow)} - 15 min.)`, 403);
  }
  if (signedAt.getTime() > realNow + maxClockSkewMs) {
    throw new ServiceError('InvalidSignatureException', `Signature not yet current: ${signed} is still later than ${format(realNow + maxClockSkewMs)} (${format(realNow)} + 15 min.)`, 403);
  }
}

/**
 * `x-amz-content-sha256`, when sent, must be the body's SHA-256 (the signer signs this value, not the
 * body). `UNSIGNED-PAYLOAD` and the `STREAMING-…` forms are what AWS allows instead of a hash.
 */
function checkPayloadHash(request: SignedRequest): void {
  const declared = first(request.headers['x-amz-content-sha256']);
  if (declared === undefined || declared === 'UNSIGNED-PAYLOAD' || declared.startsWith('STREAMING-')) return;
  const actual = createHash('sha256').update(request.body).digest('hex');
  if (declared.toLowerCase() !== actual) {
    throw new ServiceError('InvalidSignatureException', `The provided 'x-amz-content-sha256' header does not match what was computed.`, 403);
  }
}

function first(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : headerValue(value);
}
