/**
 * Removes credentials from text before it is logged or shown. Applied to every log line, so that an
 * access key, a secret, a session token or a signed header that slipped into an error message never
 * reaches the output channel or a file.
 */

/**
 * Names whose value is a secret, in any case and with `_`, `-` or nothing between the words:
 * `aws_secret_access_key`, `SecretAccessKey`, `secret_access_key`, `AWS_SESSION_TOKEN`,
 * `AWS_SECURITY_TOKEN`, `X-Amz-Security-Token`, the SSO cache's `accessToken`, `refreshToken` and
 * `clientSecret`. Matched anywhere in a longer name too (`registrationAccessToken`).
 */
const secretName =
  '(?:aws[_-]?)?(?:secret[_-]?access[_-]?key|session[_-]?token|security[_-]?token)|x-amz-security-token|(?:access|refresh|id)[_-]?token|client[_-]?secret';

/**
 * A secret's name, the quote that may close it (backslashes too: JSON nested in a JSON string escapes
 * its quotes), the separator (`:` or `=`), and the quote that may open its value.
 */
const namedValue = new RegExp(`(${secretName})(\\\\*["']?)(\\s*[:=][ \\t]*)(\\\\*["'])?`, 'gi');

/** Where an unquoted value ends: at the end of its line, or at what separates it from the next one. */
const unquotedEnd = /[\r\n\u0085\u2028\u2029&"',;}\]<]/;

/** The end (index after the last character) of a quoted value opened by `opener` at `start`. */
function quotedEnd(text: string, start: number, opener: string): number {
  const quote = opener[opener.length - 1];
  if (opener.length === 1) {
    // A plain quoted string: JSON's backslash escapes inside a double-quoted one.
    for (let index = start; index < text.length; index++) {
      const char = text[index];
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) return index;
      else if (char === '\n' || char === '\r') return index;
    }
    return text.length;
  }
  // An escaped quote (`\"`): the value ends at the same escaped quote, not at one escaped once more.
  for (let index = text.indexOf(opener, start); index !== -1; index = text.indexOf(opener, index + 1)) {
    if (text[index - 1] !== '\\') return index;
  }
  const lineEnd = text.slice(start).search(/[\r\n]/);
  return lineEnd === -1 ? text.length : start + lineEnd;
}

/** Each `name = value`, `"name": "value"`, `NAME=value`, `name: value` or `name=value&` with its value replaced. */
function redactNamedValues(text: string): string {
  let result = '';
  let copied = 0;
  namedValue.lastIndex = 0;
  for (let match = namedValue.exec(text); match !== null; match = namedValue.exec(text)) {
    const [whole, , , , opener] = match;
    const valueStart = match.index + whole.length;
    let valueEnd: number;
    if (opener) {
      valueEnd = quotedEnd(text, valueStart, opener);
    } else {
      const end = text.slice(valueStart).search(unquotedEnd);
      valueEnd = end === -1 ? text.length : valueStart + end;
      // Trailing blanks belong to the text after the value (`key = value  # note` keeps its spacing).
      while (valueEnd > valueStart && /[ \t]/.test(text[valueEnd - 1])) valueEnd--;
    }
    if (valueEnd === valueStart) continue; // nothing to hide: `sessionToken: ""` or a name in a sentence
    result += `${text.slice(copied, valueStart)}[redacted]`;
    copied = valueEnd;
    namedValue.lastIndex = Math.max(valueEnd, namedValue.lastIndex);
  }
  return result + text.slice(copied);
}

const rules: ReadonlyArray<[RegExp, string]> = [
  // A failed credential_process: Node's "Command failed: <command line>\n<stderr>" can carry anything
  // the command line or the process's error output held (passwords, tokens). Nothing after it is kept.
  [/(Command failed:)[\s\S]*/g, '$1 [command line and output redacted]'],
  // STS and other XML answers: <SecretAccessKey>…</SecretAccessKey>, <SessionToken>…</SessionToken>.
  [new RegExp(`(<(?:[\\w-]+:)?(?:${secretName})>)[^<]*`, 'gi'), '$1[redacted]'],
  // The signature and credential scope of a SigV4 Authorization header.
  [/(Signature=)[0-9a-f]{16,}/gi, '$1[redacted]'],
  [/(Credential=)[A-Z0-9]{16,}/g, '$1[redacted]'],
  [/(X-Amz-Signature=)[0-9a-f]+/gi, '$1[redacted]'],
  [/(X-Amz-Credential=)[^&\s"'<]+/gi, '$1[redacted]'],
  // Access key ids: long-term (AKIA) and temporary (ASIA) ones.
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1****************'],
  // Bearer and basic authorization.
  [/(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{8,}/g, '$1[redacted]'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of rules.slice(0, 2)) result = result.replace(pattern, replacement);
  result = redactNamedValues(result);
  for (const [pattern, replacement] of rules.slice(2)) result = result.replace(pattern, replacement);
  return result;
}
