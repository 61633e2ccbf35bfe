// Property-based round trip of the plan exporters (src/wizards/plans/exporters): names and values come
// from the account, so they may hold any character. For generated plans whose strings hold every line
// break (\n \r \v \f U+0085 U+2028 U+2029), other control characters, quotes, `$`, backticks,
// backslashes, `#`, `:` and YAML 1.1 keywords, each export must give back exactly the plan's values
// when read by the tool that runs it:
// - CloudFormation YAML: PyYAML's safe_load (YAML 1.1, what the AWS CLI uses) gives the template;
// - boto3: Python's own parser (`ast`, reading the file's bytes as Python does) gives every call and
//   its literal keyword arguments, and nothing else;
// - AWS CLI: a POSIX shell (sh, dash here) and bash accept the script (-n), and run by sh (dash reads
//   bash's $'…' differently) with a recording `aws` on PATH every command receives exactly the plan's arguments.
// Comments carry the plan's title, notes and step descriptions: none of them may add a key, a
// statement or a command. Needs python3 with PyYAML, bash and sh: a missing one fails the test.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Plan, type PlanStep, type PlanValue } from '../../../src/wizards/plans/plan';
import { shellJson, shellQuote, toAwsCliScript } from '../../../src/wizards/plans/exporters/awsCli';
import { toBoto3Script } from '../../../src/wizards/plans/exporters/boto3';
import { toCloudFormation } from '../../../src/wizards/plans/exporters/cloudFormation';

/** Characters that have broken, or could break, one of the three formats. */
const tricky = [
  '\n', '\r', '\r\n', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029', '\t', '\u0001', '\u0007', '\u001b', '\u007f', '\u0080', '\u009b', '\u009f',
  '"', "'", '`', '$', '\\', '#', ':', ': ', ' #', '- ', '-', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '?', ' ', '  ', '~', '=',
  '\u202e', '\u2066', '\u200f', '\ufeff', '\ufffe', '\uffff', 'é', '中', '😀', '\u00a0',
  '$(touch pwned)', '`touch pwned`', '${HOME}', "'; touch pwned; '", '"; import os; "', '\\x41', '\\u2028', '\\n',
  'yes', 'no', 'on', 'off', 'null', 'true', 'y', 'N', '0o17', '1:20', '.inf', '<<', '&anchor', '*alias', '!!python/object',
  'Injected: true', 'coding: latin-1', '-*- coding: utf-8 -*-', '\n# ', '\u2028Injected: true\u2028#',
];

const trickyText = (options: { nul?: boolean } = {}) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...tricky), fc.string({ maxLength: 4 })), { maxLength: 10 }).map((parts) => parts.join('')) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    )
    .map((text) => (options.nul ? text : text.replace(/\0/g, '')));

