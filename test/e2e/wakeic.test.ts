import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, expandRow, hoverUntilShown, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 17, item 4: the inference component's start settings. The create wizard's advanced section asks
 * which to change (a why under each), then one question for each picked one with the model's range; the
 * plan shows them, the run creates the component with them, and its row's tooltip reads them back.
 */
describe('Start settings of an inference component: timeouts, data cache and placement', () => {
  let browser: Browser;
  let page: Page;
  const endpoint = 'wakeic-e2e';
  const component = 'wakeic-e2e-ic';
  const row = (text: string) => treeRow(page, text);
  const widget = () => page.locator('.quick-input-widget');
  /** A row of the open quick pick, by its label. */
  const item = (label: string) => widget().locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    await row('demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('the advanced section asks which start settings to change, each with a why, and only the picked ones', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpoint);
    await choose(page, 'ml.g5.2xlarge');
    await choose(page, 'Change advanced settings…');
    await answer(page); // config name
    await answer(page, '1'); // at most 1 instance
    await choose(page, 'Release an instance once it is empty');
    await choose(page, 'Least outstanding requests');
    for (let page_ = 0; page_ < 5; page_++) await answer(page); // component name, accelerators, memory, CPU cores, copies
    await answer(page); // no fallback instance type
    await waitForQuickInputTitle(page, /Advanced settings \(11\/13\)/);
    const listed = widget().locator('.quick-input-list');
    await item('Availability Zone balance').waitFor({ state: 'visible' });
    const text = await listed.innerText();
    assert.match(text, /Health-check timeout\s*ContainerStartupHealthCheckTimeoutInSeconds · now 3600 s/);
    assert.match(text, /Ticked by default: a copy restarted on its instance skips the download\./);
    assert.match(text, /BINPACK: fewer instances bill\. SPREAD: a lost instance takes fewer copies\./);
    // The data cache is the wizard's default (AWS's is off): ticked already, so it is left as it is.
    await widget().locator('.quick-input-count', { hasText: '1 Selected' }).waitFor({ state: 'visible' });
    await item('Health-check timeout').click();
    await item('Placement of copies').click();
    await widget().locator('.quick-input-count', { hasText: '3 Selected' }).waitFor({ state: 'visible' });
    await screenshot(page, 'wakeic-wizard-start-settings');
    await widget().locator('input').first().press('Enter');

    await waitForQuickInputTitle(page, /Start settings \(1\/2\)/);
    const input = widget().locator('input').first();
    await input.fill('59');
    await widget().locator('.quick-input-message', { hasText: 'ContainerStartupHealthCheckTimeoutInSeconds must be at least 60.' }).waitFor({ state: 'visible' });
    await screenshot(page, 'wakeic-timeout-refused');
    await answer(page, '900');
    await waitForQuickInputTitle(page, /Start settings \(2\/2\)/);
    assert.match(await listed.innerText(), /Packs copies onto fewer instances: the others empty sooner and are released\./);
    await choose(page, 'Pack copies together');
    await waitForQuickInputTitle(page, /Advanced settings \(12\/13\)/);
    await answer(page); // endpoint settings: AWS's defaults
    await waitForQuickInputTitle(page, /Advanced settings \(13\/13\)/);
    await choose(page, 'Add the scale-to-zero auto scaling');

    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: `${component}` }).waitFor({ state: 'visible', timeout: 30_000 });
    const plan = await document.innerText();
    assert.match(plan, /health-check timeout 900 s, data cache on, BINPACK placement/);
    assert.match(plan, /Data cache on: a wake on an instance not yet released/);
    await screenshot(page, 'wakeic-plan');
  });

  it('the run creates the component with them, and its tooltip reads them back from SageMaker', async () => {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${endpoint}.*done`) }).first().waitFor({ state: 'visible', timeout: 180_000 });
    await expandRow(page, endpoint);
    const componentRow = row(component).filter({ hasText: 'Warm · 1 copy' }).first();
    await componentRow.waitFor({ state: 'visible', timeout: 60_000 });
    await page.mouse.move(800, 300);
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Start timeouts' }).first();
    await hoverUntilShown(page, componentRow.locator('.label-name'), tooltip, 'wakeic');
    const tip = await tooltip.innerText();
    assert.match(tip, /Start timeouts\s*download 3600 s, health check 900 s/, tip);
    assert.match(tip, /Data cache\s*on: a copy restarted on its instance skips the download/, tip);
    assert.match(tip, /Placement\s*BINPACK/, tip);
    await screenshot(page, 'wakeic-component-tooltip');
    await page.mouse.move(800, 300);
  });
});
