import * as assert from 'node:assert/strict';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { emulatorCredentials } from '../../src/aws/connection';
import { activityBarItem, answer, choose, connectBrowser, emulatorControl, emulatorUrlFromStatusBar, openWorkbench, runCommand, runFromContextMenu, screenshot, treeRowNamed, waitForQuickInputTitle } from './support/workbench';

const endpointName = 'e2e-journey';
const baseName = 'e2e-journey-ic';
const secondName = 'e2e-journey-embed';
const adapterName = 'e2e-journey-sql';
const rollbackAlarm = 'e2e-journey-errors';

interface EmulatorState {
  endpoints: { name: string }[];
  endpointConfigs: string[];
  inferenceComponents: { name: string }[];
  alarms: { name: string }[];
  scalableTargets: { resourceId: string }[];
}

/**
 * Issue 18, "done when": one endpoint serving several models, as a team would use it. Its own endpoint
 * (e2e-journey, the create wizard's defaults on one ml.g5.12xlarge with 4 GPUs) gets a second
 * component (Add Inference Component…) and an adapter on its base (Add Adapter…); the base sleeps and
 * is woken through the adapter from the playground; the base's model is rolled to another one with a
 * rolling update that an alarm rolls back once (the emulator's alarmStates fault) and that succeeds
 * when retried; then Delete Endpoint… leaves nothing behind.
 *
 * The emulator's clock is frozen (time scale 0) for the whole journey and moved by hand: at the usual
 * 30× an idle base would go back to sleep in the middle of the rolling update (15 idle minutes are 30
 * real seconds), so each wait here advances the clock in small steps until the screen shows the state.
 */
