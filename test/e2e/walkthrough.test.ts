import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { connectBrowser, openWorkbench, runCommand, screenshot, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 17: the walkthrough shows the idle timeout and fallback instance types. Opened from the
 * command palette in the installed extension, at the default window size: the step's title,
 * description and page, and its button starting Set Idle Timeout… on the emulator's components.
 */
describe('Walkthrough: sleep sooner, wake on another type (installed from the .vsix)', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await runCommand(page, 'View: Close All Editors');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page.keyboard.press('Escape').catch(() => undefined);
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    await page?.close();
    await browser?.close();
  });

  it('lists the idle timeout and fallback types as a step, with its page and a button that starts Set Idle Timeout…', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const walkthrough = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Scale to zero in five minutes' }).first();
    await walkthrough.waitFor({ state: 'visible' });
    await walkthrough.click();

    const step = page.locator('.getting-started-step', { hasText: 'Sleep sooner, wake on another type' }).first();
    await step.waitFor({ state: 'visible', timeout: 30_000 });
    await step.click();
    await step.filter({ hasText: 'Choose how many idle minutes a model keeps its copy' }).waitFor({ state: 'visible' });
    const media = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await media.filter({ hasText: 'Fallback instance types.' }).waitFor({ state: 'visible', timeout: 30_000 });
    const text = await media.innerText();
    assert.match(text, /Sleep after how many idle minutes\?/);
    assert.match(text, /Set Idle Timeout…/);
    assert.match(text, /InstancePools/);
    await screenshot(page, 'walkthrough-sleep-sooner');

    await step.locator('a, .monaco-button', { hasText: 'Set Idle Timeout…' }).first().click();
    await waitForQuickInputTitle(page, /Set Idle Timeout/);
    const question = await page.locator('.quick-input-widget input').first().getAttribute('placeholder');
    assert.equal(question, 'Set the idle timeout of which inference component?');
    const listed = await page.locator('.quick-input-widget .quick-input-list').innerText();
    assert.match(listed, /demo-llama3-8b/);
    await screenshot(page, 'walkthrough-set-idle-timeout');
    await page.keyboard.press('Escape');
  });
});
