import * as assert from 'node:assert/strict';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { type AwsClients, createClients } from '../../src/aws/clients';
import { runPlan } from '../../src/wizards/plans/planRunner';
import { blogPlan, names } from '../integration/wizards/plans/blogPlan';
import {
  activityBarItem,
  choose,
  connectBrowser,
  emulatorControl,
  emulatorUrlFromStatusBar,
  endpointsPane,
  endpointsView,
  expandRow,
  openWorkbench,
  runCommand,
  runFromContextMenu,
  screenshot,
  treeRow,
  treeRowNamed,
  waitForQuickInputTitle,
  widenSideBar,
} from './support/workbench';

const role = 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole';

/**
 * One fault scenario of the emulator (`componentFaults`, docs/emulator.md) and what the user must see:
 * the tree's `Why:` row under the component, the explanation it opens (with AWS's raw message), and
 * what the component's logs view shows (the container's lines, or that no container started).
 */
interface Scenario {
  fault: 'insufficientCapacity' | 'quotaExceeded' | 'imagePullDenied' | 'healthCheckTimeout' | 'outOfMemory';
  /** The endpoint; its component is `<endpoint>-ic`. */
  endpoint: string;
  /** A wake of a scale-to-zero component (the blog's five resources), or a component created with the fault. */
  how: 'wake' | 'create';
  why: RegExp;
  explanation: RegExp;
  raw: RegExp;
  /** Lines the logs view must show; absent: the view says no container wrote a log. */
  logLine?: RegExp;
}

const scenarios: Scenario[] = [
  {
    fault: 'insufficientCapacity',
    endpoint: 'e2e-fault-capacity',
    how: 'wake',
    why: /^Why: no ml\.g5\.2xlarge capacity$/,
    explanation: /fallback/i,
    raw: /Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error/,
  },
  {
    fault: 'quotaExceeded',
    endpoint: 'e2e-fault-quota',
    how: 'wake',
    why: /^Why: quota reached: ml\.g5\.2xlarge for endpoint usage/,
    explanation: /Service Quotas/,
    raw: /The account-level service limit 'ml\.g5\.2xlarge for endpoint usage'/,
  },
  {
    fault: 'imagePullDenied',
    endpoint: 'e2e-fault-image',
    how: 'create',
    why: /^Why: image pull denied$/,
    explanation: /ecr:BatchGetImage/,
    raw: /BatchGetImage/,
  },
  {
    fault: 'healthCheckTimeout',
    endpoint: 'e2e-fault-health',
    how: 'create',
    why: /^Why: health check not passed within 600 s$/,
    explanation: /ContainerStartupHealthCheckTimeoutInSeconds/,
    raw: /did not pass the ping health check/,
    logLine: /Model still loading/,
  },
  {
    fault: 'outOfMemory',
    endpoint: 'e2e-fault-oom',
    how: 'create',
    why: /^Why: out of memory$/,
    explanation: /MinMemoryRequiredInMb|memory/,
    raw: /did not pass the ping health check/,
    logLine: /CUDA out of memory/,
  },
];

const component = (scenario: { endpoint: string }) => `${scenario.endpoint}-ic`;
/** The endpoint whose component gets its failure from "Simulate a Failure…" in the UI (created with 0 copies, no fault). */
const simulated = { endpoint: 'e2e-fault-simulated' };

/**
 * Issue 19, "done when": each fault scenario of the emulator, end to end in the VS Code installed from
 * the .vsix. Two wakes of scale-to-zero components (the blog's five resources, made through the product's
 * plan runner) find no capacity and a full quota; three components are created into an image they may
 * not pull, a health check that never passes and a crash loop out of memory. For each, the tree shows
 * the `Why:` row, its explanation opens with the next step and AWS's raw message, and the component's
 * logs view shows the container's lines that tell it (or says no container wrote any).
 */