describe('Journey: several models on one endpoint, an adapter waking its base, a rolling update rolled back then retried (installed from the .vsix)', function () {
  this.timeout(600_000);
  let browser: Browser;
  let page: Page;
  let emulatorUrl: string;
  const row = (name: string) => treeRowNamed(page, name);
  const toast = (text: string | RegExp) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

  const control = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => emulatorControl(emulatorUrl, method, path, body);

  /** Moves the frozen clock `stepSeconds` at a time until `reached()` holds (at most `maxSeconds` of simulated time). */
  async function advanceUntil(reached: () => Promise<boolean>, what: string, stepSeconds = 20, maxSeconds = 40 * 60): Promise<void> {
    for (let advanced = 0; advanced <= maxSeconds; advanced += stepSeconds) {
      if (await reached()) return;
      await control('POST', 'clock', { advanceSeconds: stepSeconds });
    }
    throw new Error(`${what} did not happen within ${maxSeconds / 60} simulated minutes`);
  }

  /** advanceUntil `target` shows (each look waits 1.5 s, for the view's refresh). */
  const advanceUntilVisible = (target: Locator, what: string, stepSeconds?: number, maxSeconds?: number) =>
    advanceUntil(() => target.waitFor({ state: 'visible', timeout: 1_500 }).then(() => true, () => false), what, stepSeconds, maxSeconds);

  const fromContextMenu = (name: string, entry: string) => runFromContextMenu(page, row(name), entry);

  async function expand(name: string): Promise<void> {
    const target = row(name);
    await target.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
  }

  async function runPlan(done: RegExp, shot?: string): Promise<void> {
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    if (shot) await screenshot(page, shot);
    await run.click();
    await advanceUntilVisible(toast(done), `the "${done.source}" notification`);
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await runCommand(page, 'View: Close All Editors');
    await activityBarItem(page).click();
    await row('demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    emulatorUrl = await emulatorUrlFromStatusBar(page);
    await control('POST', 'clock', { timeScale: 0 });
    await page.mouse.move(800, 300);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-journey-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    // The files after this one expect the clock as VS Code started it (30×) and no fault.
    if (emulatorUrl) {
      await fetch(`${emulatorUrl}/__emulator/faults`, { method: 'DELETE' }).catch(() => undefined);
      await control('POST', 'clock', { timeScale: 30 }).catch(() => undefined);
    }
    await page?.close();
    await browser?.close();
  });

  it('1. creates the endpoint with the defaults, then adds a second model with Add Inference Component…', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpointName);
    await choose(page, 'ml.g5.12xlarge');
    await choose(page, 'Use these defaults');
    await runPlan(new RegExp(`${endpointName}.*done`));
    await expand(endpointName);
    await advanceUntilVisible(row(baseName).filter({ hasText: /Warm · 1 copy/ }), `${baseName} warm`);

    await fromContextMenu(endpointName, 'Add Inference Component…');
    await waitForQuickInputTitle(page, 'Add Inference Component');
    await choose(page, 'demo-embeddings-model');
    await answer(page, secondName);
    await answer(page); // 1 GPU
    await answer(page, '8192');
    await answer(page, '1');
    const message = page.locator('.quick-input-widget .quick-input-message').filter({ hasText: /Initial copy count/ });
    await message.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await message.innerText(), /1 copy fits on the 1 instance running now, beside the components already there/, 'a second copy of 1 GPU fits beside the base on the 4-GPU instance');
    await screenshot(page, 'journey-01-second-component-fits');
    await answer(page, '1');
    await answer(page); // start settings: the defaults
    await choose(page, 'Add the scale-to-zero auto scaling');
    await runPlan(new RegExp(`${secondName}.*done`));
    await advanceUntilVisible(row(secondName).filter({ hasText: /Warm · 1 copy/ }), `${secondName} warm`);
    await row(endpointName).filter({ hasText: 'Warm · 2 copies · 1 inst' }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'journey-02-two-components');
  });

  it('2. adds an adapter to the base; the base sleeps and the adapter waits for it', async () => {
    await fromContextMenu(baseName, 'Add Adapter…');
    await waitForQuickInputTitle(page, 'Add Adapter');
    await answer(page, adapterName);
    await answer(page, 's3://e2e-journey-bucket/adapters/sql/');
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: `${adapterName}-no-capacity-wake` }).waitFor({ state: 'visible', timeout: 30_000 });
    await runPlan(new RegExp(`Add adapter ${adapterName}.*done`), 'journey-03-adapter-plan');
    await expand(baseName);
    await advanceUntilVisible(row(adapterName).filter({ hasText: 'Served · adapter' }), `${adapterName} served`);

    // Nobody calls either model: both scale in to 0 copies and the instance is released.
    await advanceUntilVisible(row(adapterName).filter({ hasText: 'Waits for base to wake' }), `${adapterName} waiting for its base`, 60);
    await advanceUntilVisible(row(endpointName).filter({ hasText: /Cold · 0 copies · 0 inst/ }), `${endpointName} cold`, 60);
    assert.match(await row(baseName).innerText(), /Cold · 0 cop/);
    assert.match(await row(secondName).innerText(), /Cold · 0 cop/);
    await screenshot(page, 'journey-04-asleep');
  });

  it('3. a request to the adapter in the playground is held while the base wakes through the adapter\'s alarm, and the adapter answers', async () => {
    await fromContextMenu(adapterName, 'Open Playground');
    await page.locator('.tab', { hasText: `Playground: ${adapterName}` }).waitFor({ state: 'visible', timeout: 30_000 });
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: adapterName }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.locator('#invoke').click();
    await view.locator('#waking-card').waitFor({ state: 'visible', timeout: 30_000 });
    const phase = (id: string) => view.locator(`li[data-phase="${id}"][data-status="done"]`);
    await advanceUntilVisible(phase('alarmInAlarm'), 'the adapter\'s wake alarm', 10);
    assert.match(await view.locator('#timeline').innerText(), new RegExp(`${adapterName}-no-capacity-wake`));
    await screenshot(page, 'journey-05-waking-through-adapter');
    await advanceUntilVisible(phase('firstResponse'), 'the adapter\'s first answer', 10);
    const output = view.locator('#output pre.output-text');
    await output.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await output.innerText(), new RegExp(`\\[adapter ${adapterName}\\]`));
    await screenshot(page, 'journey-06-adapter-answered');
    await runCommand(page, 'View: Close All Editors');
    await row(baseName).filter({ hasText: /Warm · 1 copy/ }).waitFor({ state: 'visible', timeout: 60_000 });
    // The second component stays at 0 copies (Draining: the instance it would run on is up again, for the base).
    assert.match(await row(secondName).innerText(), /· 0 copies/, 'only the base woke');
  });

  it('4. Update Model… on the base is rolled back by its alarm, then retried with success', async () => {
    const cloudWatch = new CloudWatchClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: emulatorCredentials() });
    await cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: rollbackAlarm,
        AlarmDescription: `Rolls a rolling update of ${baseName} back on server errors`,
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Dimensions: [{ Name: 'InferenceComponentName', Value: baseName }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
    cloudWatch.destroy();
    await control('POST', 'faults', { alarmStates: { [rollbackAlarm]: 'ALARM' } });

    await fromContextMenu(baseName, 'Update Model…');
    await waitForQuickInputTitle(page, 'Update Model');
    await choose(page, 'demo-mistral-7b-model');
    await choose(page, 'Keep them');
    await choose(page, 'Change the rolling policy…');
    await choose(page, 'Copies');
    await answer(page); // 1 copy per batch
    await answer(page, '60'); // a 60 s baking period
    await answer(page); // the default timeout
    await choose(page, 'All at once');
    const widget = page.locator('.quick-input-widget');
    const alarmRow = widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: rollbackAlarm }) }).first();
    await alarmRow.waitFor({ state: 'visible', timeout: 30_000 });
    await alarmRow.click();
    await widget.locator('input').first().press('Enter');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: 'UpdateInferenceComponent' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await document.innerText(), new RegExp(`watches alarm ${rollbackAlarm}`));
    await screenshot(page, 'journey-07-update-plan');
    await run.click();

    await advanceUntilVisible(row(baseName).filter({ hasText: /Updating model/ }), `${baseName} updating`, 10);
    await screenshot(page, 'journey-08-rolling');
    const stopped = page.locator('.quick-input-widget', { hasText: 'Retry from the failed call' });
    await advanceUntilVisible(stopped, 'the rolled-back update', 15);
    assert.match(
      await stopped.locator('.quick-input-title').innerText(),
      new RegExp(`The update of ${baseName} was rolled back: it still runs model demo-llama3-8b-model on 1 copy\\. The CloudWatch alarm ${rollbackAlarm} went into ALARM`),
    );
    await screenshot(page, 'journey-09-rolled-back');

    await control('DELETE', 'faults');
    await choose(page, 'Retry from the failed call');
    const done = toast(new RegExp(`${baseName} now runs model demo-mistral-7b-model`));
    await advanceUntilVisible(done, 'the successful update', 15);
    await screenshot(page, 'journey-10-updated');
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await advanceUntilVisible(row(baseName).filter({ hasText: /Warm · 1 copy/ }), `${baseName} warm on the new model`, 10, 5 * 60);
    assert.match(await row(adapterName).innerText(), /Served · adapter/, 'the adapter rides on the rolled base');
  });

  it('5. Delete Endpoint… deletes the adapter, both components and their scaling and alarms, then the endpoint: nothing is left', async () => {
    await fromContextMenu(endpointName, 'Delete Endpoint…');
    await choose(page, 'Keep the models');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const detail = await dialog.innerText();
    assert.match(detail, new RegExp(`Delete inference component ${adapterName}[\\s\\S]*Delete inference component ${baseName}[\\s\\S]*Delete endpoint ${endpointName}`));
    assert.match(detail, new RegExp(`Delete inference component ${secondName}`));
    await screenshot(page, 'journey-11-delete-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await advanceUntilVisible(toast(`Deleted ${endpointName}`), `the deletion of ${endpointName}`, 15);
    await advanceUntil(() => row(endpointName).waitFor({ state: 'detached', timeout: 1_500 }).then(() => true, () => false), `${endpointName} gone from the view`, 15, 10 * 60);

    const state = (await control('GET', 'state')) as EmulatorState;
    const ours = (name: string) => name.startsWith(endpointName);
    assert.deepEqual(state.endpoints.map((endpoint) => endpoint.name).filter(ours), []);
    assert.deepEqual(state.inferenceComponents.map((ic) => ic.name).filter(ours), []);
    assert.deepEqual(state.alarms.map((alarm) => alarm.name).filter(ours), [], 'the wake, scale and rollback alarms are gone');
    assert.deepEqual(state.endpointConfigs.filter(ours), []);
    assert.deepEqual(state.scalableTargets.map((target) => target.resourceId).filter((id) => id.includes(endpointName)), [], 'no scalable target (nor its policies) is left');
    await screenshot(page, 'journey-12-deleted');
  });
});
