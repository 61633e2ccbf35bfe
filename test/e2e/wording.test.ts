import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, expandRow, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 15, items 6 to 8, as a first-time user sees them at the default window and side-bar sizes:
 * pickers that say what they are for, one price for one instance type, schedule times in the
 * schedule's own zone (the wizard's preview and the tree's row alike, UTC in the tooltip), and counts
 * with proper plurals. Runs on the emulator's demo after the other files: it adds its own schedules
 * (wording-weekend-*) to demo-mistral-7b and deletes nothing.
 */
describe('Times, prices and wording (issue 15, items 6-8)', () => {
  let browser: Browser;
  let page: Page;
  const quickInput = () => page.locator('.quick-input-widget');
  const row = (text: string) => treeRow(page, text);
  /** The first sleep time the schedule wizard previewed, e.g. "Fri 2026-12-11 19:00 Europe/Berlin". */
  let previewedSleep = '';
  /** What the instance picker says ml.g5.2xlarge costs an hour, e.g. "$1.52/h". */
  let pickerPrice = '';

  const expand = (text: string) => expandRow(page, text);

  /** A screenshot that keeps the hover where it is (the shared helper moves the mouse away first). */
  async function screenshotAsIs(name: string): Promise<void> {
    await page.screenshot({ path: join(process.env.S2Z_E2E_SCREENSHOTS ?? 'test-results/screenshots', `${name}.png`) });
  }

  /** A note of the plan on the review page: a row of the quick pick, or a line of the full plan shown beside it. */
  async function planNote(text: string): Promise<string> {
    const row = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    const beside = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('p, li', { hasText: text }).first();
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (await row.isVisible().catch(() => false)) return row.innerText();
      if (await beside.isVisible().catch(() => false)) return beside.innerText();
      await page.waitForTimeout(200);
    }
    throw new Error(`No note with "${text}" on the plan page or beside it`);
  }

  async function closeQuickInput(): Promise<void> {
    await page.keyboard.press('Escape');
    await quickInput().waitFor({ state: 'hidden' });
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    await row('demo-always-on').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('item 8: a command run from the palette asks its question in the picker\'s title', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Check Scale-to-Zero Readiness');
    await waitForQuickInputTitle(page, 'Check readiness of which endpoint?');
    await quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'demo-always-on' }).waitFor({ state: 'visible' });
    assert.doesNotMatch(await quickInput().innerText(), /Pick an/);
    await screenshot(page, 'item8-picker-purpose');
    await closeQuickInput();

    await runCommand(page, 'SageMaker Scale to Zero: Open Playground');
    await waitForQuickInputTitle(page, 'Open the playground on which inference component?');
    await closeQuickInput();
  });

  it('item 7: the instance picker prices ml.g5.2xlarge by the one rounding ($1.52/h, not $1.51/h)', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    // Walks to the instance type page whatever comes before it: the demo's model and role, a name, defaults.
    const instanceRow = quickInput().locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^ml\.g5\.2xlarge$/ }) });
    for (let pageCount = 0; pageCount < 12; pageCount++) {
      await page.waitForTimeout(300);
      const list = quickInput().locator('.quick-input-list .monaco-list-row');
      const listed = (await list.count()) > 0 ? await quickInput().locator('.quick-input-list').innerText() : '';
      if (/ml\.g5\.xlarge/.test(listed)) break;
      if (/demo-llama3-8b-model/.test(listed)) await choose(page, 'demo-llama3-8b-model');
      else if (/EmulatorSageMakerExecutionRole/.test(listed)) await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
      else if ((await list.count()) === 0) {
        const input = quickInput().locator('input').first();
        await answer(page, (await input.inputValue()) ? undefined : 'wording-e2e-endpoint');
      } else await answer(page);
    }
    await quickInput().locator('input').first().fill('ml.g5.2xlarge');
    await instanceRow.first().waitFor({ state: 'visible' });
    const detail = await instanceRow.first().innerText();
    const price = /≈ (\$\d+\.\d\d\/h)/.exec(detail);
    assert.ok(price, `a price in "${detail}"`);
    pickerPrice = price[1];
    assert.equal(pickerPrice, '$1.52/h', 'ml.g5.2xlarge at $1.515 an hour, rounded half up to the cent');
    await screenshot(page, 'item7-instance-picker');
    await closeQuickInput();
  });

  it('items 6-8: the schedule wizard previews times in the chosen zone, and its plan prices and counts the same way', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Schedule Sleep and Wake…');
    await waitForQuickInputTitle(page, 'Schedule Sleep and Wake');
    assert.equal(await quickInput().locator('input').first().getAttribute('placeholder'), 'Put which inference component to sleep and wake on a schedule?');
    await choose(page, 'demo-mistral-7b');
    await choose(page, 'Set the copy count');
    await answer(page, 'Europe/Berlin');
    const preset = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'Weekends off' });
    await preset.waitFor({ state: 'visible' });
    const presetText = await preset.innerText();
    const sleep = /Europe\/Berlin: sleeps (\w{3} \d{4}-\d{2}-\d{2} 19:00) · wakes \w{3} \d{4}-\d{2}-\d{2} 07:00/.exec(presetText);
    assert.ok(sleep, `the preset previews its next sleep and wake in Europe/Berlin: "${presetText}"`);
    previewedSleep = `${sleep[1]} Europe/Berlin`;
    assert.doesNotMatch(presetText, /GMT|UTC|AM|PM/, 'one zone, named, 24-hour');
    await screenshot(page, 'item6-schedule-wizard-preview');
    await choose(page, 'Weekends off (Friday 19:00 to Monday 07:00)');
    await answer(page, '1');
    await answer(page, 'wording-weekend-sleep');
    await answer(page, 'wording-weekend-wake');
    // The scheduler role: picked from the roles that trust the scheduler (the demo's), or typed.
    const roleRow = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'EmulatorSchedulerRole' });
    await page.waitForTimeout(500);
    if (await roleRow.first().isVisible()) await choose(page, 'EmulatorSchedulerRole');
    else await answer(page, 'arn:aws:iam::123456789012:role/SchedulerSageMakerRole');

    const run = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    const runText = await run.innerText();
    const calls = /(\d+) (calls?)\b/.exec(runText);
    assert.ok(calls, `the plan counts its calls: "${runText}"`);
    assert.equal(calls[2], Number(calls[1]) === 1 ? 'call' : 'calls', `a proper plural: "${calls[0]}"`);
    assert.doesNotMatch(runText, /\(s\)/);
    // demo-always-on keeps 1 × ml.g5.2xlarge while the model sleeps: the plan warns at the picker's price.
    const billingText = await planNote('keep billing');
    assert.ok(billingText.includes(`≈ ${pickerPrice} on-demand`), `the plan's price of ml.g5.2xlarge is the picker's ${pickerPrice}: "${billingText}"`);
    await screenshot(page, 'item8-plan-count');
    await run.click();
    const done = page.locator('.notifications-toasts .notification-toast', { hasText: /Sleep and wake demo-mistral-7b.*done/ });
    await done.waitFor({ state: 'visible', timeout: 60_000 });
    const doneText = await done.innerText();
    assert.match(doneText, /done \(\d+ calls, \d+ already in place\)/);
    assert.doesNotMatch(doneText, /\(s\)/);
    // The run's progress notification closes a moment later: then the done message stands alone.
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Cancel' }).waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
    // A long message shows whole once its notification is expanded (its ^ button, shown on focus).
    await done.click();
    await done.locator('.codicon-notifications-expand').click({ timeout: 5_000 }).catch(() => undefined);
    await screenshot(page, 'item8-plan-done');
  });

  it('item 6: the tree shows the schedule\'s next fire as the wizard previewed it, with UTC in the tooltip', async () => {
    assert.ok(previewedSleep, 'the wizard previewed a sleep time');
    await expand('demo-always-on');
    await expand('demo-mistral-7b');
    const schedule = row('wording-weekend-sleep');
    await schedule.waitFor({ state: 'visible', timeout: 30_000 });
    const rowText = await schedule.innerText();
    assert.ok(rowText.includes(`next ${previewedSleep}`), `the row shows "${previewedSleep}": "${rowText}"`);
    assert.doesNotMatch(rowText, /UTC|GMT/);
    await screenshot(page, 'item6-schedule-tree-row');

    // The same instant in UTC: 19:00 in Berlin is 18:00 UTC in winter, 17:00 in summer.
    const [, date] = /(\d{4}-\d{2}-\d{2})/.exec(previewedSleep)!;
    const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' });
    const utcHour = [18, 17].find((hour) => berlin.format(new Date(`${date}T${hour}:00:00Z`)) === '19')!;
    await schedule.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'wording-weekend-sleep' });
    await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
    const hoverText = await hover.first().innerText();
    assert.ok(hoverText.includes(previewedSleep), `the tooltip names the zone's time: "${hoverText}"`);
    assert.ok(hoverText.includes(`${date} ${utcHour}:00 UTC`), `the tooltip has UTC (${date} ${utcHour}:00 UTC): "${hoverText}"`);
    await screenshotAsIs('item6-schedule-tree-tooltip');
    await page.mouse.move(800, 300);
  });

  it('item 7: the tree\'s cost of demo-always-on (1 × ml.g5.2xlarge running) is the picker\'s price', async () => {
    assert.ok(pickerPrice, 'the instance picker showed a price');
    await page.mouse.move(800, 300);
    await row('demo-always-on').first().hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Cost now' });
    await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
    const hoverText = await hover.first().innerText();
    assert.match(hoverText, /1 × ml\.g5\.2xlarge/);
    assert.ok(hoverText.includes(`≈ ${pickerPrice} for 1 × ml.g5.2xlarge`), `the tree's cost now is the picker's ${pickerPrice}: "${hoverText}"`);
    await screenshotAsIs('item7-tree-cost-tooltip');
    await page.mouse.move(800, 300);
  });
});