/** The values of a request: strings (NUL included: JSON carries it), and environment maps whose keys are tricky too. */
const requestValue: fc.Arbitrary<PlanValue> = fc.oneof(
  { weight: 4, arbitrary: trickyText({ nul: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.boolean() },
);
const environment = fc.dictionary(
  trickyText({ nul: true }).filter((key) => key !== '__proto__' && key !== '$ref'),
  trickyText({ nul: true }),
  { maxKeys: 4 },
);

/** A plan with the steps every exporter handles differently: a created model, an alarm, a wait, and a change to something existing. */
const plan: fc.Arbitrary<Plan> = fc
  .record({
    title: trickyText({ nul: true }),
    notes: fc.array(trickyText({ nul: true }), { maxLength: 2 }),
    cost: trickyText({ nul: true }),
    modelName: trickyText({ nul: true }),
    image: trickyText({ nul: true }),
    env: environment,
    alarmName: trickyText({ nul: true }),
    alarmDescription: requestValue,
    dimension: trickyText({ nul: true }),
    tag: fc.tuple(trickyText({ nul: true }), trickyText({ nul: true })),
    endpointName: trickyText(),
    descriptions: fc.array(trickyText({ nul: true }), { minLength: 4, maxLength: 4 }),
  })
  .map((parts): Plan => {
    const steps: PlanStep[] = [
      {
        id: 'model',
        service: 'sagemaker',
        operation: 'CreateModel',
        description: parts.descriptions[0],
        input: { ModelName: parts.modelName, ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r', PrimaryContainer: { Image: parts.image, Environment: parts.env } },
      },
      {
        id: 'alarm',
        service: 'cloudwatch',
        operation: 'PutMetricAlarm',
        description: parts.descriptions[1],
        input: {
          AlarmName: parts.alarmName,
          AlarmDescription: parts.alarmDescription,
          Dimensions: [{ Name: 'InferenceComponentName', Value: parts.dimension }],
          Tags: [{ Key: parts.tag[0], Value: parts.tag[1] }],
          Threshold: 1,
          ActionsEnabled: true,
        },
      },
      {
        id: 'endpoint',
        service: 'sagemaker',
        operation: 'CreateEndpoint',
        description: parts.descriptions[2],
        input: { EndpointName: parts.endpointName, EndpointConfigName: parts.modelName },
        waitFor: 'endpointInService',
      },
      {
        id: 'existing',
        service: 'sagemaker',
        operation: 'UpdateInferenceComponentRuntimeConfig',
        description: parts.descriptions[3],
        input: { InferenceComponentName: parts.dimension, DesiredRuntimeConfig: { CopyCount: 0 } },
        modifiesExisting: true,
      },
    ];
    return { title: parts.title, notes: parts.notes, cost: { description: parts.cost }, steps };
  });

/** The alarm name from the issue, the encoding declaration, YAML 1.1 booleans as keys, and every line break. */
function regressionPlans(): Plan[] {
  const base = fc.sample(plan, { numRuns: 1, seed: 1 })[0];
  const withInput = (id: string, input: PlanStep['input']): Plan => ({ ...base, steps: base.steps.map((step) => (step.id === id ? { ...step, input: { ...step.input, ...input } } : step)) });
  return [
    withInput('alarm', { AlarmName: 'wake\u2028Injected: true\u2028#' }),
    { ...base, title: 'demo\u2028Injected: true\u2028#', notes: ['a\u0085b: c', 'x\rimport os'], steps: base.steps.map((step) => ({ ...step, description: 'd\u2029Injected: true' })) },
    { ...base, title: 'vim: set coding: latin-1' },
    withInput('model', { PrimaryContainer: { Image: 'é\u0085\u2028\u2029\r\u000b\u000c', Environment: { NO: 'yes', On: 'off', Y: 'n', null: '~' } } }),
  ];
}

const runs = 120;

function requireTool(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `${what} is needed for the exporters' round-trip test and is missing: ${result.error?.message ?? result.stderr}`);
}

/** Reads every YAML template with PyYAML and every boto3 script with `ast`; prints one JSON answer per plan. */
const pythonReader = String.raw`
import ast, json, sys, yaml
def literal(node):
    if isinstance(node, ast.Name):
        return {"$name": node.id}
    if isinstance(node, ast.Dict):
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.List):
        return [literal(e) for e in node.elts]
    return ast.literal_eval(node)
answers = []
for directory in sys.argv[1:]:
    answer = {}
    try:
        with open(directory + "/template.yaml", "rb") as f:
            answer["yaml"] = yaml.safe_load(f)
    except Exception as error:
        answer["yamlError"] = repr(error)
    try:
        with open(directory + "/script.py", "rb") as f:
            tree = ast.parse(f.read())
        statements = []
        for statement in tree.body:
            node = statement.value if isinstance(statement, (ast.Expr, ast.Assign)) else None
            if isinstance(node, ast.Call):
                statements.append({"call": ast.unparse(node.func), "kwargs": {k.arg: literal(k.value) for k in node.keywords}, "args": [literal(a) for a in node.args]})
            else:
                statements.append({"other": type(statement).__name__})
        answer["python"] = statements
    except Exception as error:
        answer["pythonError"] = repr(error)
    answers.append(answer)
json.dump(answers, sys.stdout)
`;

/** The recording `aws`: appends its argument count and arguments, NUL-separated, to $AWS_ARGS_LOG. */
const fakeAws = `#!/usr/bin/env bash\nprintf '%s\\0' "$#" "$@" >> "$AWS_ARGS_LOG"\n`;

function readCalls(log: Buffer): string[][] {
  const fields = log.toString('utf8').split('\0');
  const calls: string[][] = [];
  for (let index = 0; index < fields.length - 1; ) {
    const count = Number(fields[index]);
    calls.push(fields.slice(index + 1, index + 1 + count));
    index += 1 + count;
  }
  return calls;
}

/** A value as plain JSON data (fast-check's dictionaries have no prototype; assert's deepEqual compares prototypes). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function describePlan(subject: Plan): string {
  return JSON.stringify(subject);
}

describe('property: plan exports round-trip every string', () => {
  let dir: string;
  let plans: Plan[];

  before(function () {
    this.timeout(60_000);
    requireTool('python3', ['-c', 'import yaml, ast; assert yaml.__version__ >= "5"'], 'python3 with PyYAML');
    requireTool('bash', ['-c', 'true'], 'bash');
    requireTool('sh', ['-c', 'true'], 'sh');
    dir = mkdtempSync(join(tmpdir(), 's2z-export-roundtrip-'));
    plans = [...regressionPlans(), ...fc.sample(plan, { numRuns: runs, seed: 1413 })];
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'aws'), fakeAws);
    chmodSync(join(dir, 'bin', 'aws'), 0o755);
    plans.forEach((subject, index) => {
      const case_ = join(dir, `case${index}`);
      mkdirSync(case_);
      writeFileSync(join(case_, 'template.yaml'), toCloudFormation(subject).yaml);
      writeFileSync(join(case_, 'script.py'), toBoto3Script(subject));
      writeFileSync(join(case_, 'script.sh'), toAwsCliScript(subject));
    });
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('CloudFormation: PyYAML (YAML 1.1) reads back exactly the template, no key more; comments add nothing', function () {
    this.timeout(60_000);
    const answers = JSON.parse(execFileSync('python3', ['-c', pythonReader, ...plans.map((_, index) => join(dir, `case${index}`))], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as {
      yaml?: unknown;
      yamlError?: string;
    }[];
    plans.forEach((subject, index) => {
      const expected = JSON.parse(JSON.stringify(toCloudFormation(subject).template)) as unknown;
      assert.equal(answers[index].yamlError, undefined, `PyYAML refused the template of ${describePlan(subject)}`);
      assert.deepEqual(answers[index].yaml, expected, `the YAML template of plan ${index} reads back differently: ${describePlan(subject)}`);
    });
  });

  it('boto3: Python reads back every call with exactly the plan\'s arguments, and no other statement', function () {
    this.timeout(60_000);
    const answers = JSON.parse(execFileSync('python3', ['-c', pythonReader, ...plans.map((_, index) => join(dir, `case${index}`))], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as {
      python?: { call?: string; kwargs?: Record<string, unknown>; args?: unknown[]; other?: string }[];
      pythonError?: string;
    }[];
    plans.forEach((subject, index) => {
      assert.equal(answers[index].pythonError, undefined, `Python refused the boto3 script of ${describePlan(subject)}`);
      const statements = answers[index].python ?? [];
      const calls = statements.filter((statement) => statement.call && /^(sagemaker|cloudwatch)\.(?!get_waiter)/.test(statement.call));
      assert.deepEqual(
        calls.map((call) => call.kwargs),
        subject.steps.map((step) => plain(step.input)),
        `the boto3 calls of plan ${index} read back differently: ${describePlan(subject)}`,
      );
      const waits = statements.filter((statement) => /^sagemaker\.get_waiter\((['"])endpoint_in_service\1\)\.wait$/.test(statement.call ?? ''));
      assert.deepEqual(waits.map((wait) => wait.kwargs), [{ EndpointName: subject.steps[2].input.EndpointName }], `the wait of plan ${index} reads back differently: ${describePlan(subject)}`);
      // Everything else is the script's fixed frame: imports, the session, clients, the helper, the final print.
      const others = statements.filter((statement) => !calls.includes(statement) && !waits.includes(statement));
      assert.deepEqual(
        others.map((statement) => statement.other ?? statement.call),
        ['Import', 'Import', 'boto3.Session', 'session.client', 'session.client', 'FunctionDef', 'print'],
        `the boto3 script of plan ${index} has a statement the plan does not: ${describePlan(subject)}`,
      );
    });
  });

  it('AWS CLI: a POSIX shell and bash accept the script, and each command receives exactly the plan\'s arguments', function () {
    this.timeout(120_000);
    const cases = plans.map((_, index) => join(dir, `case${index}`));
    for (const case_ of cases) {
      for (const shell of ['sh', 'bash']) {
        const check = spawnSync(shell, ['-n', join(case_, 'script.sh')], { encoding: 'utf8' });
        assert.equal(check.status, 0, `${shell} -n refused ${case_}: ${check.stderr}`);
      }
    }
    // One POSIX shell runs every script, each in its own directory with the recording aws first on PATH.
    const runner = cases.map((case_) => `(cd ${shellQuote(case_)} && AWS_ARGS_LOG=${shellQuote(join(case_, 'calls'))} sh ./script.sh > out.txt 2>&1 || echo "exit $?" >> out.txt)`).join('\n');
    execFileSync('bash', ['-c', runner], { env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir }, maxBuffer: 64 * 1024 * 1024 });
    plans.forEach((subject, index) => {
      const output = readFileSync(join(cases[index], 'out.txt'), 'utf8');
      assert.equal(output, 'Done.\n', `the AWS CLI script of plan ${index} did not run cleanly: ${output} ${describePlan(subject)}`);
      const calls = readCalls(readFileSync(join(cases[index], 'calls')));
      const requests = calls.filter((call) => call[2] === '--cli-input-json');
      assert.deepEqual(
        requests.map((call) => [call[0], call[1], JSON.parse(call[3])]),
        subject.steps.map((step) => [step.service, expect.kebab(step.operation), plain(step.input)]),
        `the AWS CLI requests of plan ${index} read back differently: ${describePlan(subject)}`,
      );
      const waits = calls.filter((call) => call[1] === 'wait');
      assert.deepEqual(
        waits.map((call) => [...call.slice(0, 4), JSON.parse(call[4])]),
        [['sagemaker', 'wait', 'endpoint-in-service', '--cli-input-json', { EndpointName: subject.steps[2].input.EndpointName }]],
      );
      assert.equal(calls.length, requests.length + waits.length, `plan ${index} ran a command the plan does not have`);
    });
  });

  it('AWS CLI: each request\'s JSON argument and any quoted word read back exactly in a POSIX shell (sh) and in bash', function () {
    this.timeout(60_000);
    const samples = fc.sample(fc.tuple(trickyText(), fc.dictionary(trickyText({ nul: true }), trickyText({ nul: true }), { maxKeys: 3 })), { numRuns: 300, seed: 1414 });
    const jsonArgs = samples.map(([, input]) => shellJson(input));
    // The JSON argument is plain single quotes: any POSIX shell reads it.
    const printed = execFileSync('sh', ['-c', `printf '%s\\0' ${jsonArgs.join(' ')}`]).toString('utf8').split('\0').slice(0, -1);
    assert.deepEqual(printed.map((text) => JSON.parse(text) as unknown), samples.map(([, input]) => plain(input)));
    // shellQuote (which the script uses only for its --query expressions) gives any word back in bash, with $'…'
    // for control characters; the script itself never needs one (run by dash above).
    const words = samples.map(([word]) => word);
    const echoed = execFileSync('bash', ['-c', `printf '%s\\0' ${words.map(shellQuote).join(' ')}`]).toString('utf8').split('\0').slice(0, -1);
    assert.deepEqual(echoed, words);
    for (const word of words) {
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      if (!/^[^\0-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]*$/.test(word)) continue;
      assert.match(shellQuote(word), /^'/, `${JSON.stringify(word)} has no control character and is quoted for any POSIX shell`);
    }
  });

  it('no export holds a raw line break other than \\n, nor another control character', () => {
    for (const subject of plans) {
      for (const text of [toCloudFormation(subject).yaml, toCloudFormation(subject).json, toBoto3Script(subject), toAwsCliScript(subject)]) {
        // eslint-disable-next-line no-control-regex -- control characters are what it looks for
        const raw = /[\0-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/.exec(text);
        assert.equal(raw, null, `raw ${JSON.stringify(raw?.[0])} at ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 30), (raw?.index ?? 0) + 10))}`);
      }
    }
  });
});

const expect = {
  kebab: (operation: string) =>
    operation
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
      .toLowerCase(),
};
