import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, expandRow, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 15, item 11: the Schedule Sleep/Wake wizard lists the roles that trust EventBridge Scheduler
 * and offers to create one, shown in the plan, at the default window and side-bar sizes.
 */
describe('The scheduler role: listed, or created by the plan (issue 15, item 11)', () => {
  let browser: Browser;
  let page: Page;
  const row = (text: string) => treeRow(page, text);
  const widget = () => page.locator('.quick-input-widget');
  const roleName = 'mistral-e2e-scheduler-role';

  const expand = (text: string) => expandRow(page, text);

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
    // Leave no editor open for the next file's window.
    if (page) await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    await page?.close();
    await browser?.close();
  });

  it('lists the demo\'s scheduler role (not the SageMaker execution role), creates a new one in the plan, runs it, and the schedule appears', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Schedule Sleep and Wake…');
    await waitForQuickInputTitle(page, 'Schedule Sleep and Wake');
    await choose(page, 'demo-mistral-7b');
    await choose(page, 'Set the copy count');
    await answer(page, 'Europe/Paris');
    await choose(page, 'Nights off (22:00 to 07:00 every day)');
    await answer(page, '1');
    await answer(page, 'mistral-e2e-sleep');
    await answer(page, 'mistral-e2e-wake');

    // The role page: the roles that trust scheduler.amazonaws.com, then "Create…" and "Enter…".
    const list = widget().locator('.quick-input-list');
    await list.locator('.monaco-list-row', { hasText: 'EmulatorSchedulerRole' }).waitFor({ state: 'visible', timeout: 30_000 });
    const listed = await list.innerText();
    assert.match(listed, /EmulatorSchedulerRole/);
    assert.match(listed, /allowed to set the copy count/);
    assert.match(listed, /Create a role for EventBridge Scheduler…/);
    assert.match(listed, /Enter a role ARN…/);
    assert.doesNotMatch(listed, /EmulatorSageMakerExecutionRole/, 'the execution role does not trust Scheduler');
    assert.match(await widget().locator('input').first().getAttribute('placeholder') ?? '', /1 role trusts scheduler\.amazonaws\.com/);
    // The previous page's hover (a preset's fire times) must not cover the list in the screenshot.
    await widget().locator('.quick-input-title').hover();
    await page.mouse.move(800, 600);
    await page.waitForTimeout(500);
    await screenshot(page, 'item11-role-list');

    // "Create a role…" asks for its name on the same step, with IAM's rules.
    await widget().locator('input').first().fill('Create a role');
    await list.locator('.monaco-list-row', { hasText: 'Create a role for EventBridge Scheduler…' }).first().click();
    await widget().locator('.quick-input-message', { hasText: /Name of the new role/ }).waitFor({ state: 'visible' });
    const input = widget().locator('input').first();
    assert.equal(await input.inputValue(), 'demo-mistral-7b-scheduler-role', 'a name is suggested');
    await input.fill('bad name!');
    await widget().locator('.quick-input-message', { hasText: 'A role name may hold letters, digits and + = , . @ _ - only (not space, "!").' }).waitFor({ state: 'visible' });
    await screenshot(page, 'item11-role-name-invalid');
    await answer(page, roleName);

    // The plan creates the role and its policy before the schedules: on the page, and in the full plan beside it.
    const run = widget().locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await widget().locator('.quick-input-list').innerText(), /4 calls: CreateRole, PutRolePolicy, CreateSchedule, CreateSchedule/);
    const doc = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
    const createRole = doc.locator('h3', { hasText: '1. IAM CreateRole' });
    await createRole.waitFor({ state: 'attached', timeout: 30_000 });
    await doc.locator('h3', { hasText: '2. IAM PutRolePolicy' }).waitFor({ state: 'attached' });
    await doc.locator('p', { hasText: `role ${roleName}, trusting scheduler.amazonaws.com` }).first().waitFor({ state: 'attached' });
    await createRole.evaluate((element) => element.ownerDocument.defaultView?.scrollBy(0, element.getBoundingClientRect().top - 190));
    await page.waitForTimeout(300);
    await screenshot(page, 'item11-plan-role-calls');
    await run.click();

    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).first().waitFor({ state: 'visible', timeout: 90_000 });
    await expand('demo-always-on');
    await expand('demo-mistral-7b');
    const schedule = row('mistral-e2e-sleep');
    await schedule.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await schedule.innerText(), /mistral-e2e-sleep/);
    await screenshot(page, 'item11-schedule-in-tree');
  });
});
