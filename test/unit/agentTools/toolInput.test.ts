import * as assert from 'node:assert/strict';
import {
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalSageMakerName,
  optionalString,
  parseInput,
  parseObject,
  requiredSageMakerName,
  ToolInputError,
} from '../../../src/agentTools/toolInput';
import { getCost } from '../../../src/agentTools/reading/getCost';
import { getReadiness } from '../../../src/agentTools/reading/getReadiness';
import { getRecentWakes } from '../../../src/agentTools/reading/getRecentWakes';
import { listEndpoints } from '../../../src/agentTools/reading/listEndpoints';
import { listSchedules } from '../../../src/agentTools/reading/listSchedules';
import { readTools } from '../../../src/agentTools/reading/readTools';

/** The message a parser throws for `record`. */
function failure(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    assert.ok(error instanceof ToolInputError, `a ToolInputError, not ${String(error)}`);
    return error.message;
  }
  assert.fail('did not throw');
}

describe('agent tool input parsers (issue 21)', () => {
  it('parseObject: no input is an empty object; anything but an object, or an unknown field, is one sentence', () => {
    assert.deepEqual(parseObject(undefined, ['a']), {});
    assert.deepEqual(parseObject(null, ['a']), {});
    assert.deepEqual(parseObject({ a: 1 }, ['a', 'b']), { a: 1 });
    assert.equal(failure(() => parseObject('text', ['a', 'b'])), 'The input must be a JSON object with "a" and "b", not the text "text".');
    assert.equal(failure(() => parseObject([1], ['a'])), 'The input must be a JSON object with "a", not a list.');
    assert.equal(failure(() => parseObject(7, [])), 'The input must be a JSON object, not the number 7.');
    assert.equal(failure(() => parseObject({ a: 1, x: 2, y: 3 }, ['a', 'b', 'c'])), 'Unknown fields "x" and "y": this tool takes only "a", "b" and "c".');
    assert.equal(failure(() => parseObject({ x: 2 }, [])), 'Unknown field "x": this tool takes no input.');
  });

  it('SageMaker names: the services\' rules in the wizards\' words, the field named', () => {
    assert.equal(requiredSageMakerName({ n: 'demo-llama3-8b' }, 'n', 'inference component'), 'demo-llama3-8b');
    assert.equal(optionalSageMakerName({}, 'n', 'endpoint'), undefined);
    assert.equal(optionalSageMakerName({ n: null }, 'n', 'endpoint'), undefined);
    assert.equal(failure(() => requiredSageMakerName({}, 'endpointName', 'endpoint')), 'The field "endpointName" is required: the endpoint\'s exact name.');
    assert.equal(failure(() => requiredSageMakerName({ endpointName: 5 }, 'endpointName', 'endpoint')), 'The field "endpointName" must be the endpoint\'s name as a string, not the number 5.');
    assert.equal(failure(() => requiredSageMakerName({ endpointName: { a: 1 } }, 'endpointName', 'endpoint')), 'The field "endpointName" must be the endpoint\'s name as a string, not an object.');
    assert.equal(
      failure(() => requiredSageMakerName({ endpointName: 'bad_name' }, 'endpointName', 'endpoint')),
      'The field "endpointName" is not a valid endpoint name: The endpoint name may contain only letters, digits and hyphens, and must start and end with a letter or digit.',
    );
    assert.match(failure(() => requiredSageMakerName({ n: 'a'.repeat(64) }, 'n', 'endpoint')), /64 characters long: SageMaker allows at most 63\./);
    // Blank text is "not given": refused when required, left out when optional.
    assert.equal(failure(() => requiredSageMakerName({ n: ' ' }, 'n', 'endpoint')), 'The field "n" is required: the endpoint\'s exact name.');
    assert.equal(optionalSageMakerName({ n: '' }, 'n', 'endpoint'), undefined);
  });

  it('integers: whole numbers within the range only', () => {
    assert.equal(optionalInteger({ d: 7 }, 'd', 1, 30), 7);
    assert.equal(optionalInteger({}, 'd', 1, 30), undefined);
    assert.equal(failure(() => optionalInteger({ d: 0 }, 'd', 1, 30)), 'The field "d" must be at least 1.');
    assert.equal(failure(() => optionalInteger({ d: 31 }, 'd', 1, 30)), 'The field "d" must be at most 30.');
    assert.equal(failure(() => optionalInteger({ d: 2.5 }, 'd', 1, 30)), 'The field "d" must be a whole number.');
    assert.equal(failure(() => optionalInteger({ d: '7' }, 'd', 1, 30)), 'The field "d" must be a whole number from 1 to 30, not the text "7".');
    assert.equal(failure(() => optionalInteger({ d: Number.NaN }, 'd', 1, 30)), 'The field "d" must be a whole number from 1 to 30, not the number NaN.');
  });

  it('booleans, enums and free text', () => {
    assert.equal(optionalBoolean({ b: false }, 'b'), false);
    assert.equal(failure(() => optionalBoolean({ b: 'yes' }, 'b')), 'The field "b" must be true or false, not the text "yes".');
    assert.equal(optionalEnum({ s: 'cold' }, 's', ['warm', 'cold']), 'cold');
    assert.equal(failure(() => optionalEnum({ s: 'Cold' }, 's', ['warm', 'cold'])), 'The field "s" must be one of warm, cold, not "Cold".');
    assert.equal(failure(() => optionalEnum({ s: 3 }, 's', ['warm', 'cold'])), 'The field "s" must be one of warm, cold, not the number 3.');
    assert.equal(optionalString({ t: '  llama ' }, 't', 63), 'llama');
    assert.equal(optionalString({ t: '   ' }, 't', 63), undefined);
    assert.equal(failure(() => optionalString({ t: 'x'.repeat(64) }, 't', 63)), 'The field "t" is 64 characters long: at most 63 are allowed.');
    assert.match(failure(() => optionalString({ t: ['a'] }, 't', 63)), /^The field "t" must be a string, not a list\.$/);
  });

  it('parseInput turns the first field error into { ok: false } and lets other errors through', () => {
    assert.deepEqual(parseInput(() => 1), { ok: true, input: 1 });
    assert.deepEqual(
      parseInput(() => requiredSageMakerName({}, 'x', 'endpoint')),
      { ok: false, message: 'The field "x" is required: the endpoint\'s exact name.' },
    );
    assert.throws(() => parseInput(() => { throw new RangeError('a bug'); }), RangeError);
  });

  it('every read tool parses its schema\'s inputs, defaults included, and refuses anything else without throwing', () => {
    assert.deepEqual(readTools.map((tool) => tool.name), [listEndpoints, getReadiness, getCost, getRecentWakes, listSchedules].map((tool) => tool.name));
    assert.deepEqual(listEndpoints.parseInput(undefined), { ok: true, input: { nameContains: undefined, state: undefined } });
    assert.deepEqual(listEndpoints.parseInput({ nameContains: 'Llama', state: 'waking' }), { ok: true, input: { nameContains: 'Llama', state: 'waking' } });
    assert.deepEqual(getCost.parseInput({}), { ok: true, input: { endpointName: undefined, days: 7 } });
    assert.deepEqual(getCost.parseInput({ endpointName: 'ep', days: 30 }), { ok: true, input: { endpointName: 'ep', days: 30 } });
    assert.deepEqual(getRecentWakes.parseInput({ inferenceComponentName: 'ic' }), { ok: true, input: { inferenceComponentName: 'ic', days: 7 } });
    assert.equal(getRecentWakes.parseInput({ inferenceComponentName: 'ic', days: 15 }).ok, false);
    assert.deepEqual(listSchedules.parseInput({}), { ok: true, input: { inferenceComponentName: undefined } });
    assert.equal(getReadiness.parseInput({ endpointName: 'ep', extra: true }).ok, false);
    // Whatever a model sends: each tool answers with a sentence, never an exception.
    const anything: unknown[] = [undefined, null, 0, 'x', [], [{}], {}, { endpointName: null }, { inferenceComponentName: {} }, { days: -1 }, { state: 'nope' }, { __proto__: { a: 1 } }, Object.create(null)];
    for (const tool of readTools) {
      for (const raw of anything) {
        const parsed = tool.parseInput(raw);
        if (!parsed.ok) assert.match(parsed.message, /^[A-Z].*\.$/, `${tool.name} ${JSON.stringify(raw)}: ${parsed.message}`);
      }
    }
  });
});
