import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { answer, choose, connectBrowser, openWorkbench, runCommand, screenshot, waitForQuickInputTitle, widenSideBar } from './support/workbench';

describe('Creating a scale-to-zero endpoint from the command palette', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser, { width: 1440, height: 900 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('reconnects to the local emulator when the view opens', async () => {
    await page.locator('.part.activitybar .action-item a[aria-label^="SageMaker Endpoints"]').click();
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    await container.locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-scale-to-zero' }).waitFor({ state: 'visible', timeout: 60_000 });
    await widenSideBar(page, 600);
  });

  it('walks the wizard page by page, shows the plan, runs it, and the endpoint appears in the tree', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, 'e2e-endpoint');
    await answer(page); // the endpoint config's default name
    await page.locator('.quick-input-widget input').first().fill('ml.g5');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ml.g5.2xlarge' }).first().waitFor({ state: 'visible' });
    await screenshot(page, '20-wizard-instance-type');
    await choose(page, 'ml.g5.2xlarge');
    await answer(page, '2');
    await choose(page, 'Least outstanding requests');
    await answer(page, 'e2e-endpoint-ic');
    await answer(page, '1');
    // A copy that needs more memory than the instance has is refused before anything is created.
    const input = page.locator('.quick-input-widget input').first();
    await input.fill('999999');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: /MiB/ }).waitFor({ state: 'visible' });
    await screenshot(page, '21-wizard-validation');
    await answer(page, '24576');
    await answer(page, '2');
    await answer(page, '1');
    await choose(page, 'Add the scale-to-zero auto scaling');
    await answer(page, '2');
    await choose(page, 'Concurrent requests per copy (high resolution)');
    await answer(page);
    await answer(page);
    await answer(page);
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible' });
    const planText = await page.locator('.quick-input-list').innerText();
    assert.match(planText, /CreateEndpointConfig/);
    // The list is virtual: only the first calls are rendered; the run row counts them all.
    assert.match(await run.innerText(), /\d+ calls/);
    await screenshot(page, '22-wizard-plan');
    await run.click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).waitFor({ state: 'visible', timeout: 90_000 });
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    const row = container.locator('.monaco-list-row[role=treeitem]', { hasText: 'e2e-endpoint' });
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row.innerText(), /(Warm|Waking|Creating|Cold) · \d(\/\d)? inst/);
    await screenshot(page, '23-wizard-done');
  });

  it('the new endpoint passes the readiness check, shown as a report', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Check Scale-to-Zero Readiness');
    await choose(page, 'e2e-endpoint');
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await preview.locator('h1', { hasText: 'Will e2e-endpoint scale to zero?' }).waitFor({ state: 'visible', timeout: 30_000 });
    const body = await preview.locator('body').innerText();
    assert.match(body, /Ready: it scales to zero when idle and wakes on the next request/);
    assert.doesNotMatch(body, /✗ fail/);
    await screenshot(page, '24-readiness-ready');
  });
});
