import * as assert from 'node:assert/strict';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { connectBrowser, openWorkbench, runCommand, screenshot } from './support/workbench';

describe('Playground: a cold start, watched from the page (installed from the .vsix)', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;
  let view: FrameLocator;

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser, { width: 1440, height: 1000 });
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  /** Opens an empty editor in the playground's group, which hides the playground tab. */
  async function hidePlayground(): Promise<void> {
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ state: 'visible', timeout: 30_000 });
    // The page is gone with its frame.
    await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 30_000 });
  }

  /** Shows the playground tab again: VS Code builds a new page from the state the old one saved. */
  async function showPlayground(): Promise<void> {
    await page.locator('.tab', { hasText: 'Playground: demo-embeddings' }).click();
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: 'demo-embeddings' }).waitFor({ state: 'visible', timeout: 30_000 });
  }

  it('opens the playground on the cold demo-embeddings from the command palette', async () => {
    // Activating the view reconnects to the local emulator (the explorer journey saved the setting).
    const item = page.locator('.part.activitybar .action-item a[aria-label^="SageMaker Endpoints"]');
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await item.click();
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    await container.locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-cold' }).waitFor({ state: 'visible', timeout: 60_000 });

    await runCommand(page, 'SageMaker Scale to Zero: Open Playground');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'demo-embeddings' });
    await pick.waitFor({ state: 'visible', timeout: 30_000 });
    await pick.click();
    await page.locator('.tab', { hasText: 'Playground: demo-embeddings' }).waitFor({ state: 'visible', timeout: 30_000 });
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: 'demo-embeddings' }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.locator('#status', { hasText: 'Cold' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await view.locator('#endpoint').innerText(), /demo-cold/);
    assert.match(await view.locator('#durations').innerText(), /AWS blog, Llama 3\.1 8B/);
    await view.locator('#chart svg').waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, '1x-playground-1-opened-cold');
  });

  it('holds a streamed request with Wake now and shows the waking timeline phase by phase', async () => {
    // demo-embeddings' alarm has the AWS docs' trap (one request never wakes it): Wake now sets a copy.
    await view.locator('#wake-now').click();
    await view.locator('#stream').click();
    const phase = (id: string, status: string) => view.locator(`li[data-phase="${id}"][data-status="${status}"]`);
    await view.locator('#waking-card').waitFor({ state: 'visible', timeout: 30_000 });
    await phase('instanceProvisioning', 'active').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await phase('alarmInAlarm', 'skipped').count(), 1, 'Wake now skips the alarm');
    assert.match(await view.locator('#timeline').innerText(), /Wake now set 1 copy/);
    await screenshot(page, '1x-playground-2-instance-provisioning');

    // Switching to another editor tab hides the playground: VS Code destroys its page (the panel does
    // not retain its context). The held request goes on in the host; the rebuilt page picks it up.
    await hidePlayground();
    await page.waitForTimeout(1_000);
    await showPlayground();
    await view.locator('#waking-card').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await view.locator('#history').innerText(), /Stream[\s\S]*(Running…|OK)/);
    assert.doesNotMatch(await view.locator('#history').innerText(), /Interrupted/);
    assert.equal(await phase('requestRejected', 'done').count(), 1, 'the timeline so far came back');
    await screenshot(page, '1x-playground-3-back-after-hidden');

    // Hidden again until the answer has come (a cold start here takes about 10 s): it is there on return.
    await hidePlayground();
    await page.waitForTimeout(15_000);
    await showPlayground();
    await phase('firstResponse', 'done').waitFor({ state: 'visible', timeout: 60_000 });
    // The empty editors go: the playground stays shown (and its page stays).
    await runCommand(page, 'View: Close Other Editors in Group');
    await page.locator('.tab', { hasText: 'Untitled' }).first().waitFor({ state: 'detached', timeout: 30_000 });
    const output = view.locator('#output pre.output-text');
    await output.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await output.innerText()).trim().split(/\s+/).length >= 3, 'a streamed answer');
    assert.match(await view.locator('#timeline').innerText(), /Answered .* after the first rejection/);
    assert.match(await view.locator('#meta').innerText(), /TTFB[\s\S]*Held \(cold start\)/);
    await view.locator('#durations', { hasText: 'Median of 1' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await view.locator('#history').innerText(), /Stream[\s\S]*OK/);
    await view.locator('#status', { hasText: 'Warm' }).waitFor({ state: 'visible', timeout: 60_000 });
    await screenshot(page, '1x-playground-4-streamed-answer');
  });

  it('invokes the warm component and shows the generated text, then the JSON', async () => {
    await view.locator('#invoke').click();
    await view.locator('#history li.history-ok').nth(1).waitFor({ state: 'visible', timeout: 30_000 });
    const text = await view.locator('#output pre.output-text').innerText();
    assert.doesNotMatch(text, /generated_text/, 'the text view shows the generated text');
    await view.locator('#view-json').click();
    assert.match(await view.locator('#output pre.output-text').innerText(), /"generated_text"/);
    await screenshot(page, '1x-playground-5-json-view');
  });

  it('comes back after the window reloads, on the same component with its kept cold-start durations', async () => {
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // VS Code restores the panel through the extension's serializer, from the state the page saved.
    await page.locator('.tab', { hasText: 'Playground: demo-embeddings' }).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.tab', { hasText: 'Playground: demo-embeddings' }).click();
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: 'demo-embeddings' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await view.locator('#endpoint').innerText(), /demo-cold/);
    // The phase durations are kept per component across sessions (globalState), so the reload shows them.
    await view.locator('#durations', { hasText: 'Median of 1' }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, '1x-playground-6-restored');
  });
});
