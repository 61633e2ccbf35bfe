// Copy as Code in the real VS Code (code-server, the packaged .vsix): the playground's request card has
// the control; choosing Python and copying opens the program in a new untitled Python editor beside the
// playground, says so in a notification, and the program holds the component, its endpoint and the
// request as written on the page.
import * as assert from 'node:assert/strict';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { codeRequestFor } from '../../src/playground/copyAsCode/codeRequest';
import { generateCode } from '../../src/playground/copyAsCode/copyAsCode';
import { templates } from '../../src/playground/page/format';
import { activityBarItem, connectBrowser, openWorkbench, runCommand, screenshot } from './support/workbench';

describe('Playground: Copy as Code (installed from the .vsix)', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;
  let view: FrameLocator;
  let wakeNowWasOn: boolean | undefined;

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    // Editors an earlier file left open (a restored playground) go: this file's playground and program are the ones shown.
    await runCommand(page, 'View: Close All Editors');
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('opens the playground on demo-mistral-7b and shows the Copy as Code control on the request card', async () => {
    const item = activityBarItem(page);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await item.click();
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    await container.locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-always-on' }).waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'SageMaker Scale to Zero: Open Playground');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'demo-mistral-7b' });
    await pick.waitFor({ state: 'visible', timeout: 30_000 });
    await pick.click();
    await page.locator('.tab', { hasText: 'Playground: demo-mistral-7b' }).waitFor({ state: 'visible', timeout: 30_000 });
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: 'demo-mistral-7b' }).waitFor({ state: 'visible', timeout: 30_000 });
    const button = view.locator('[data-testid="copy-as-code"]');
    await button.scrollIntoViewIfNeeded();
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await view.locator('[data-testid="copy-as-code-language"]').getAttribute('id'), 'copy-as-code-language');
  });

  it('Copy as Code → Python opens the program beside the playground, in a Python editor, and says it was copied', async () => {
    // The request as the user writes it: a deadline of 120 s and Wake now (remembered across playgrounds:
    // an earlier file may have left it on), which the program's settings carry.
    const deadline = view.locator('#deadline input');
    await deadline.fill('120');
    const wakeNow = view.locator('#wake-now');
    wakeNowWasOn = await wakeNow.evaluate((element) => (element as unknown as { checked: boolean }).checked);
    if (!wakeNowWasOn) await wakeNow.click();
    const select = view.locator('[data-testid="copy-as-code-language"]');
    await select.click();
    // vscode-single-select lists its options in its shadow DOM (playwright's CSS pierces it), in the menu's order.
    const options = select.locator('li.option');
    await options.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual((await options.allInnerTexts()).map((label) => label.trim()), [
      'Python (boto3)',
      'Python (boto3), streaming',
      'TypeScript (AWS SDK v3)',
      'TypeScript (AWS SDK v3), streaming',
      'AWS CLI command',
    ]);
    await screenshot(page, 'codegen-0-copy-as-code-menu');
    await options.filter({ hasText: 'Python (boto3)' }).first().click();
    await view.locator('[data-testid="copy-as-code"]').click();

    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Copied to the clipboard and opened beside the playground' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await toast.innerText(), /save it as invoke_demo_mistral_7b\.py/);
    // An untitled editor is named after its first line; the program's second line names the component.
    const editor = page.locator('.part.editor .monaco-editor .view-lines', { hasText: 'Calls the SageMaker inference component demo-mistral-7b' });
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item[id="status.editor.mode"]', { hasText: 'Python' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Side by side: the program in another editor group than the playground's (the editor writes its spaces as U+00A0).
    const groupOf = (text: string) =>
      page.locator('.editor-group-container').evaluateAll((groups, wanted) => groups.findIndex((group) => (group.textContent ?? '').replace(/\u00a0/g, ' ').includes(wanted)), text);
    const playgroundGroup = await groupOf('Playground: demo-mistral-7b');
    const programGroup = await groupOf('Calls the SageMaker inference component demo-mistral-7b');
    assert.ok(playgroundGroup >= 0 && programGroup >= 0 && playgroundGroup !== programGroup, `the playground in group ${playgroundGroup}, the program in group ${programGroup}`);
    await screenshot(page, 'codegen-1-copy-as-code-python');

    // The settings, further down: exactly what the generator writes for this request on the emulator.
    const expected = generateCode(
      'python',
      codeRequestFor(
        { type: 'copyAsCode', language: 'python', mode: 'invoke', body: templates[0].body, contentType: 'application/json', accept: 'application/json', deadlineSeconds: 120, wakeNow: true },
        { connection: { kind: 'localEmulator', endpoint: 'not-written', region: 'us-east-1' }, endpointName: 'demo-always-on', inferenceComponentName: 'demo-mistral-7b' },
      ),
    ).text.split('\n');
    const settings = expected.slice(expected.indexOf('# ---- settings ----'), expected.findIndex((line) => line.startsWith('MAX_DELAY_SECONDS')) + 1);
    assert.ok(settings.length > 10 && settings.includes('DEADLINE_SECONDS = 120') && settings.includes('WAKE = True'));
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${expected.indexOf('DEADLINE_SECONDS = 120') + 1}`);
    await page.keyboard.press('Enter');
    const settingsShown = page.locator('.part.editor .monaco-editor .view-lines', { hasText: 'DEADLINE_SECONDS' });
    await settingsShown.waitFor({ state: 'visible', timeout: 30_000 });
    const shown = (await settingsShown.innerText()).replace(/\u00a0/g, ' ').split('\n').map((line) => line.trimEnd());
    for (const line of settings) assert.ok(shown.includes(line), `the editor shows: ${line}\n${shown.join('\n')}`);
    assert.ok(!shown.join('\n').includes('127.0.0.1'), "the emulator's URL is not in the program");
    await screenshot(page, 'codegen-2-copy-as-code-python-settings');
    // Leave no unsaved editor behind: the files after this one share this VS Code, which restores an
    // untitled program in their windows and asks to save it when they close their editors.
    await runCommand(page, 'View: Revert and Close Editor');
    await page.locator('.tab', { hasText: 'Untitled-1' }).waitFor({ state: 'hidden', timeout: 30_000 });
  });

  it('leaves Wake now as the files before found it (it is remembered across playgrounds)', async () => {
    if (wakeNowWasOn === false) await view.locator('#wake-now').click();
    const checked = await view.locator('#wake-now').evaluate((element) => (element as unknown as { checked: boolean }).checked);
    assert.equal(checked, wakeNowWasOn);
  });
});
