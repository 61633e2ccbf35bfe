import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, emulatorUrlFromStatusBar, expandRow, hoverUntilShown, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 17, item 1: the create wizard sets "sleep after 5 idle minutes" (its own endpoint, e2e-idle);
 * after the emulator's clock moves past 5 idle minutes the component's row shows it asleep, with its
 * idle timeout. Then Set Idle Timeout… from the row's context menu turns it off and sets 5 again.
 */
describe('Idle timeout: the create wizard sets 5 minutes, the row shows the component asleep', () => {
  let browser: Browser;
  let page: Page;
  let emulatorUrl: string;

  async function advanceClock(seconds: number): Promise<void> {
    const response = await fetch(`${emulatorUrl}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) });
    assert.equal(response.status, 200, await response.text());
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    await treeRow(page, 'demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    // The one reading of the status bar's hover every e2e file uses (its wording names the region too).
    emulatorUrl = await emulatorUrlFromStatusBar(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('asks "Sleep after how many idle minutes?" with the cost per sleep, runs the plan, and the row shows the idle timeout, then the component asleep', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, 'e2e-idle');
    await choose(page, 'ml.g5.2xlarge');
    await choose(page, 'Change advanced settings…');
    await answer(page); // config name
    await answer(page); // instances
    await choose(page, 'Release an instance once it is empty'); // no ScaleInPolicy
    await choose(page, 'Least outstanding requests');
    await answer(page); // component name
    await answer(page); // accelerators
    await answer(page, '24576'); // memory
    await answer(page); // CPU cores
    await answer(page); // copies
    await answer(page); // no fallback instance type
    await answer(page); // start settings: the defaults (the data cache ticked)
    await answer(page); // endpoint settings: AWS's defaults
    await choose(page, 'Add it and change its settings…');
    await answer(page); // maximum copies
    await choose(page, 'Concurrent requests per copy (high resolution)');
    await answer(page); // target value
    await answer(page); // scale-in cooldown
    await answer(page); // scale-out cooldown
    const prompt = page.locator('.quick-input-widget', { hasText: 'Sleep after how many idle minutes?' });
    await prompt.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await prompt.innerText(), /each sleep costs about \$\d+\.\d\d after the last request/);
    await page.locator('.quick-input-widget input').first().fill('5');
    await screenshot(page, 'i17-idle-question');
    await answer(page, '5');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: 'e2e-idle-ic-idle-timeout' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await document.innerText(), /Sleeps after 5 idle minutes/);
    await screenshot(page, 'i17-idle-plan');
    await run.click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).waitFor({ state: 'visible', timeout: 120_000 });

    await expandRow(page, 'e2e-idle');
    const component = treeRow(page, 'e2e-idle-ic');
    await component.filter({ hasText: /idle 5m/ }).waitFor({ state: 'visible', timeout: 60_000 });
    // An idle alarm counts the quiet minutes before it existed: a component nobody has called yet may
    // already be asleep when the row shows its idle timeout.
    assert.match(await component.innerText(), /· \d+ cop(y|ies) · idle 5m/);
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Idle timeout' }).first();
    await hoverUntilShown(page, component, tooltip, 'idle-created');
    assert.match(await tooltip.innerText(), /sleeps after 5 idle min/);
    await screenshot(page, 'i17-idle-row-created');
    await page.mouse.move(800, 300);

    // Past 5 idle minutes and the instance's release (about 10 more): cold, whether the alarm put the
    // new component to sleep at once (it had no request yet) or after its 5 idle minutes.
    await advanceClock(16 * 60);
    await component.filter({ hasText: /Cold · 0 cop/ }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await component.innerText(), /Cold · 0 copies · idle 5m/);
    // The whole description fits the side bar at its default width.
    const fits = await component.locator('.monaco-icon-label-container').evaluate((element) => element.scrollWidth <= element.clientWidth);
    assert.ok(fits, 'the row is not cut');
    await screenshot(page, 'i17-idle-row-asleep');
  });

  /** Right-clicks a tree row and runs one entry of its context menu (hovered, then clicked, as VS Code's menus take it). */
  async function fromContextMenu(rowText: string, entry: RegExp): Promise<void> {
    await treeRow(page, rowText).first().click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: entry }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    // The menu ignores a click right after it opened (the right button's own release).
    await page.waitForTimeout(300);
    await item.hover();
    await item.click();
  }

  /** Set Idle Timeout… on e2e-idle-ic with `minutes` ('' is off), run from the review page; waits for its "done". */
  async function setIdleTimeoutFromRow(minutes: string, planTitle: RegExp, shot?: string): Promise<void> {
    await fromContextMenu('e2e-idle-ic', /Set Idle Timeout/);
    await waitForQuickInputTitle(page, 'Set Idle Timeout');
    const prompt = page.locator('.quick-input-widget', { hasText: 'Sleep after how many idle minutes?' });
    await prompt.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await prompt.innerText(), /each sleep costs about \$\d+\.\d\d after the last request/);
    if (shot) {
      await page.locator('.quick-input-widget input').first().fill(minutes);
      await screenshot(page, shot);
    }
    await answer(page, minutes);
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    await run.click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: planTitle }).filter({ hasText: /: done/ }).waitFor({ state: 'visible', timeout: 120_000 });
  }

  it('Set Idle Timeout… from the row: off (target tracking scales in again), then 5 minutes; the row and its tooltip follow', async () => {
    const component = treeRow(page, 'e2e-idle-ic');
    await setIdleTimeoutFromRow('', /Turn off the idle timeout of e2e-idle-ic/);
    await component.filter({ hasNotText: /idle 5m/ }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.doesNotMatch(await component.innerText(), /· idle \d+m/);

    await setIdleTimeoutFromRow('5', /Set the idle timeout of e2e-idle-ic to 5 minutes/, 'i17-idle-tree-question');
    await component.filter({ hasText: /idle 5m/ }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await component.innerText(), /· idle 5m/);
    await page.mouse.move(800, 300);
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Idle timeout' }).first();
    await hoverUntilShown(page, component, tooltip, 'idle-set');
    assert.match(await tooltip.innerText(), /sleeps after 5 idle min/);
    await screenshot(page, 'i17-idle-tree-set');
    await page.mouse.move(800, 300);
  });
});
