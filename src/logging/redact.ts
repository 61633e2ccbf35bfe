/**
 * Removes credentials from text before it is logged or shown. Applied to every log line, so that an
 * access key, a secret, a session token or a signed header that slipped into an error message never
 * reaches the output channel or a file.
 */

const rules: ReadonlyArray<[RegExp, string]> = [
  // Key = value pairs as they appear in ~/.aws/credentials, environment dumps and JSON.
  [
    // Backslashes too: JSON nested in a JSON string (an error body in a serialized error) escapes its quotes.
    /(aws_secret_access_key|secretAccessKey|SecretAccessKey|aws_session_token|sessionToken|SessionToken|x-amz-security-token)(\\*["']?\s*[:=]\s*\\*["']?)[^\s"',}\\]+/gi,
    '$1$2[redacted]',
  ],
  // The signature and credential scope of a SigV4 Authorization header.
  [/(Signature=)[0-9a-f]{16,}/gi, '$1[redacted]'],
  [/(Credential=)[A-Z0-9]{16,}/g, '$1[redacted]'],
  [/(X-Amz-Signature=)[0-9a-f]+/gi, '$1[redacted]'],
  [/(X-Amz-Credential=)[^&\s]+/gi, '$1[redacted]'],
  // Access key ids: long-term (AKIA) and temporary (ASIA) ones.
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1****************'],
  // SSO access tokens and bearer tokens.
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, '$1[redacted]'],
  [/(accessToken\\*["']?\s*[:=]\s*\\*["']?)[^\s"',}\\]+/gi, '$1[redacted]'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of rules) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
