import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, emulatorUrlFromStatusBar, expandRow, hoverUntilShown, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 17, item 3: fallback instance types for a wake. The create wizard offers them (each with its
 * hardware, price and the copies that fit); a wake when the first type has no capacity (the emulator's
 * `insufficientCapacity` fault, set through its control API) lands on the second type, and the tree
 * says so under the component and in the endpoint's tooltip.
 */
describe('Fallback instance types: a wake that lands on the second type', () => {
  let browser: Browser;
  let page: Page;
  let emulatorUrl: string;
  const endpoint = 'pools-e2e';
  const component = 'pools-e2e-ic';
  const row = (text: string) => treeRow(page, text);

  async function control(method: string, path: string, body?: unknown): Promise<void> {
    const response = await fetch(`${emulatorUrl}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.text());
  }

  /** "Set Copy Count" from the component's context menu, confirmed with `confirmLabel`. */
  async function setCopyCount(copies: number, confirmLabel: string): Promise<void> {
    const target = row(component).first();
    await target.click({ button: 'right' });
    const menuItem = page.getByRole('menuitem', { name: /Set Copy Count/ }).first();
    await menuItem.waitFor({ state: 'visible' });
    await page.waitForTimeout(300); // the menu ignores a click right after it opened
    await menuItem.hover();
    await menuItem.click();
    await answer(page, String(copies));
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: confirmLabel }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    await row('demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    // The one reading of the status bar's hover every e2e file uses (its wording names the region too).
    emulatorUrl = await emulatorUrlFromStatusBar(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    if (emulatorUrl) await control('DELETE', 'faults').catch(() => undefined);
    await page?.close();
    await browser?.close();
  });

  it('the create wizard offers fallback GPU types with their hardware, price and the copies that fit', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpoint);
    await choose(page, 'ml.g5.2xlarge');
    await choose(page, 'Change advanced settings…');
    await answer(page); // config name
    await answer(page, '1'); // at most 1 instance
    await choose(page, 'Release an instance once it is empty'); // scale-in (issue 17, item 2)
    await choose(page, 'Least outstanding requests');
    await answer(page); // component name
    await answer(page); // 1 GPU
    await answer(page, '16384');
    await answer(page); // CPU cores
    await answer(page); // 1 copy
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: /Advanced settings \(10\/13\)/ }).waitFor({ state: 'visible' });
    assert.match((await widget.locator('input').first().getAttribute('placeholder')) ?? '', /^Fallback instance types if ml\.g5\.2xlarge has no capacity at a wake/);
    const g6 = widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^ml\.g6\.2xlarge$/ }) }).first();
    await g6.waitFor({ state: 'visible' });
    assert.match(await g6.innerText(), /8 vCPUs · 32 GiB · 1 GPU/);
    assert.match(await g6.innerText(), /≈ \$[0-9.]+\/h on demand · 1 copy fits on one instance/);
    await g6.click(); // ticks it
    await screenshot(page, 'pools-wizard-fallback-page');
    await widget.locator('input').first().press('Enter');
    await widget.locator('.quick-input-title', { hasText: /\(11\/13\)/ }).waitFor({ state: 'visible' });
    await answer(page); // start settings: none changed (issue 17, item 4)
    await answer(page); // endpoint settings: AWS's defaults
    await widget.locator('.quick-input-title', { hasText: /\(13\/13\)/ }).waitFor({ state: 'visible' });
    await choose(page, 'Skip: keep the copies until I change them');
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: `${endpoint}-config` }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await document.innerText(), /ml\.g5\.2xlarge, falling back to ml\.g6\.2xlarge when it has no capacity/);
    await screenshot(page, 'pools-plan');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${endpoint}.*done`) }).first().waitFor({ state: 'visible', timeout: 120_000 });
    await expandRow(page, endpoint);
    await row(component).filter({ hasText: 'Warm · 1 copy' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('a wake when the first type has no capacity lands on the second, and the tree shows it', async () => {
    await setCopyCount(0, 'Put to Sleep');
    // Copies stop in 30 s, the idle instance is released 10 minutes later.
    await control('POST', 'clock', { advanceSeconds: 900 });
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    await row(endpoint).filter({ hasText: /Cold · 0 inst/ }).first().waitFor({ state: 'visible', timeout: 30_000 });

    await control('POST', 'faults', { insufficientCapacity: ['ml.g5.2xlarge'] });
    await setCopyCount(1, 'Set Copy Count');
    await control('POST', 'clock', { advanceSeconds: 600 });
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    await row(component).filter({ hasText: 'Warm · 1 copy' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await expandRow(page, component);
    const placement = row('On ml.g6.2xlarge').first();
    await placement.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await placement.locator('.label-description').innerText()).trim(), 'fallback 2/2 · 1 copy');
    // At the default side bar width the type and "fallback 2/2" are shown whole (the copies may be cut).
    const shownUpTo = await placement.evaluate((element) => {
      const node = element.querySelector('.label-description')?.firstChild;
      const sideBar = element.closest('.part.sidebar');
      if (!node || !sideBar) return { right: Infinity, limit: 0 };
      const range = element.ownerDocument.createRange();
      range.setStart(node, 0);
      range.setEnd(node, 'fallback 2/2'.length);
      const container = element.querySelector('.monaco-icon-label-container') ?? element;
      const ellipsis = container.scrollWidth <= container.clientWidth ? 0 : 12;
      return { right: range.getBoundingClientRect().right, limit: Math.min(container.getBoundingClientRect().right - ellipsis, sideBar.getBoundingClientRect().right) };
    });
    assert.ok(shownUpTo.right <= shownUpTo.limit, `"fallback 2/2" is shown whole (ends at ${shownUpTo.right} px, clipped from ${shownUpTo.limit} px)`);
    await page.mouse.move(800, 300);
    await screenshot(page, 'pools-wake-on-fallback');

    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Managed instance scaling' }).first();
    await hoverUntilShown(page, row(endpoint).first().locator('.label-name'), tooltip, 'pools');
    const tip = await tooltip.innerText();
    assert.match(tip, /Instance types, by priority/, tip);
    assert.match(tip, /ml\.g5\.2xlarge \(0 running\), then ml\.g6\.2xlarge \(1 running\)/, tip);
    assert.match(tip, /Cost now\s*≈ \$[0-9.]+\/h for 1 × ml\.g6\.2xlarge/, 'the cost is the fallback type\'s');
    await screenshot(page, 'pools-endpoint-tooltip');
    await page.mouse.move(800, 300);
  });
});
