// Property-based tests over every wizard field validator (src/wizards/validation/**): any input gives
// a clear message or undefined, never a throw, never a slow regular expression, and the validators
// agree with the services' own rules on generated valid and invalid values.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatEnvironment, parseEnvironment, validateImageUri, validateModelDataUrl } from '../../../src/wizards/validation/modelSource';
import {
  duplicateNameCheck,
  validateSageMakerName,
  validateScheduledActionName,
  validateScheduleName,
} from '../../../src/wizards/validation/names';
import { validateDecimal, validateInteger } from '../../../src/wizards/validation/numbers';
import { validateRoleArn } from '../../../src/wizards/validation/roleArn';

const runs = { numRuns: 300 };
/** Any UTF-16 string, lone surrogates and control characters included. */
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 3000 }),
);

const validators: [string, (value: string) => string | undefined][] = [
  ['validateSageMakerName', (value) => validateSageMakerName(value, 'endpoint')],
  ['validateScheduleName', validateScheduleName],
  ['validateScheduledActionName', validateScheduledActionName],
  ['validateRoleArn', validateRoleArn],
  ['validateImageUri', validateImageUri],
  ['validateModelDataUrl', validateModelDataUrl],
  ['validateInteger', (value) => validateInteger(value, 'Copies', 0, 10)],
  ['validateDecimal', (value) => validateDecimal(value, 'Target', 0, 100, { exclusiveMin: true })],
  ['duplicateNameCheck', duplicateNameCheck(['demo-cold', 'Demo-Always-On'], 'endpoint')],
  ['parseEnvironment', (value) => {
    const parsed = parseEnvironment(value);
    return parsed.ok ? undefined : parsed.error;
  }],
];

/** Inputs that make backtracking regular expressions slow, if any validator had one. */
function adversarial(): string[] {
  const long = (unit: string, count = 5000) => unit.repeat(count);
  return [
    `${long('a-')}!`,
    `${long('-')}a!`,
    `arn:aws:iam::123456789012:role/${long('a/')}\n`,
    `${long('a.')}/${long('b/')}:${long('c')}@`,
    `s3://${long('/')}`,
    `${long('A=1, ')}`,
    long('9', 10000),
    `${long('1')}.${long('1')}x`,
  ];
}

