import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, expandRow, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle, widenSideBar } from './support/workbench';

/**
 * The user journeys of the demo, in one workbench window (one extension host, one emulator):
 * idling to cold, scheduling a weekend sleep, and deleting an endpoint.
 */
describe('User journeys on the demo account', () => {
  let browser: Browser;
  let page: Page;
  const row = (text: string) => treeRow(page, text);

  const expand = (text: string) => expandRow(page, text);

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser, { width: 1440, height: 900 });
    await activityBarItem(page).click();
    await row('demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    await widenSideBar(page, 640);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('journey 3: left idle, the model scales in, drains and goes cold, as the tree shows', async () => {
    await expand('demo-scale-to-zero');
    await row('demo-llama3-8b').waitFor({ state: 'visible' });
    await runCommand(page, 'SageMaker Scale to Zero: Advance the Local Emulator\'s Clock…');
    await answer(page, '16');
    await row('demo-llama3-8b').filter({ hasText: /Scaling in|Draining/ }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, '30-idle-draining');
    await runCommand(page, 'SageMaker Scale to Zero: Advance the Local Emulator\'s Clock…');
    await answer(page, '11');
    await row('demo-llama3-8b').filter({ hasText: 'Cold · 0 copies' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row('demo-scale-to-zero').first().innerText(), /Cold · 0 inst/);
    await screenshot(page, '31-idle-cold');
  });

  it('journey 5: a weekend sleep schedule with its next fire times, then shown under the model', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Schedule Sleep and Wake…');
    await waitForQuickInputTitle(page, 'Schedule Sleep and Wake');
    await choose(page, 'demo-llama3-8b');
    await choose(page, 'Set the copy count');
    await answer(page, 'Europe/Paris');
    const preset = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Weekends off' });
    await preset.waitFor({ state: 'visible' });
    assert.match(await page.locator('.quick-input-list').innerText(), /\d{4}-\d{2}-\d{2}/, 'the presets show fire times');
    await screenshot(page, '40-schedule-preview');
    await choose(page, 'Weekends off (Friday 19:00 to Monday 07:00)');
    await answer(page, '1');
    await answer(page, 'llama-weekend-sleep');
    await answer(page, 'llama-weekend-wake');
    await choose(page, 'EmulatorSchedulerRole');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await expand('demo-llama3-8b');
    const schedule = row('llama-weekend-sleep');
    await schedule.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await schedule.innerText(), /copies → 0 · next \w{3} \d{4}-\d{2}-\d{2} 19:00 Europe\/Paris · cron\(0 19 \? \* FRI \*\)/);
    await screenshot(page, '41-schedule-in-tree');
  });

  it('journey 6: deleting an endpoint reports each teardown step and leaves nothing behind', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Delete Endpoint…');
    await choose(page, 'demo-scale-to-zero');
    await choose(page, 'Keep the models');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const detail = await dialog.innerText();
    assert.match(detail, /Delete schedule llama-weekend-sleep[\s\S]*Delete alarm[\s\S]*Deregister scalable target[\s\S]*Delete inference component demo-llama3-8b[\s\S]*Delete endpoint demo-scale-to-zero/);
    await screenshot(page, '50-delete-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /Deleted demo-scale-to-zero/ }).waitFor({ state: 'visible', timeout: 90_000 });
    await row('demo-scale-to-zero').waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, '51-deleted');
  });
});
