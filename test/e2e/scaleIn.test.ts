import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, emulatorUrlFromStatusBar, hoverUntilShown, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 17, items 2 and 5, as the user sees them in VS Code: the create wizard's scale-in page (each
 * choice with its why, the step and cooldown held to the model's ranges), the endpoint's details
 * naming the policy; and a region that refuses MinInstanceCount 0 (the emulator told so through its
 * control API): the refusal explained, then rolled back with nothing left.
 */
describe('Managed instance scale-in and a region that refuses MinInstanceCount 0', () => {
  let browser: Browser;
  let page: Page;
  let emulatorUrl: string;
  const quickInput = () => page.locator('.quick-input-widget');

  async function refuseMinZero(on: boolean): Promise<void> {
    const response = await fetch(`${emulatorUrl}/__emulator/refusals`, {
      method: on ? 'POST' : 'DELETE',
      headers: on ? { 'content-type': 'application/json' } : {},
      body: on ? JSON.stringify({ minInstanceCountZero: true }) : undefined,
    });
    assert.equal(response.status, 200, await response.text());
  }

  async function answerRequired(endpoint: string): Promise<void> {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpoint);
    await choose(page, 'ml.g5.2xlarge');
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    await treeRow(page, 'demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    emulatorUrl = await emulatorUrlFromStatusBar(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-scalein-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    if (emulatorUrl) await refuseMinZero(false).catch(() => undefined);
    await page?.close();
    await browser?.close();
  });

  it('the wizard offers the scale-in strategies with a why each, refuses a step outside the model, and the endpoint\'s details name the policy', async () => {
    await answerRequired('e2e-scalein');
    await choose(page, 'Change advanced settings…');
    await answer(page); // the endpoint config's default name
    await answer(page, '2');
    await waitForQuickInputTitle(page, /Advanced settings \(3\/13\)/);
    const rows = quickInput().locator('.quick-input-list .monaco-list-row');
    await rows.nth(3).waitFor({ state: 'visible' });
    const listed = await quickInput().locator('.quick-input-list').innerText();
    assert.match(listed, /Idle release\s*IDLE_RELEASE/);
    assert.match(listed, /Moves copies onto fewer instances and releases the rest/);
    assert.match(listed, /Releases only empty instances: copies never move/);
    await screenshot(page, 'scalein-wizard-page');
    await choose(page, 'Consolidation with my own step and cooldown…');
    await waitForQuickInputTitle(page, /Scale-in \(1\/2\)/);
    const input = quickInput().locator('input').first();
    await input.fill('101');
    await quickInput().locator('.quick-input-message', { hasText: 'MaximumStepSize must be at most 100.' }).waitFor({ state: 'visible' });
    await screenshot(page, 'scalein-step-refused');
    await answer(page, '2');
    await answer(page, '30');
    await choose(page, 'Least outstanding requests');
    for (let page_ = 0; page_ < 5; page_++) await answer(page); // component name, accelerators, memory, CPU cores, copies
    await answer(page); // no fallback instance type (issue 17, item 3)
    await answer(page); // start settings: none changed (issue 17, item 4)
    await answer(page); // endpoint settings: AWS's defaults
    await choose(page, 'Skip: keep the copies until I change them');
    const run = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible' });
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: 'ScaleInPolicy' }).waitFor({ state: 'visible', timeout: 30_000 });
    const planText = await document.innerText();
    assert.match(planText, /scale-in CONSOLIDATION: up to 2 instances per step, 30 minutes after the last operation/);
    assert.match(planText, /Strategy:\s*CONSOLIDATION/);
    assert.match(planText, /MaximumStepSize:\s*2/);
    assert.match(planText, /CooldownInMinutes:\s*30/);
    await screenshot(page, 'scalein-plan');
    await run.click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).waitFor({ state: 'visible', timeout: 90_000 });
    const row = treeRow(page, 'e2e-scalein').first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const tooltip = page.locator('.monaco-hover:visible', { hasText: 'Scale-in' });
    await hoverUntilShown(page, row.locator('.label-name'), tooltip, 'scalein');
    assert.match(await tooltip.innerText(), /Scale-in\s+CONSOLIDATION: copies move onto fewer instances 30 minutes after the last operation, up to 2 instances released per step/);
    await screenshot(page, 'scalein-endpoint-details');
    await page.mouse.move(800, 300);
  });

  it('a region that refuses MinInstanceCount 0: the refusal names the setting, the region and the ways out, and Roll back leaves nothing', async () => {
    await refuseMinZero(true);
    await answerRequired('e2e-refused');
    await choose(page, 'Use these defaults');
    const run = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible' });
    await run.click();
    await waitForQuickInputTitle(page, /stopped: SageMaker in us-east-1 refused MinInstanceCount 0/);
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'refused MinInstanceCount 0' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    // The ways out in the question itself, the whole explanation in the notification, opened in full.
    assert.equal(await quickInput().locator('input').first().getAttribute('placeholder'), 'Nothing was created. Way out: another region, or MinInstanceCount 1 (about $1105.95 a month)');
    await toast.hover();
    const expand = toast.locator('.codicon-notifications-expand');
    if (await expand.count()) await expand.first().click();
    const explanation = await toast.innerText();
    assert.match(explanation, /ManagedInstanceScaling of endpoint config e2e-refused-config/);
    assert.match(explanation, /set MinInstanceCount to 1: one ml\.g5\.2xlarge then always runs, about \$1105\.95 a month/);
    assert.match(explanation, /Nothing that bills was created before the refusal/);
    await screenshot(page, 'scalein-region-refusal');
    await choose(page, 'Roll back');
    await refuseMinZero(false);
    await quickInput().waitFor({ state: 'hidden', timeout: 30_000 });
    assert.equal(await treeRow(page, 'e2e-refused').count(), 0, 'no endpoint was created');
  });
});