describe('property: wizard field validators', () => {
  for (const [name, validate] of validators) {
    it(`${name}: any string gives a non-empty message or undefined, never a throw`, () => {
      fc.assert(
        fc.property(anyText, (value) => {
          const result = validate(value);
          assert.ok(result === undefined || (typeof result === 'string' && result.trim().length > 0 && result.length < 400), `"${String(result)}"`);
        }),
        runs,
      );
    });

    it(`${name}: answers adversarial inputs at once (no catastrophic backtracking)`, () => {
      for (const value of adversarial()) {
        const started = performance.now();
        validate(value);
        const ms = performance.now() - started;
        assert.ok(ms < 50, `${name} took ${ms.toFixed(1)} ms on a ${value.length}-character input`);
      }
    });
  }

  it('validateSageMakerName accepts exactly the names SageMaker accepts (1-63 letters, digits, inner hyphens)', () => {
    const alnum = fc.constantFrom(...'abcXYZ0189');
    const valid = fc
      .tuple(alnum, fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), alnum), { maxLength: 20 }))
      .map(([first, rest]) => first + rest.map(([hyphens, char]) => '-'.repeat(hyphens) + char).join(''))
      .filter((value) => value.length <= 63);
    fc.assert(fc.property(valid, (value) => assert.equal(validateSageMakerName(value, 'model'), undefined, value)), runs);
    const sagemakerRule = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
    fc.assert(
      fc.property(anyText, (value) => {
        assert.equal(validateSageMakerName(value, 'model') === undefined, value.length <= 63 && sagemakerRule.test(value), JSON.stringify(value));
      }),
      runs,
    );
    assert.match(validateSageMakerName('a'.repeat(64), 'model')!, /64 characters/);
    assert.match(validateSageMakerName('-bad', 'model')!, /letters, digits and hyphens/);
  });

  it('validateScheduleName and validateScheduledActionName follow EventBridge and Application Auto Scaling limits', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-zA-Z_.-]{1,64}$/), (value) => assert.equal(validateScheduleName(value), undefined)), runs);
    fc.assert(
      fc.property(fc.string({ minLength: 65, maxLength: 200 }), (value) => assert.match(validateScheduleName(value)!, /at most 64/)),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.constantFrom(':', '/', '|', '\u0000', '\u007f', '\u0085'), fc.string({ maxLength: 100 }), (a, bad, b) => {
        assert.ok(validateScheduledActionName(`x${a}${bad}${b}x`) !== undefined);
      }),
      runs,
    );
  });

  it('validateRoleArn accepts role ARNs of any partition and refuses names and other resources', () => {
    const arn = fc
      .tuple(fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'), fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[\w+=,.@-]{1,64}(\/[\w+=,.@-]{1,20})?$/))
      .map(([partition, account, name]) => `arn:${partition}:iam::${account}:role/${name}`);
    fc.assert(fc.property(arn, (value) => assert.equal(validateRoleArn(value), undefined, value)), runs);
    fc.assert(
      fc.property(fc.stringMatching(/^[\w+=,.@-]{1,64}$/), (name) => {
        assert.match(validateRoleArn(name)!, /ARN/);
        assert.ok(validateRoleArn(`arn:aws:iam::123456789012:user/${name}`));
      }),
      runs,
    );
  });

  it('validateInteger and validateDecimal agree with the range for every number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 200 }), (value, min, span) => {
        const max = min + span;
        const message = validateInteger(` ${value} `, 'Copies', min, max);
        if (value >= min && value <= max) assert.equal(message, undefined);
        else assert.match(message!, value < min ? /at least/ : /at most/);
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (value) => {
        const text = value.toFixed(3);
        const message = validateDecimal(text, 'Target', 0, 500, { exclusiveMin: true });
        const number = Number(text);
        if (number > 0 && number <= 500) assert.equal(message, undefined, text);
        else assert.ok(message, text);
      }),
      runs,
    );
  });

  it('duplicateNameCheck is case-insensitive, like SageMaker', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Z0-9-]{1,20}$/), { maxLength: 10 }), fc.stringMatching(/^[a-zA-Z0-9-]{1,20}$/), (existing, candidate) => {
        const check = duplicateNameCheck(existing, 'endpoint');
        const taken = existing.some((name) => name.toLowerCase() === candidate.toLowerCase());
        assert.equal(check(candidate) !== undefined, taken);
        assert.equal(check(candidate.toUpperCase()) !== undefined, taken);
      }),
      runs,
    );
  });

  it('parseEnvironment reads back what formatEnvironment writes, whatever the variable names', () => {
    const key = fc.oneof(
      fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,30}$/),
      // Names that are also properties of every JavaScript object: they must be ordinary variables.
      fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'HF_MODEL_ID'),
    );
    const value = fc.stringMatching(/^[A-Za-z0-9_./:@=-]{0,40}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, maxLength: 12 }), (pairs) => {
        const variables = Object.fromEntries(pairs);
        const parsed = parseEnvironment(formatEnvironment(variables));
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
        assert.deepEqual(Object.entries(parsed.variables), pairs);
        assert.equal(Object.getPrototypeOf(parsed.variables), Object.prototype, 'no prototype pollution through __proto__');
      }),
      runs,
    );
    assert.deepEqual(parseEnvironment('A=1, A=2'), { ok: false, error: 'A is set twice.' });
    const tooMany = Array.from({ length: 101 }, (_, index) => `K${index}=v`).join(',');
    assert.match((parseEnvironment(tooMany) as { error: string }).error, /at most 100/);
  });
});
