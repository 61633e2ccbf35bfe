import { ServiceError } from './serviceError';
import { computeSignature, parseAuthorization, signaturesMatch, type SigV4Authorization, type SignedRequest } from './sigv4';

export interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Refuses requests the way AWS does: no `Authorization` header, a malformed one, or (when the
 * emulator was given a key pair) an unknown access key or a wrong signature.
 */
export async function authenticate(
  request: SignedRequest,
  credentials: EmulatorCredentials | undefined,
): Promise<SigV4Authorization> {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
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
  if (!request.headers['x-amz-date']) {
    throw new ServiceError(
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      403,
    );
  }
  if (credentials) {
    if (auth.accessKeyId !== credentials.accessKeyId) {
      throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
    }
    const expected = await computeSignature(auth, request, credentials.secretAccessKey);
    if (expected === undefined || !signaturesMatch(expected, auth.signature)) {
      throw new ServiceError(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        403,
      );
    }
  }
  return auth;
}
