import * as assert from 'node:assert/strict';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { emulatorCredentials } from '../../src/aws/connection';
import { activityBarItem, answer, choose, connectBrowser, emulatorControl, emulatorUrlFromStatusBar, openWorkbench, runCommand, runFromContextMenu, screenshot, treeRowNamed, waitForQuickInputTitle } from './support/workbench';

const endpointName = 'explain-e2e';
const componentName = 'explain-e2e-ic';

/**
 * Issue 19, item 3: an explained cold start. The file's own endpoint (the create wizard's defaults)
 * sleeps, a request from the playground wakes it through its alarm, and the report of that wake opens
 * from the playground's timeline ("Explain this cold start") and from the component's row (Explain
 * Cold Start…), each phase beside the median and the announcement's figures, and Export Cold Start
 * Report… is offered. A wake without capacity then shows its `Why:` row and explanation. The clock is
 * frozen and moved by hand, as in the journeys. Named to run after explorer.test.ts (which connects).
 */
describe('Explained cold start: from the playground and from the tree (installed from the .vsix)', function () {
  this.timeout(600_000);
  let browser: Browser;
  let page: Page;
  let emulatorUrl: string;
  const row = (name: string) => treeRowNamed(page, name);
  const toast = (text: string | RegExp) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const control = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => emulatorControl(emulatorUrl, method, path, body);

  async function advanceUntil(reached: () => Promise<boolean>, what: string, stepSeconds = 20, maxSeconds = 40 * 60): Promise<void> {
    for (let advanced = 0; advanced <= maxSeconds; advanced += stepSeconds) {
      if (await reached()) return;
      await control('POST', 'clock', { advanceSeconds: stepSeconds });
    }
    throw new Error(`${what} did not happen within ${maxSeconds / 60} simulated minutes`);
  }
  const advanceUntilVisible = (target: Locator, what: string, stepSeconds?: number, maxSeconds?: number) =>
    advanceUntil(() => target.waitFor({ state: 'visible', timeout: 1_500 }).then(() => true, () => false), what, stepSeconds, maxSeconds);

  /** The Markdown preview's body (VS Code renders it in a webview). */
  function preview(): Locator {
    return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
  }

  async function reportTable(): Promise<string> {
    const body = preview();
    await body.locator('h1', { hasText: `Cold start: ${componentName} at` }).waitFor({ state: 'visible', timeout: 30_000 });
    return body.innerText();
  }

  /** Each phase of the report reads a duration (a number of seconds, or minutes:seconds). */
  function assertPhases(text: string): void {
    for (const label of ['Request refused → wake alarm in ALARM', 'Scaling decision', 'Instance provisioning, image pull and model download', 'Model load', 'Health check', 'First answer']) {
      assert.match(text, new RegExp(`${label}\\s+(\\d+\\.\\d s|\\d+ s|\\d+:\\d\\d min)`), `${label} has a duration:\n${text}`);
    }
    assert.match(text, /Announcement/);
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await runCommand(page, 'View: Close All Editors');
    await activityBarItem(page).click();
    await row('demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
    emulatorUrl = await emulatorUrlFromStatusBar(page);
    await control('POST', 'clock', { timeScale: 0 });
    await page.mouse.move(800, 300);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-explain-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    // The files after this one expect the clock as VS Code started it (30×) and no fault.
    if (emulatorUrl) {
      await fetch(`${emulatorUrl}/__emulator/faults`, { method: 'DELETE' }).catch(() => undefined);
      await control('POST', 'clock', { timeScale: 30 }).catch(() => undefined);
    }
    await page?.close();
    await browser?.close();
  });

  it('1. a wake from the playground, explained from its timeline', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpointName);
    await choose(page, 'ml.g5.2xlarge');
    await choose(page, 'Use these defaults');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    await run.click();
    await advanceUntilVisible(toast(new RegExp(`${endpointName}.*done`)), 'the plan done');
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    const endpointRow = row(endpointName);
    await endpointRow.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await endpointRow.getAttribute('aria-expanded')) !== 'true') await endpointRow.click();
    // Nobody calls it: it scales in to 0 copies and its instance is released.
    await advanceUntilVisible(row(endpointName).filter({ hasText: /Cold · (0 copies · )?0 inst/ }), `${endpointName} cold`, 60);

    await runFromContextMenu(page, row(componentName), 'Open Playground');
    await page.locator('.tab', { hasText: `Playground: ${componentName}` }).waitFor({ state: 'visible', timeout: 30_000 });
    const view: FrameLocator = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: componentName }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.locator('#invoke').click();
    await view.locator('#waking-card').waitFor({ state: 'visible', timeout: 30_000 });
    await advanceUntilVisible(view.locator('li[data-phase="firstResponse"][data-status="done"]'), 'the first answer', 10);
    // CloudWatch Logs ingests a line a second after it is written (the emulator too): the frozen clock moves on past the answer's line.
    await control('POST', 'clock', { advanceSeconds: 5 });
    const explain = view.locator('[data-testid="explain-cold-start"]');
    await explain.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'explain-01-playground-timeline');
    await explain.click();

    const text = await reportTable();
    assertPhases(text);
    assert.match(text, /Request refused\s+[\d-]+ [\d:]+\s+the playground’s held request/, 'the refusal is the playground’s own time');
    await page.locator('.tab', { hasText: `Preview Cold start: ${componentName} at` }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'explain-02-report-from-playground');
  });

  it('2. the same wake from the component’s row', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runFromContextMenu(page, row(componentName), 'Explain Cold Start…');
    const text = await reportTable();
    assertPhases(text);
    // Without the playground, the refusal is dated by the alarm's breaching datapoint.
    assert.match(text, /the wake alarm’s breaching datapoint/);
    await screenshot(page, 'explain-03-report-from-tree');
    // Export Cold Start Report… is offered once a report was shown (its save dialog is checked in the extension host, with a scripted answer).
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Export Cold Start Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'SageMaker Scale to Zero: Export Cold Start Report…' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Escape');
  });

  it('3. a wake that finds no capacity: the component shows `Why: …`, and its explanation opens with the raw message', async () => {
    await runCommand(page, 'View: Close All Editors');
    await advanceUntilVisible(row(endpointName).filter({ hasText: /Cold · (0 copies · )?0 inst/ }), `${endpointName} cold again`, 60);
    await control('POST', 'faults', { componentFaults: { [componentName]: 'insufficientCapacity' } });
    const runtime = new SageMakerRuntimeClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: emulatorCredentials() });
    await assert.rejects(
      runtime.send(new InvokeEndpointCommand({ EndpointName: endpointName, InferenceComponentName: componentName, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hi' }) })),
      /no capacity/,
    );
    runtime.destroy();
    const why = page.locator('.monaco-list-row', { hasText: 'Why: no ml.g5.2xlarge capacity' }).first();
    await advanceUntil(async () => {
      const component = row(componentName);
      if ((await component.getAttribute('aria-expanded')) === 'false') await component.click();
      return why.waitFor({ state: 'visible', timeout: 1_500 }).then(() => true, () => false);
    }, 'the Why row', 20, 20 * 60);
    await screenshot(page, 'explain-04-why-row');
    await why.click();
    const body = preview();
    await body.locator('h1', { hasText: `Why inference component ${componentName} failed: no ml.g5.2xlarge capacity` }).waitFor({ state: 'visible', timeout: 30_000 });
    const text = await body.innerText();
    assert.match(text, /Next steps/);
    assert.match(text, /Add a fallback instance type/);
    assert.match(text, /Raw message[\s\S]*Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error/);
    await screenshot(page, 'explain-05-explanation');
  });
});
