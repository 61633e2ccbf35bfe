import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, choose, connectBrowser, emulatorControl, emulatorUrlFromStatusBar, openWorkbench, runCommand, screenshot, treeRow } from './support/workbench';

interface ComponentState {
  name: string;
  desiredCopyCount: number;
}

/**
 * Issue 21: the language model tools as an agent calls them, in the real workbench. The test agent
 * (test/e2e/fixtures/test-agent, installed beside the .vsix) calls a tool with vscode.lm.invokeTool
 * outside a chat; VS Code then shows the tool's confirmation as a modal dialog (in a chat it shows the
 * same title and message inline). Declined, nothing changes; accepted, the plan runs. Runs last (file
 * order): it changes demo-embeddings' copy count, which no later file reads.
 */
describe('The agent tools\' confirmations in the workbench (issue 21)', () => {
  let browser: Browser;
  let page: Page;
  let emulatorUrl = '';
  const component = 'demo-embeddings';

  async function desiredCopies(): Promise<number> {
    const state = (await emulatorControl(emulatorUrl, 'GET', 'state')) as { inferenceComponents: ComponentState[] };
    const found = state.inferenceComponents.find((ic) => ic.name === component);
    if (!found) throw new Error(`${component} is not in the emulator's state`);
    return found.desiredCopyCount;
  }

  /** The test agent calls `tool` with `input`, as an agent would. */
  async function agentCalls(tool: string, input: object): Promise<void> {
    await runCommand(page, 'Test Agent: Invoke Language Model Tool…');
    await choose(page, tool);
    const box = page.locator('.quick-input-widget input');
    await box.waitFor({ state: 'visible' });
    await box.fill(JSON.stringify(input));
    await page.keyboard.press('Enter');
  }

  /** The agent's notification about `tool`'s answer (or why it did not run), once it shows. */
  async function agentNotification(tool: string): Promise<string> {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `Test Agent: ${tool}` }).last();
    await toast.waitFor({ state: 'visible', timeout: 60_000 });
    const text = await toast.innerText();
    await toast.hover();
    await toast.locator('.codicon-notifications-clear').first().click().catch(() => undefined);
    return text;
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser, { width: 1280, height: 860 });
    await activityBarItem(page).click();
    await treeRow(page, 'demo-cold').waitFor({ state: 'visible', timeout: 60_000 });
    emulatorUrl = await emulatorUrlFromStatusBar(page);
    // The emulator's clock stands still: nothing scales the component between a dialog and the check after it.
    await emulatorControl(emulatorUrl, 'POST', 'clock', { timeScale: 0 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    if (emulatorUrl) await emulatorControl(emulatorUrl, 'POST', 'clock', { timeScale: 30 }).catch(() => undefined);
    await page?.close();
    await browser?.close();
  });

  it('shows an acting tool\'s confirmation as VS Code\'s dialog; declined, nothing changes; accepted, the copy count is set', async () => {
    // Whatever the earlier files left (asleep, or woken by the tree's own Set Copy Count), the tool that changes it.
    const before = await desiredCopies();
    const [tool, title, after] =
      before === 0
        ? (['sagemakerScaleToZero_wakeComponent', new RegExp(`Set ${component} to 1 copy\\?`), 1] as const)
        : (['sagemakerScaleToZero_sleepComponent', new RegExp(`Set ${component} to 0 copies\\?`), 0] as const);

    await agentCalls(tool, { inferenceComponentName: component });
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog.locator('.dialog-message-text').innerText(), title);
    const detail = await dialog.locator('.dialog-message-detail').innerText();
    assert.match(detail, /UpdateInferenceComponentRuntimeConfig|copy count/i, detail);
    await screenshot(page, `80-agent-tool-confirmation-${before === 0 ? 'wake' : 'sleep'}`);
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    assert.match(await agentNotification(tool), /did not run: Canceled/);
    assert.equal(await desiredCopies(), before, 'declined: the copy count is as it was');

    await agentCalls(tool, { inferenceComponentName: component });
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog.locator('.dialog-message-text').innerText(), title);
    const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    const accept = buttons.find((label) => label !== 'Cancel');
    assert.ok(accept, `a button accepts: ${buttons.join(', ')}`);
    await dialog.locator('.monaco-button', { hasText: new RegExp(`^${accept}$`) }).click();
    const answer = await agentNotification(tool);
    assert.match(answer, /answered: Done: /, answer);
    assert.equal(await desiredCopies(), after);
    await screenshot(page, '81-agent-tool-done');
  });

  it('refuses without a dialog when a sleep would leave instances billing, and says why', async () => {
    // demo-always-on keeps one instance (managed instance scaling MinInstanceCount 1): 0 copies would not stop its bill.
    await agentCalls('sagemakerScaleToZero_sleepComponent', { inferenceComponentName: 'demo-mistral-7b' });
    const answer = await agentNotification('sagemakerScaleToZero_sleepComponent');
    assert.match(answer, /keep billing|will not stop the bill/, answer);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation was asked');
  });
});
