import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '../../../../src/logging/logger';
import { type Plan } from '../../../../src/wizards/plans/plan';
import { parseRecord, type PlanProgressRecord, stepsMissingValues, toStoredRecord, unsavedValue } from '../../../../src/wizards/plans/planProgress';
import { planProgressFiles } from '../../../../src/wizards/ui/planProgressFiles';

const plan: Plan = {
  title: 'Create scale-to-zero endpoint demo',
  steps: [
    {
      id: 'model',
      service: 'sagemaker',
      operation: 'CreateModel',
      description: 'Create model demo-model',
      input: {
        ModelName: 'demo-model',
        PrimaryContainer: { Image: 'image', Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', HF_TOKEN: 'hf_abcdefSECRET' } },
      },
      creates: { kind: 'model', name: 'demo-model' },
    },
    {
      id: 'endpoint',
      service: 'sagemaker',
      operation: 'CreateEndpoint',
      description: 'Create endpoint demo',
      input: { EndpointName: 'demo', EndpointConfigName: 'demo-config', Tags: [{ Key: 'note', Value: 'aws_secret_access_key=abcdEFGH1234' }] },
      creates: { kind: 'endpoint', name: 'demo' },
      waitFor: 'endpointInService',
    },
  ],
};

function record(overrides: Partial<PlanProgressRecord> = {}): PlanProgressRecord {
  return {
    id: 'r1',
    wizard: 'Create Scale-to-Zero Endpoint',
    connectionKey: '{"kind":"aws","profile":"dev","region":"us-east-1"}',
    connectionLabel: 'AWS profile dev in us-east-1',
    plan,
    created: [{ kind: 'model', name: 'demo-model' }],
    state: 'running',
    owner: { pid: 1234, session: 's1' },
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    unsavedSteps: [],
    ...overrides,
  };
}

describe('unfinished plans on disk (planProgressFiles)', () => {
  let directory: string;
  const logged: string[] = [];
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (m) => logged.push(m), error: (m) => logged.push(m) });
  const store = () => planProgressFiles(directory, logger);
  const files = () => readdirSync(directory).sort();

  beforeEach(() => {
    directory = join(mkdtempSync(join(tmpdir(), 's2z-progress-')), 'unfinished-plans');
    logged.length = 0;
  });

  afterEach(() => {
    rmSync(join(directory, '..'), { recursive: true, force: true });
  });

  it('a missing folder is no unfinished plan, and a saved record reads back the same, from a new store on the same folder', async () => {
    assert.deepEqual(await store().list(), { records: [], problems: [] });
    const stored = { ...toStoredRecord(record()), id: 'r1' };
    await store().save(stored);
    assert.deepEqual(files(), ['r1.json'], 'no temporary file left behind');
    if (process.platform !== 'win32') assert.equal(statSync(join(directory, 'r1.json')).mode & 0o777, 0o600, 'readable by the user only');
    const { records, problems } = await store().list();
    assert.deepEqual(problems, []);
    assert.equal(records.length, 1);
    assert.deepEqual(records[0].created, [{ kind: 'model', name: 'demo-model' }]);
    assert.equal(records[0].plan.title, plan.title);
    await store().remove('r1');
    assert.deepEqual(files(), []);
  });

  it('writes atomically: a crash mid-write (a partial temporary file) leaves the previous record readable, and readers never see half a record', async () => {
    const files0 = store();
    await files0.save({ ...toStoredRecord(record()), id: 'r1' });
    // What a writer killed half-way through leaves: part of the new record in a temporary file.
    writeFileSync(join(directory, 'r1.json.999-1.tmp'), '{"id":"r1","plan":{"title":"Cre');
    const afterCrash = await store().list();
    assert.deepEqual(afterCrash.problems, [], 'the temporary file is not a record');
    assert.deepEqual(afterCrash.records.map((found) => found.created.length), [1]);

    // Many large writes while a reader reads: every read is a whole record, the old one or a new one.
    const big = (count: number) => ({
      ...toStoredRecord(record({ created: Array.from({ length: count }, (_, index) => ({ kind: 'alarm' as const, name: `alarm-${index}-${'x'.repeat(200)}` })) })),
      id: 'r1',
    });
    let writing = true;
    const writes = (async () => {
      for (let round = 1; round <= 15; round++) await files0.save(big(2000 + round));
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const text = readFileSync(join(directory, 'r1.json'), 'utf8');
      const parsed = parseRecord(JSON.parse(text));
      assert.ok(parsed.ok, 'a whole record');
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writes;
    assert.ok(reads > 0);
    const { records } = await store().list();
    assert.equal(records[0].created.length, 2015, 'the last write is the one kept');
  });

  it('a corrupt file is reported in words and set aside (renamed .corrupt-<time>), never read again, and the other records still read', async () => {
    await store().save({ ...toStoredRecord(record({ id: 'good' })), id: 'good' });
    writeFileSync(join(directory, 'broken.json'), '{"id": "broken", "plan": {"title": "Create');
    writeFileSync(join(directory, 'nonsense.json'), '[1, 2, 3]');
    const first = await store().list();
    assert.deepEqual(first.records.map((found) => found.id), ['good']);
    assert.equal(first.problems.length, 2);
    assert.match(first.problems[0], /^A record of an unfinished plan could not be read \(broken\.json: it is not valid JSON\); it was set aside as .*broken\.json\.corrupt-/);
    assert.match(first.problems[1], /nonsense\.json: it is not a JSON object/);
    for (const problem of first.problems) assert.doesNotMatch(problem, /\n\s+at /, 'no stack trace');
    assert.ok(logged.some((line) => /broken\.json/.test(line)), 'and logged');
    const names = files();
    assert.equal(names.length, 3);
    assert.ok(names.includes('good.json'));
    assert.ok(names.some((name) => /^broken\.json\.corrupt-\d{4}-\d\d-\d\dT/.test(name)));
    assert.ok(names.some((name) => /^nonsense\.json\.corrupt-/.test(name)));
    assert.deepEqual(await store().list(), { records: first.records, problems: [] }, 'reported once: set aside, not read again');
  });

  it('tolerates unknown and missing members: entries a newer runner wrote are kept as they are, an unusable entry is dropped with a warning', async () => {
    const written = {
      id: 'future',
      wizard: 'Create Scale-to-Zero Endpoint',
      connectionKey: 'emulator',
      plan,
      // No state, owner, times, label or unsavedSteps; a member nobody knows yet.
      somethingNew: { a: 1 },
      created: [
        { kind: 'model', name: 'demo-model', confirmed: false, previous: { Tags: [] } },
        { kind: 'endpoint', name: 'demo' },
        { kind: 'endpoint' },
        'garbage',
      ],
    };
    await store().save(written as never);
    const { records, problems } = await store().list();
    assert.equal(records.length, 1);
    const [found] = records;
    assert.deepEqual(found.created, [{ kind: 'model', name: 'demo-model', confirmed: false, previous: { Tags: [] } }, { kind: 'endpoint', name: 'demo' }]);
    assert.equal(found.state, 'stopped');
    assert.equal(found.connectionLabel, 'the connection it ran on');
    assert.deepEqual(found.owner, { pid: 0, session: '' });
    assert.deepEqual((found as unknown as { somethingNew: unknown }).somethingNew, { a: 1 });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /"Create scale-to-zero endpoint demo" \(future\.json\): an entry of its list of created resources could not be read: \{"kind":"endpoint"\}/);
    assert.match(problems[1], /could not be read: "garbage"/);

    // No plan, no list of created resources, or a newer format: nothing usable, set aside.
    writeFileSync(join(directory, 'noplan.json'), JSON.stringify({ id: 'noplan', wizard: 'w', connectionKey: 'k', created: [] }));
    writeFileSync(join(directory, 'nolist.json'), JSON.stringify({ id: 'nolist', wizard: 'w', connectionKey: 'k', plan }));
    writeFileSync(join(directory, 'newer.json'), JSON.stringify({ version: 99, id: 'newer', wizard: 'w', connectionKey: 'k', plan, created: [] }));
    const again = await store().list();
    assert.deepEqual(again.records.map((found) => found.id), ['future']);
    assert.ok(again.problems.some((problem) => /newer\.json: it was written by a newer version/.test(problem)));
    assert.ok(again.problems.some((problem) => /nolist\.json: its list of created resources is missing/.test(problem)));
    assert.ok(again.problems.some((problem) => /noplan\.json: its plan is missing or incomplete/.test(problem)));
  });

  it('never writes environment variable values or anything that looks like a credential, and says which steps lack them', async () => {
    const stored = toStoredRecord(record());
    const text = JSON.stringify(stored);
    assert.doesNotMatch(text, /hf_abcdefSECRET|abcdEFGH1234|meta-llama/);
    assert.ok(text.includes(unsavedValue));
    assert.deepEqual(stored.unsavedSteps, ['model', 'endpoint']);
    const parsed = parseRecord(JSON.parse(text));
    assert.ok(parsed.ok);
    // The model was created: a resume skips it, so its missing values do not matter; the endpoint was not.
    assert.deepEqual(stepsMissingValues(parsed.record).map((step) => step.id), ['endpoint']);
    assert.deepEqual(stepsMissingValues({ ...parsed.record, created: [{ kind: 'model', name: 'demo-model' }, { kind: 'endpoint', name: 'demo' }] }), []);
  });

  it('knows a run of another live window from one whose window is gone', () => {
    const files0 = store();
    assert.equal(files0.pid, process.pid);
    assert.equal(files0.runningElsewhere({ pid: process.pid, session: 'x' }), false, 'this process');
    assert.equal(files0.runningElsewhere({ pid: process.ppid, session: 'x' }), true, 'a live process');
    assert.equal(files0.runningElsewhere({ pid: 2 ** 22 + 12345, session: 'x' }), false, 'no such process');
    assert.equal(files0.runningElsewhere({ pid: 0, session: '' }), false, 'unknown owner');
  });
});
