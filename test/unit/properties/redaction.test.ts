// Property-based test of `redactSecrets` (src/logging/redact.ts): a generated secret, written in any of
// the forms credentials take in logs and error messages, never survives, and the harmless text around
// it is kept as it was.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactSecrets } from '../../../src/logging/redact';

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const upperDigits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const chars = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength: min, maxLength: max });

/** A secret as AWS and SSO hand them out; every one starts with a marker no harmless text holds. */
const plainSecret = chars(base64, 12, 60).map((tail) => `Zq9${tail}`);
/** A secret with spaces inside (never at its ends), for the forms whose value runs to its quote or line end. */
const spacedSecret = fc.tuple(plainSecret, fc.array(chars(base64, 1, 12), { minLength: 1, maxLength: 3 })).map(([head, parts]) => `${head} ${parts.join(' ')}X`);
const hex = chars('0123456789abcdef', 64, 64);

/** Every spelling of the secret names: the words of one name, in any case, joined by `_`, `-` or nothing. */
const secretNames = [
  ['aws', 'secret', 'access', 'key'],
  ['secret', 'access', 'key'],
  ['aws', 'session', 'token'],
  ['session', 'token'],
  ['aws', 'security', 'token'],
  ['x', 'amz', 'security', 'token'],
  ['access', 'token'],
  ['refresh', 'token'],
  ['client', 'secret'],
];
const casing = fc.constantFrom<(word: string, index: number) => string>(
  (word) => word,
  (word) => word.toUpperCase(),
  (word) => word[0].toUpperCase() + word.slice(1),
  (word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1)),
);
const secretName = fc.tuple(fc.constantFrom(...secretNames), casing, fc.constantFrom('_', '-', '')).map(([words, cased, joiner]) =>
  words.map(cased).join(words[0] === 'x' ? '-' : joiner),
);

