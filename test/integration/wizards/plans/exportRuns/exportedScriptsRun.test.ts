// Every plan a wizard can produce, exported and run: the boto3 script with python3 and the real boto3,
// the AWS CLI script with a POSIX shell (dash) and the real AWS CLI, each against a fresh emulator in
// the plan's starting world, must leave the same resources as the extension's plan runner leaves on a
// third fresh emulator, compared by the describes of every resource the plan touches. The AWS CLI's
// own driver parses every command into its operation and parameters (botocore validates them against
// the model before sending); each must be the plan's call.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Suite, Test } from 'mocha';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { validateInput } from '@s2z/service-models';
import { createClients } from '../../../../../src/aws/clients';
import { type ResourceRef } from '../../../../../src/resources/resourceSnapshots';
import { resolveRefs } from '../../../../../src/wizards/plans/outputRefs';
import { type Plan, type PlanService, type PlanStep, resourceKey } from '../../../../../src/wizards/plans/plan';
import { runPlan } from '../../../../../src/wizards/plans/planRunner';
import { type CatalogEntry, demoPlanCatalog } from '../../../../support/planCatalog';
import { describeResource, withoutRunSpecifics } from './resourceDescribes';
import { runBoto3Export, runCliExport, type CliCall, type ScriptRun } from './exportedScriptRunner';
import { resourcesTouchedBy } from './resourcesOfPlan';

/** botocore's name of each service a plan calls (the AWS CLI records these). */
const botocoreService: Record<PlanService, string> = {
  sagemaker: 'sagemaker',
  'application-auto-scaling': 'application-autoscaling',
  cloudwatch: 'cloudwatch',
  scheduler: 'scheduler',
  iam: 'iam',
};

/** The catalogue's plans are built at this time; the emulators of one case all start at it, so schedules and clocks agree. */
const catalogueTime = new Date('2026-12-07T10:00:00Z');

interface Outcome {
  emulator: RunningEmulator;
  describes: Map<string, unknown>;
}

async function describeAll(emulator: RunningEmulator, resources: readonly ResourceRef[]): Promise<Map<string, unknown>> {
  const clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  try {
    const describes = new Map<string, unknown>();
    for (const resource of resources) describes.set(resourceKey(resource), withoutRunSpecifics(await describeResource(clients, resource)));
    return describes;
  } finally {
    clients.destroy();
  }
}

/** The CLI fills an idempotency token (ClientToken) the request left out, as the SDKs do: not part of the plan's call. */
function withoutFilledToken(params: Record<string, unknown>, input: Record<string, unknown> | undefined): Record<string, unknown> {
  if (input?.ClientToken !== undefined || params.ClientToken === undefined) return params;
  const { ClientToken: _filled, ...rest } = params;
  return rest;
}

function failureText(what: string, run: ScriptRun): string {
  return `${what} exited with ${run.code}:\n${run.stderr.slice(-4000)}\n${run.stdout.slice(-2000)}`;
}

const totals = { plans: 0, boto3Scripts: 0, cliScripts: 0, resourcesCompared: 0, cliCommands: 0, cliPlanCalls: 0, seconds: { runner: 0, boto3: 0, cli: 0 } };

/**
 * Endpoints and copies come up within one poll of the scripts' waits (the endpoint waiter's 30 s, the
 * component helper's 15 s) instead of the blog's minutes: the same for the three emulators, and the AWS
 * CLI script starts the CLI once per poll (about a second each on this machine). IAM's propagation delay
 * stays as it is, so the scripts' pause after creating a role is still tested.
 */
const quickTimings = { endpointCreationSeconds: 30, endpointUpdateSeconds: 30, instanceProvisioningSeconds: 5, copyStartSeconds: 5 };

/** A fresh emulator with the entry's world: the demo scenario, then the world's setup calls made by the plan runner. */
async function emulatorWithWorld(entry: CatalogEntry): Promise<RunningEmulator> {
  const emulator = await startEmulator({ timeScale: 0, scenario: entry.world.scenario, startTime: catalogueTime.getTime(), timings: quickTimings });
  if (entry.world.setup.length > 0) await runWithRunner(emulator, { title: `${entry.name}: world`, steps: entry.world.setup });
  return emulator;
}

