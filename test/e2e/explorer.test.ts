import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, connectBrowser, endpointsPane, openWorkbench, runCommand, screenshot, widenSideBar } from './support/workbench';

describe('SageMaker Scale to Zero in the workbench (installed from the .vsix)', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser, { width: 1440, height: 800 });
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('has its container in the activity bar and opens the Endpoints view from it', async () => {
    const item = activityBarItem(page);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await item.click();
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    await container.waitFor({ state: 'visible', timeout: 30_000 });
    // The side bar's title is the container's name (it holds the Endpoints and All Regions views).
    const title = page.locator('.part.sidebar .composite.title');
    await title.filter({ hasText: /SageMaker Endpoints/i }).waitFor({ state: 'visible' });
    // The container and its view share one name, so the title is not "CONTAINER: VIEW" (issue 15, item 9).
    assert.equal((await title.locator('h2').innerText()).trim().toLowerCase(), 'sagemaker endpoints');
  });

  it('shows the not-connected welcome content with its actions', async () => {
    // The Endpoints view's own welcome (the All Regions view below it has one too).
    const welcome = endpointsPane(page).locator('.welcome-view-content');
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await welcome.innerText();
    assert.match(text, /Not connected yet\./);
    assert.ok(await welcome.locator('a.monaco-button', { hasText: 'Start Local Emulator' }).isVisible());
    assert.ok(await welcome.locator('a.monaco-button', { hasText: 'Connect to AWS' }).isVisible());
    await screenshot(page, '01-endpoints-view-not-connected');
  });

  it('starts the local emulator from the welcome view and lists the demo endpoints with their counts', async () => {
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    await endpointsPane(page).locator('a.monaco-button', { hasText: 'Start Local Emulator' }).click();
    const endpoint = container.locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-scale-to-zero' });
    await endpoint.waitFor({ state: 'visible', timeout: 60_000 });
    for (const name of ['demo-always-on', 'demo-cold']) {
      await container.locator('.monaco-list-row[role=treeitem]', { hasText: name }).waitFor({ state: 'visible' });
    }
    assert.match(await endpoint.innerText(), /(Warm|Draining|Cold) · \d(\/\d)? inst/);
    await endpoint.click();
    const component = container.locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-llama3-8b' });
    await component.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await component.innerText(), /(Warm|Scaling in|Draining|Cold) · \d(\/\d)? cop(y|ies)/);
    await component.click();
    await container.locator('.monaco-list-row[role=treeitem]', { hasText: 'Scalable target' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'SageMaker: local emulator' }).waitFor({ state: 'visible' });
    await widenSideBar(page, 640);
    await screenshot(page, '02-demo-endpoints');
  });

  it('runs a command from the palette: Show Log opens its output channel', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Show Log');
    const output = page.locator('.part.panel .monaco-editor .view-lines');
    await output.filter({ hasText: 'activated in VS Code 1.100' }).waitFor({ state: 'visible', timeout: 30_000 });
    // The editor wraps long lines and renders spaces as U+00A0: compare without any whitespace.
    const text = (await output.first().innerText()).replace(/\s/g, '');
    assert.match(text, /SageMakerScaletoZero\d+\.\d+\.\d+activatedinVSCode1\.100/);
    await screenshot(page, '03-show-log');
  });
});