describe('Fault scenarios: each failure explained in the tree and seen in the logs (installed from the .vsix)', function () {
  this.timeout(600_000);
  let browser: Browser;
  let page: Page;
  let clients: AwsClients | undefined;
  let emulatorUrl: string;
  const control = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => emulatorControl(emulatorUrl, method, path, body);
  const view = (): FrameLocator => page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await runCommand(page, 'View: Close All Editors');
    await activityBarItem(page).click();
    await treeRow(page, 'demo-scale-to-zero').first().waitFor({ state: 'visible', timeout: 60_000 });
    await widenSideBar(page, 460);
    emulatorUrl = await emulatorUrlFromStatusBar(page);
    clients = await createClients({ kind: 'localEmulator', endpoint: emulatorUrl, region: 'us-east-1' });

    // The two wakes: each a scale-to-zero component that served once, then slept and lost its instance.
    for (const scenario of scenarios.filter((s) => s.how === 'wake')) {
      const plan = blogPlan(names(scenario.endpoint));
      const renamed = JSON.parse(JSON.stringify(plan).replaceAll(`${scenario.endpoint}-endpoint`, scenario.endpoint).replaceAll('arn:aws:iam::123456789012:role/SageMakerExecutionRole', role)) as typeof plan;
      const result = await runPlan(clients, renamed);
      assert.equal(result.status, 'succeeded', `${scenario.endpoint}: ${result.message ?? ''}`);
      await clients.sageMaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: component(scenario), DesiredRuntimeConfig: { CopyCount: 0 } }));
    }
    // The three created into a fault, and the last test's own (a failure simulated from the UI there, so the
    // demo's components stay healthy for the files after this one): an endpoint each, ready before its component comes.
    for (const scenario of [...scenarios.filter((s) => s.how === 'create'), simulated]) {
      await clients.sageMaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: `${scenario.endpoint}-config`,
          ExecutionRoleArn: role,
          ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 1 } }],
        }),
      );
      await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: scenario.endpoint, EndpointConfigName: `${scenario.endpoint}-config` }));
    }
    // The sleeping components' instances are released (managed instance scaling, 10 minutes idle).
    await control('POST', 'clock', { advanceSeconds: 15 * 60 });

    await control('POST', 'faults', { componentFaults: Object.fromEntries(scenarios.map((scenario) => [component(scenario), scenario.fault])) });
    for (const scenario of scenarios.filter((s) => s.how === 'wake')) {
      // The first request is refused for want of a copy: the wake alarm fires, the step policy asks for one.
      await assert.rejects(
        clients.runtime.send(new InvokeEndpointCommand({ EndpointName: scenario.endpoint, InferenceComponentName: component(scenario), ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hi' }) })),
        /capacity/i,
      );
    }
    for (const scenario of [...scenarios.filter((s) => s.how === 'create'), simulated]) {
      await clients.sageMaker.send(
        new CreateInferenceComponentCommand({
          InferenceComponentName: component(scenario),
          EndpointName: scenario.endpoint,
          VariantName: 'AllTraffic',
          Specification: {
            ModelName: 'demo-llama3-8b-model',
            StartupParameters: { ContainerStartupHealthCheckTimeoutInSeconds: 600 },
            ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 24576 },
          },
          RuntimeConfig: { CopyCount: scenario === simulated ? 0 : 1 },
        }),
      );
    }
    // Past every failure: the wakes' activities, the image pull, the 600 s health checks.
    // The faults stay until the end: a wake alarm still in ALARM may ask again, and must fail again.
    for (let minute = 0; minute < 20; minute++) await control('POST', 'clock', { advanceSeconds: 60 });
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  });

  after(async () => {
    if (emulatorUrl) await control('DELETE', 'faults').catch(() => undefined);
    clients?.destroy();
    await page?.close();
    await browser?.close();
  });

  for (const scenario of scenarios) {
    it(`${scenario.fault}: the Why row, its explanation with the raw message, and the component's logs`, async () => {
      const name = component(scenario);
      await expandRow(page, scenario.endpoint);
      await treeRowNamed(page, name).first().waitFor({ state: 'visible', timeout: 60_000 });
      const unanchored = new RegExp(scenario.why.source.replace(/^\^/, '').replace(/\$$/, ''));
      const why = treeRow(page, 'Why: ').filter({ hasText: unanchored });
      // A failed component opens on its Why row; refresh once more if the tree had not read the failure yet.
      if (!(await why.first().isVisible())) {
        await runCommand(page, 'SageMaker Scale to Zero: Refresh');
        await expandRow(page, name);
      }
      await why.first().waitFor({ state: 'visible', timeout: 60_000 });
      assert.match((await why.first().locator('.label-name').innerText()).trim(), scenario.why);
      await screenshot(page, `faults-${scenario.fault}-1-tree`);

      await why.first().click();
      const explanation = view().locator('body');
      await explanation.filter({ hasText: 'Raw message' }).waitFor({ state: 'visible', timeout: 30_000 });
      const text = await explanation.innerText();
      assert.match(text, new RegExp(name), text.slice(0, 400));
      assert.match(text, scenario.explanation, text.slice(0, 1200));
      assert.match(text.split('Raw message')[1] ?? '', scenario.raw, text);
      await screenshot(page, `faults-${scenario.fault}-2-explanation`);
      await runCommand(page, 'View: Close All Editors');

      await runFromContextMenu(page, treeRowNamed(page, name), 'Show Logs');
      await page.locator('.tab', { hasText: `Logs: ${name}` }).waitFor({ state: 'visible', timeout: 30_000 });
      const lines = view().locator('[data-testid="log-line"]');
      const notices = view().locator('[data-testid="log-notice"]');
      // Above the lines: the component failed, and whether a container ran for the failure.
      const failed = notices.filter({ hasText: `Inference component ${name} failed at` });
      await failed.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await failed.innerText(), scenario.logLine ? /Its container's lines are below\./ : /No container started for it, so it wrote no line here/);
      if (scenario.logLine) {
        await lines.filter({ hasText: scenario.logLine }).first().waitFor({ state: 'visible', timeout: 60_000 });
        const texts = await lines.allInnerTexts();
        assert.ok(texts.some((line) => line.includes('Starting inference server')), texts.join('\n'));
        assert.ok(!texts.some((line) => line.includes('"GET /ping HTTP/1.1" 200')), 'the health check never passed');
      } else if (scenario.how === 'create') {
        const notice = notices.filter({ hasText: 'does not exist yet' });
        await notice.waitFor({ state: 'visible', timeout: 30_000 });
        assert.match(await notice.innerText(), new RegExp(`/aws/sagemaker/InferenceComponents/${name} does not exist yet`));
        assert.equal(await lines.count(), 0);
      } else {
        // The component served once before it slept: over the last day its first container's lines are
        // there, and no container started for the failed wake (one start only, its health line the last).
        await view().locator('[data-testid="log-range"]').selectOption({ label: 'Last day' });
        await lines.filter({ hasText: '"GET /ping HTTP/1.1" 200' }).first().waitFor({ state: 'visible', timeout: 30_000 });
        const texts = await lines.allInnerTexts();
        assert.equal(texts.filter((line) => line.includes('Starting inference server')).length, 1, texts.join('\n'));
        assert.match(texts.at(-1) ?? '', /"GET \/ping HTTP\/1\.1" 200/, 'nothing after the first start served');
      }
      await page.mouse.move(1000, 18); // the empty title bar: no row's tooltip over the view
      await screenshot(page, `faults-${scenario.fault}-3-logs`);
    });
  }

  it('Simulate a Failure… from a component\'s menu: the five failures offered, the one picked held by the emulator beside the others, and met by the next copy', async () => {
    const name = component(simulated);
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    // The five scenarios' rows fill the view: collapse them (the view's Collapse All) so this endpoint's row shows.
    await endpointsPane(page).locator('.pane-header').hover();
    await endpointsPane(page).locator('.pane-header .action-label[aria-label^="Collapse All"]').click();
    await expandRow(page, simulated.endpoint);
    const row = treeRowNamed(page, name);
    await row.first().waitFor({ state: 'visible', timeout: 30_000 });
    await runFromContextMenu(page, row, 'Simulate a Failure on the Local Emulator');
    await waitForQuickInputTitle(page, `Simulate a failure on ${name}`);
    const labels = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts();
    // Each row's label, then its detail (a sentence, ending with a full stop).
    assert.deepEqual(labels.map((label) => label.trim()).filter((label) => !label.endsWith('.')), ['No capacity', 'Quota reached', 'Image pull denied', 'Health check never passes', 'Out of memory', 'No failure']);
    await screenshot(page, 'faults-simulate-1-pick');
    await choose(page, 'Image pull denied');
    await page.locator('.notifications-toasts', { hasText: `${name}'s next copy will fail (image pull denied)` }).waitFor({ state: 'visible', timeout: 10_000 });
    const held = (await control('GET', 'faults')) as { faults: { componentFaults: Record<string, string> } };
    assert.deepEqual(held.faults.componentFaults, { ...Object.fromEntries(scenarios.map((scenario) => [component(scenario), scenario.fault])), [name]: 'imagePullDenied' });

    // Its next copy: Set Copy Count's call, as the tree's command makes it; the download fails.
    await clients!.sageMaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: name, DesiredRuntimeConfig: { CopyCount: 1 } }));
    for (let minute = 0; minute < 10; minute++) await control('POST', 'clock', { advanceSeconds: 60 });
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    await expandRow(page, name);
    // The row under the component (e2e-fault-image-ic has a row of the same words).
    const rowUnder = async () => {
      const rows = (await endpointsView(page).locator('.monaco-list-row[role=treeitem] .label-name').allInnerTexts()).map((text) => text.trim());
      return rows[rows.indexOf(name) + 1] ?? '';
    };
    const deadline = Date.now() + 60_000;
    while (!(await rowUnder()).startsWith('Why: image pull denied') && Date.now() < deadline) await page.waitForTimeout(500);
    assert.match(await rowUnder(), /^Why: image pull denied/);
    await page.mouse.move(1000, 18);
    await screenshot(page, 'faults-simulate-2-why');
  });
});