/** Runs a plan with the extension's plan runner, its waits moving the emulator's clock. */
async function runWithRunner(emulator: RunningEmulator, plan: Plan): Promise<Record<string, unknown>> {
  const clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  try {
    const result = await runPlan(clients, plan, { wait: async (ms) => emulator.advance(ms / 1000) });
    assert.equal(result.status, 'succeeded', `the plan runner, "${plan.title}": ${result.message}`);
    return result.outputs;
  } finally {
    clients.destroy();
  }
}

/** The checks of one catalogue entry, run three ways. */
function definePlanChecks(suite: Suite, entry: CatalogEntry, dir: () => string): void {
  const it = (title: string, fn: () => void) => suite.addTest(new Test(title, fn));
  const { plan } = entry;
  const resources = resourcesTouchedBy(plan.steps);
  let runner: Outcome;
  let boto3: Outcome & { run: ScriptRun };
  let cli: Outcome & { run: ScriptRun; calls: CliCall[]; script: string };
  let runnerOutputs: Record<string, unknown>;

  suite.beforeAll(async function () {
    const caseDir = mkdtempSync(join(dir(), 'case-'));
    const [runnerEmulator, boto3Emulator, cliEmulator] = await Promise.all([0, 1, 2].map(() => emulatorWithWorld(entry)));
    runner = { emulator: runnerEmulator, describes: new Map() };
    boto3 = { emulator: boto3Emulator, describes: new Map(), run: { code: null, stdout: '', stderr: '', seconds: 0 } };
    cli = { emulator: cliEmulator, describes: new Map(), run: { code: null, stdout: '', stderr: '', seconds: 0 }, calls: [], script: '' };
    const started = Date.now();
    const [boto3Run, cliRun] = await Promise.all([
      runBoto3Export(plan, boto3Emulator.url, mkdtempSync(join(caseDir, 'boto3-'))),
      runCliExport(plan, cliEmulator.url, mkdtempSync(join(caseDir, 'cli-'))),
      runWithRunner(runnerEmulator, plan).then((outputs) => {
        runnerOutputs = outputs;
        totals.seconds.runner += (Date.now() - started) / 1000;
      }),
    ]);
    totals.seconds.boto3 += boto3Run.seconds;
    totals.seconds.cli += cliRun.seconds;
    // The runs waited in different steps: bring the three clocks to the same time before comparing.
    const now = Math.max(runnerEmulator.now(), boto3Emulator.now(), cliEmulator.now());
    for (const emulator of [runnerEmulator, boto3Emulator, cliEmulator]) emulator.advance((now - emulator.now()) / 1000);
    runner.describes = await describeAll(runnerEmulator, resources);
    boto3 = { ...boto3, describes: await describeAll(boto3Emulator, resources), run: boto3Run };
    cli = { ...cli, describes: await describeAll(cliEmulator, resources), run: cliRun, calls: cliRun.calls, script: cliRun.script };
    totals.plans += 1;
  });

  suite.afterAll(async () => {
    await Promise.all([runner, boto3, cli].filter(Boolean).map((outcome) => outcome.emulator.close()));
  });

  it('the plan runner leaves every resource the plan creates (so the comparison compares something)', () => {
    for (const step of plan.steps) {
      if (!step.creates) continue;
      const described = runner.describes.get(resourceKey(step.creates));
      assert.ok(described && !(Array.isArray(described) && described.length === 0) && !(described as { missing?: string }).missing, `${resourceKey(step.creates)} after the plan runner: ${JSON.stringify(described)}`);
    }
  });

  it('the boto3 script runs to the end and leaves the same resources', () => {
    assert.equal(boto3.run.code, 0, failureText('the boto3 script', boto3.run));
    assert.match(boto3.run.stdout, /Done\.\n$/);
    totals.boto3Scripts += 1;
    for (const resource of resources) {
      const key = resourceKey(resource);
      assert.deepEqual(boto3.describes.get(key), runner.describes.get(key), `${key} after the boto3 script (actual) and after the plan runner (expected)`);
      totals.resourcesCompared += 1;
    }
  });

  it('a strict POSIX shell reads the AWS CLI script: dash -n', () => {
    const check = spawnSync('dash', ['-n', cli.script], { encoding: 'utf8' });
    assert.equal(check.status, 0, `dash -n: ${check.stderr}`);
  });

  it('the AWS CLI script runs in a POSIX shell (dash) to the end and leaves the same resources', () => {
    assert.equal(cli.run.code, 0, failureText('the AWS CLI script', cli.run));
    assert.match(cli.run.stdout, /Done\.\n$/);
    totals.cliScripts += 1;
    for (const resource of resources) {
      const key = resourceKey(resource);
      assert.deepEqual(cli.describes.get(key), runner.describes.get(key), `${key} after the AWS CLI script (actual) and after the plan runner (expected)`);
      totals.resourcesCompared += 1;
    }
  });

  it('the AWS CLI parses each command into the plan\'s operation and parameters, valid by every constraint of the model', () => {
    // The plan's calls; the others are the waits' polls (DescribeEndpoint, DescribeInferenceComponent).
    const made = cli.calls.filter((call) => !/^(Describe|Get|List)/.test(call.operation));
    const expected = plan.steps.map((step: PlanStep) => ({ service: botocoreService[step.service], operation: step.operation, params: withoutRunSpecifics(resolveRefs(step.input, runnerOutputs, step.id)) }));
    assert.deepEqual(
      made.map((call, index) => ({ service: call.service, operation: call.operation, params: withoutRunSpecifics(withoutFilledToken(call.params, plan.steps[index]?.input)) })),
      expected,
    );
    totals.cliPlanCalls += made.length;
    // botocore checked required members, types and minimums before sending; the model's other constraints
    // (maximum lengths and values, patterns, enums, unknown members) are checked here, on every call.
    for (const call of cli.calls) {
      const violations = validateInput(call.service, call.operation, call.params);
      assert.deepEqual(violations, [], `aws ${call.argv.slice(0, 2).join(' ')}: ${violations.map((violation) => `${violation.path} ${violation.rule}: ${violation.message}`).join('; ')}`);
      totals.cliCommands += 1;
    }
  });
}

