import * as assert from 'node:assert/strict';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { type Browser, type Page } from 'playwright-core';
import { emulatorCredentials } from '../../src/aws/connection';
import { activityBarItem, answer, choose, connectBrowser, emulatorControl, emulatorUrlFromStatusBar, expandRow, hoverUntilShown, openWorkbench, runCommand, runFromContextMenu, screenshot, treeRow, treeRowNamed, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 18, item 3: Update Model… on a component's row rolls it to another model with a rolling update.
 * Its own endpoint (e2e-rolling, created here on an ml.g5.12xlarge so a new copy has room beside the old
 * one, without auto scaling so that its copy stays while the emulator's clock runs 30 times as fast) and
 * its own alarm (e2e-rolling-errors): the first run is rolled back by that alarm (held in ALARM by the
 * emulator's alarmStates fault), the retry after the fault is cleared succeeds; then the endpoint is
 * deleted with nothing left behind.
 */
describe('Update Model…: a rolling update rolled back by an alarm, then retried with success', () => {
  let browser: Browser;
  let page: Page;
  let emulatorUrl: string;
  const endpoint = 'e2e-rolling';
  const component = 'e2e-rolling-ic';
  const alarm = 'e2e-rolling-errors';

  const faults = (method: 'POST' | 'DELETE', body?: unknown) => emulatorControl(emulatorUrl, method, 'faults', body);
  const fromContextMenu = (name: string, entry: string) => runFromContextMenu(page, treeRowNamed(page, name), entry);

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    await treeRow(page, 'demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    emulatorUrl = await emulatorUrlFromStatusBar(page);
    await page.mouse.move(800, 300);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-rolling-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await fetch(`${emulatorUrl}/__emulator/faults`, { method: 'DELETE' }).catch(() => undefined);
    await page?.close();
    await browser?.close();
  });

  it('creates its own endpoint with one copy to roll, and an alarm on its errors', async function () {
    this.timeout(240_000);
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpoint);
    await choose(page, 'ml.g5.12xlarge');
    await choose(page, 'Change advanced settings…');
    await answer(page); // config name
    await answer(page, '1'); // at most 1 instance
    await choose(page, 'Release an instance once it is empty');
    await choose(page, 'Least outstanding requests');
    await answer(page); // component name
    await answer(page); // 1 GPU
    await answer(page, '16384');
    await answer(page); // CPU cores
    await answer(page); // 1 copy
    await answer(page); // no fallback instance type
    await answer(page); // start settings: the defaults
    await answer(page); // endpoint settings: AWS's defaults
    await choose(page, 'Skip: keep the copies until I change them');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    await run.click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${endpoint}.*done`) }).first().waitFor({ state: 'visible', timeout: 180_000 });
    await expandRow(page, endpoint);
    await treeRow(page, component).filter({ hasText: /Warm · 1 copy/ }).waitFor({ state: 'visible', timeout: 60_000 });
    const cloudWatch = new CloudWatchClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: emulatorCredentials() });
    await cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: alarm,
        AlarmDescription: 'Rolls a rolling update of e2e-rolling-ic back on server errors',
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Dimensions: [{ Name: 'InferenceComponentName', Value: component }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
    cloudWatch.destroy();
  });

  it('the first rolling update is rolled back by the alarm it watches, in plain words; the retry after the alarm clears takes', async function () {
    this.timeout(420_000);
    await faults('POST', { alarmStates: { [alarm]: 'ALARM' } });
    await fromContextMenu(component, 'Update Model…');
    await waitForQuickInputTitle(page, 'Update Model');
    const source = page.locator('.quick-input-widget');
    assert.match((await source.locator('input').first().getAttribute('placeholder')) ?? '', new RegExp(`${component} runs model demo-llama3-8b-model\\. Roll it to:`));
    await screenshot(page, 'rolling-1-source');
    await choose(page, 'demo-mistral-7b-model');
    await choose(page, 'Keep them');
    await choose(page, 'Change the rolling policy…');
    await choose(page, 'Copies');
    await answer(page); // 1 copy per batch
    await answer(page, '60'); // a 60 s baking period
    await answer(page); // timeout 3600 s
    await choose(page, 'All at once');
    const widget = page.locator('.quick-input-widget');
    const alarmRow = widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: alarm }) }).first();
    await alarmRow.waitFor({ state: 'visible', timeout: 30_000 });
    await alarmRow.click(); // ticks it
    await screenshot(page, 'rolling-2-alarms');
    await widget.locator('input').first().press('Enter');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: 'UpdateInferenceComponent' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await document.innerText(), /1 copy per batch, 1 min wait, timeout 1 h, rolls back all at once; watches alarm e2e-rolling-errors/);
    await screenshot(page, 'rolling-3-plan');
    await run.click();

    // While it rolls: the row says what is updated, the progress notification the copies serving.
    const row = treeRow(page, component);
    await row.filter({ hasText: /Updating model/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await screenshot(page, 'rolling-4-updating');

    // Rolled back: the plan stops with the reason, and offers to retry.
    const stopped = page.locator('.quick-input-widget', { hasText: 'Retry from the failed call' });
    await stopped.waitFor({ state: 'visible', timeout: 180_000 });
    const title = await stopped.locator('.quick-input-title').innerText();
    assert.match(title, new RegExp(`The update of ${component} was rolled back: it still runs model demo-llama3-8b-model on 1 copy\\. The CloudWatch alarm ${alarm} went into ALARM`));
    await screenshot(page, 'rolling-5-rolled-back');

    await faults('DELETE');
    await choose(page, 'Retry from the failed call');
    const done = page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).filter({ hasText: `${component} now runs model demo-mistral-7b-model` });
    await done.waitFor({ state: 'visible', timeout: 180_000 });
    // The toast shows one line until expanded: open it so the screenshot shows the whole outcome.
    await done.hover();
    await done.locator('.codicon-notifications-expand').first().click({ timeout: 5_000 }).catch(() => undefined);
    await screenshot(page, 'rolling-6-done');

    await row.filter({ hasText: /Warm · 1 copy/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await page.mouse.move(800, 300);
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Last rolling update' }).first();
    await hoverUntilShown(page, row, tooltip, 'rolling-tooltip');
    const text = await tooltip.innerText();
    assert.match(text, /Model\s+demo-mistral-7b-model/);
    assert.match(text, /Last rolling update\s+1 copy per batch, 1 min wait, timeout 1 h, rolls back all at once; watches alarm/);
    await screenshot(page, 'rolling-7-tooltip');
    await page.mouse.move(800, 300);
  });

  it('deletes its endpoint with nothing left behind', async function () {
    this.timeout(180_000);
    await fromContextMenu(endpoint, 'Delete Endpoint…');
    await choose(page, 'Keep the models');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog.innerText(), new RegExp(`Delete inference component ${component}[\\s\\S]*Delete endpoint ${endpoint}`));
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: `Deleted ${endpoint}` }).waitFor({ state: 'visible', timeout: 90_000 });
    await treeRow(page, endpoint).waitFor({ state: 'detached', timeout: 60_000 });
    const state = (await (await fetch(`${emulatorUrl}/__emulator/state`)).json()) as { inferenceComponents: { name: string }[]; endpoints: { name: string }[] };
    assert.ok(!state.endpoints.some((candidate) => candidate.name === endpoint));
    assert.ok(!state.inferenceComponents.some((candidate) => candidate.name === component));
    // The teardown found the alarm by its InferenceComponentName dimension and deleted it too.
    const cloudWatch = new CloudWatchClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: emulatorCredentials() });
    const left = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarm] }));
    cloudWatch.destroy();
    assert.deepEqual(left.MetricAlarms ?? [], [], 'the rollback alarm is gone with its component');
    await screenshot(page, 'rolling-8-deleted');
  });
});
