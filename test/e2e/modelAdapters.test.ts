import * as assert from 'node:assert/strict';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, emulatorControl, emulatorUrlFromStatusBar, hoverUntilShown, openWorkbench, runCommand, runFromContextMenu, screenshot, treeRowNamed, waitForQuickInputTitle } from './support/workbench';

const endpointName = 'e2e-adapters';
const baseName = 'e2e-adapters-ic';
const adapterName = 'e2e-adapters-sql';

/**
 * Issue 18, item 1: an adapter on a base component of this file's own endpoint (e2e-adapters, made
 * with the create wizard's defaults, so the base scales to zero). "Add Adapter…" on the base's row
 * shows its plan (the adapter, its wake alarm) and runs it; the adapter is nested under its base,
 * served; once the base sleeps the adapter's row waits for it; the playground on the adapter holds a
 * request while the base wakes through the adapter's alarm, and the adapter answers; deleting the
 * endpoint deletes the adapter before its base. Default window and side-bar sizes.
 */
describe('Adapters: Add Adapter… on a base, the adapter nested, asleep and woken from the playground (installed from the .vsix)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let page: Page;
  let emulatorUrl: string;
  let view: FrameLocator;
  const row = (name: string) => treeRowNamed(page, name);
  const advanceClock = (seconds: number) => emulatorControl(emulatorUrl, 'POST', 'clock', { advanceSeconds: seconds });
  const fromContextMenu = (name: string, entry: string) => runFromContextMenu(page, row(name), entry);

  async function expand(name: string): Promise<void> {
    const target = row(name);
    await target.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await runCommand(page, 'View: Close All Editors');
    await activityBarItem(page).click();
    await row('demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    emulatorUrl = await emulatorUrlFromStatusBar(page);
    await page.mouse.move(800, 300);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('Add Adapter… on the base\'s row shows the adapter and its wake alarm as a plan, runs it, and nests the served adapter under its base', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpointName);
    await choose(page, 'ml.g5.2xlarge');
    await choose(page, 'Use these defaults');
    const runCreate = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await runCreate.waitFor({ state: 'visible', timeout: 30_000 });
    await runCreate.click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).first().waitFor({ state: 'visible', timeout: 180_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');

    await expand(endpointName);
    await row(baseName).waitFor({ state: 'visible', timeout: 60_000 });
    await fromContextMenu(baseName, 'Add Adapter…');
    await waitForQuickInputTitle(page, 'Add Adapter');
    const name = page.locator('.quick-input-widget', { hasText: 'Name of the adapter inference component' });
    await name.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'adapters-1-name');
    await answer(page, adapterName);
    await page.locator('.quick-input-widget', { hasText: "Location of the adapter's artifacts" }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.quick-input-widget input').first().fill('ftp://e2e-bucket/sql');
    await page.locator('.quick-input-widget', { hasText: 'must start with s3:// or https://' }).waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'adapters-2-url-refused');
    await answer(page, 's3://e2e-bucket/adapters/sql/');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: `${adapterName}-no-capacity-wake` }).waitFor({ state: 'visible', timeout: 30_000 });
    const plan = await document.innerText();
    assert.match(plan, new RegExp(`Add adapter ${adapterName} to ${baseName}`));
    assert.match(plan, /BaseInferenceComponentName/);
    assert.doesNotMatch(plan, /ComputeResourceRequirements/);
    await screenshot(page, 'adapters-3-plan');
    await run.click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`Add adapter ${adapterName}.*done`) }).waitFor({ state: 'visible', timeout: 120_000 });
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');

    // The adapter is nested under its base (not beside it), served by the base's copy; the base counts it.
    await expand(baseName);
    const adapter = row(adapterName);
    await adapter.filter({ hasText: 'Served · adapter' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await adapter.getAttribute('aria-level'), '3', 'the adapter is a child of the base');
    await row(baseName).filter({ hasText: /1 adapter/ }).waitFor({ state: 'visible', timeout: 30_000 });
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Adapter of' }).first();
    await hoverUntilShown(page, adapter, tooltip, 'adapter-served');
    assert.match(await tooltip.innerText(), /s3:\/\/e2e-bucket\/adapters\/sql\//);
    await screenshot(page, 'adapters-4-tree-served');
    await page.mouse.move(800, 300);
  });

  it('once the base sleeps the adapter waits for it; the playground on the adapter holds a request while the base wakes, and the adapter answers', async () => {
    // Target tracking scales the base in after about 15 idle minutes, its instance goes about 10 later.
    await advanceClock(30 * 60);
    const adapter = row(adapterName);
    await adapter.filter({ hasText: 'Waits for base to wake' }).waitFor({ state: 'visible', timeout: 90_000 });
    await row(baseName).filter({ hasText: /Cold/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await screenshot(page, 'adapters-5-tree-asleep');

    await fromContextMenu(adapterName, 'Open Playground');
    await page.locator('.tab', { hasText: `Playground: ${adapterName}` }).waitFor({ state: 'visible', timeout: 30_000 });
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: adapterName }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'adapters-6-playground-cold');
    await view.locator('#invoke').click();
    const phase = (id: string, status: string) => view.locator(`li[data-phase="${id}"][data-status="${status}"]`);
    await view.locator('#waking-card').waitFor({ state: 'visible', timeout: 30_000 });
    await phase('alarmInAlarm', 'done').waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await view.locator('#timeline').innerText(), new RegExp(`${adapterName}-no-capacity-wake`));
    await screenshot(page, 'adapters-7-playground-waking');
    await phase('firstResponse', 'done').waitFor({ state: 'visible', timeout: 120_000 });
    const output = view.locator('#output pre.output-text');
    await output.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await output.innerText(), new RegExp(`\\[adapter ${adapterName}\\]`));
    await screenshot(page, 'adapters-8-playground-answered');
    await runCommand(page, 'View: Close All Editors');
    await row(baseName).filter({ hasText: /Warm/ }).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('Delete Endpoint… deletes the adapter and its alarm before its base, and leaves nothing', async () => {
    await fromContextMenu(endpointName, 'Delete Endpoint…');
    await choose(page, 'Keep the models');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const detail = await dialog.innerText();
    assert.match(detail, new RegExp(`Delete alarms? [^\\n]*${adapterName}-no-capacity-wake`));
    assert.match(detail, new RegExp(`Delete inference component ${adapterName}[\\s\\S]*Delete inference component ${baseName}[\\s\\S]*Delete endpoint ${endpointName}`));
    await screenshot(page, 'adapters-9-delete-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: `Deleted ${endpointName}` }).waitFor({ state: 'visible', timeout: 120_000 });
    await row(endpointName).waitFor({ state: 'detached', timeout: 60_000 });
    const state = (await (await fetch(`${emulatorUrl}/__emulator/state`)).json()) as { inferenceComponents: { name: string }[]; alarms: { name: string }[] };
    assert.deepEqual(state.inferenceComponents.map((ic) => ic.name).filter((name) => name.startsWith(endpointName)), []);
    assert.deepEqual(state.alarms.map((alarm) => alarm.name).filter((name) => name.startsWith(endpointName)), []);
    await screenshot(page, 'adapters-10-deleted');
  });
});