describe('exported plans run with boto3 and the AWS CLI leave the same resources as the plan runner', function () {
  this.timeout(300_000);
  let dir: string;
  let entries: CatalogEntry[];

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 's2z-export-runs-'));
    assert.equal(spawnSync('dash', ['-c', 'true']).status, 0, 'dash (a strict POSIX shell, Debian\'s sh) is needed for this test: apt-get install dash');
    entries = await demoPlanCatalog(catalogueTime);
    // One suite per catalogue entry (the catalogue is built by the wizards, asynchronously): mocha runs
    // the suites added here after this hook.
    const parent = this.test?.parent;
    assert.ok(parent, 'the suite of this hook');
    for (const entry of entries) {
      const suite = Suite.create(parent, entry.name);
      suite.timeout(300_000);
      definePlanChecks(suite, entry, () => dir);
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`    exported plans: ${totals.plans} plans, ${totals.boto3Scripts} boto3 scripts and ${totals.cliScripts} AWS CLI scripts run, ${totals.resourcesCompared} resource describes compared, ${totals.cliCommands} AWS CLI calls parsed and validated (${totals.cliPlanCalls} of them the plans' calls, the others the waits' polls; runner ${totals.seconds.runner.toFixed(1)} s, boto3 ${totals.seconds.boto3.toFixed(1)} s, AWS CLI ${totals.seconds.cli.toFixed(1)} s)`);
  });

  it('the catalogue holds plans of the three wizards, Set Idle Timeout…, Add Inference Component…, Add Adapter… and Update Model…', () => {
    assert.deepEqual([...new Set(entries.map((entry) => entry.wizard))].sort(), ['addAdapter', 'addInferenceComponent', 'createEndpoint', 'enableScaleToZero', 'schedule', 'setIdleTimeout', 'updateModel']);
  });
});