/** Harmless text: words of the extension's own messages, which must come out unchanged. */
const harmless = fc
  .array(fc.constantFrom('Endpoint', 'demo-cold', 'is', 'InService', 'region', 'us-east-1', 'with', '1/1', 'copies', 'failed:', '(code 3)', '->', 'note', 'ok.'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((words) => words.join(' '));

interface Case {
  form: string;
  text: string;
  secrets: string[];
  kept: string[];
}

const quote = fc.constantFrom('"', "'");
const forms: fc.Arbitrary<Case>[] = [
  // JSON, the key in any case; values may hold spaces.
  fc.tuple(secretName, fc.oneof(plainSecret, spacedSecret), harmless, harmless).map(([name, secret, before, after]) => ({
    form: 'JSON',
    text: `${before} {"region":"us-east-1",${JSON.stringify(name)}:${JSON.stringify(secret)},"note":${JSON.stringify(after)}}`,
    secrets: [secret],
    kept: [before, `"note":${JSON.stringify(after)}`, '"region":"us-east-1"'],
  })),
  // JSON inside a JSON string (an error body in a serialized error).
  fc.tuple(secretName, fc.oneof(plainSecret, spacedSecret), harmless).map(([name, secret, after]) => ({
    form: 'nested JSON',
    text: JSON.stringify({ body: JSON.stringify({ [name]: secret, note: after }) }),
    secrets: [secret],
    kept: [after],
  })),
  // INI (~/.aws/credentials): `key = value`, one per line.
  fc.tuple(secretName, fc.oneof(plainSecret, spacedSecret), harmless, harmless, fc.constantFrom(' = ', '=', ' =', '= ')).map(([name, secret, before, after, equals]) => ({
    form: 'INI',
    text: `[profile dev]\n${before}\n${name}${equals}${secret}\n${after}`,
    secrets: [secret],
    kept: [`[profile dev]\n${before}\n`, `\n${after}`],
  })),
  // Environment dumps: `KEY=value`.
  fc.tuple(secretName, plainSecret, harmless).map(([name, secret, after]) => ({
    form: 'env',
    text: `AWS_REGION=us-east-1\n${name.toUpperCase().replace(/-/g, '_')}=${secret}\n${after}`,
    secrets: [secret],
    kept: ['AWS_REGION=us-east-1\n', `\n${after}`],
  })),
  // YAML: `key: value`, quoted or not.
  fc.tuple(secretName, fc.oneof(plainSecret, spacedSecret), harmless, fc.boolean(), quote).map(([name, secret, after, quoted, mark]) => ({
    form: 'YAML',
    text: `credentials:\n  ${name}: ${quoted ? `${mark}${secret}${mark}` : secret}\n  note: ${after}`,
    secrets: [secret],
    kept: ['credentials:\n  ', `\n  note: ${after}`],
  })),
  // XML elements (STS answers), with or without a namespace prefix.
  fc.tuple(fc.constantFrom('SecretAccessKey', 'SessionToken', 'sessionToken', 'SECRET_ACCESS_KEY'), fc.oneof(plainSecret, spacedSecret), harmless, fc.constantFrom('', 'sts:')).map(([element, secret, after, ns]) => ({
    form: 'XML',
    text: `<Credentials><${ns}${element}>${secret}</${ns}${element}><Expiration>${after}</Expiration></Credentials>`,
    secrets: [secret],
    kept: [`<Expiration>${after}</Expiration></Credentials>`, '<Credentials>'],
  })),
  // HTTP headers: a SigV4 Authorization, a bearer token, X-Amz-Security-Token.
  fc.tuple(chars(upperDigits, 16, 16), hex, harmless).map(([keyTail, signature, after]) => ({
    form: 'Authorization header',
    text: `Authorization: AWS4-HMAC-SHA256 Credential=AKIA${keyTail}/20261206/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}\n${after}`,
    secrets: [keyTail, signature],
    kept: ['Authorization: AWS4-HMAC-SHA256 Credential=', '/20261206/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date, Signature=', `\n${after}`],
  })),
  fc.tuple(plainSecret, harmless).map(([secret, after]) => ({
    form: 'bearer header',
    text: `Authorization: Bearer ${secret.replace(/[+/]/g, '-')}\n${after}`,
    secrets: [secret.replace(/[+/]/g, '-')],
    kept: ['Authorization: Bearer ', `\n${after}`],
  })),
  fc.tuple(plainSecret, harmless, fc.constantFrom('X-Amz-Security-Token', 'x-amz-security-token')).map(([secret, after, header]) => ({
    form: 'security token header',
    text: `Host: api.sagemaker.us-east-1.amazonaws.com\n${header}: ${secret}\n${after}`,
    secrets: [secret],
    kept: ['Host: api.sagemaker.us-east-1.amazonaws.com\n', `\n${after}`],
  })),
  // Presigned URLs: X-Amz-Credential, X-Amz-Security-Token, X-Amz-Signature in the query string.
  fc.tuple(chars(upperDigits, 16, 16), plainSecret, hex).map(([keyTail, token, signature]) => ({
    form: 'query string',
    text: `GET https://runtime.sagemaker.us-east-1.amazonaws.com/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA${keyTail}%2F20261206%2Fus-east-1&X-Amz-Security-Token=${encodeURIComponent(token)}&X-Amz-Signature=${signature}&X-Amz-SignedHeaders=host done`,
    secrets: [keyTail, encodeURIComponent(token), signature],
    kept: ['GET https://runtime.sagemaker.us-east-1.amazonaws.com/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=', '&X-Amz-SignedHeaders=host done'],
  })),
  // Access key ids in running text.
  fc.tuple(fc.constantFrom('AKIA', 'ASIA'), chars(upperDigits, 16, 16), harmless, harmless).map(([kind, keyTail, before, after]) => ({
    form: 'access key id',
    text: `${before} ${kind}${keyTail} ${after}`,
    secrets: [keyTail],
    kept: [`${before} ${kind}`, ` ${after}`],
  })),
];

describe('property: redactSecrets', () => {
  it('no generated secret survives in any known form, and the text around it is kept', () => {
    fc.assert(
      fc.property(fc.oneof(...forms), ({ form, text, secrets, kept }) => {
        const redacted = redactSecrets(text);
        for (const secret of secrets) assert.ok(!redacted.includes(secret), `${form}: the secret survived in ${JSON.stringify(redacted)}`);
        for (const part of kept) assert.ok(redacted.includes(part), `${form}: ${JSON.stringify(part)} was lost from ${JSON.stringify(redacted)}`);
      }),
      { numRuns: 2000, seed: 14012 },
    );
  });

  it('several secrets in one text: none survives, whatever the order of the forms', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...forms), { minLength: 2, maxLength: 6 }), (cases) => {
        const redacted = redactSecrets(cases.map((item) => item.text).join('\n'));
        for (const item of cases) for (const secret of item.secrets) assert.ok(!redacted.includes(secret), `${item.form}: ${JSON.stringify(redacted)}`);
      }),
      { numRuns: 500, seed: 14013 },
    );
  });

  it('ordinary text without a secret is left exactly as it was', () => {
    fc.assert(
      fc.property(fc.array(harmless, { maxLength: 5 }), (lines) => {
        const text = lines.join('\n');
        assert.equal(redactSecrets(text), text);
      }),
      { numRuns: 300, seed: 14014 },
    );
  });
});
