import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, openWorkbench, runCommand, screenshot, waitForQuickInputTitle } from './support/workbench';

describe('Creating a scale-to-zero endpoint from the command palette', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('reconnects to the local emulator when the view opens', async () => {
    await activityBarItem(page).click();
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    await container.locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-scale-to-zero' }).waitFor({ state: 'visible', timeout: 60_000 });
  });

  /** The open quick input's title as VS Code renders it, with its counter: "Create Scale-to-Zero Endpoint (3/6)". */
  const title = async () => (await page.locator('.quick-input-widget .quick-input-title').innerText()).trim();

  /** The titles of the pages shown, recorded before each answer. */
  let titles: string[] = [];
  const record = async () => {
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    titles.push(await title());
  };
  const chooseRecorded = async (label: string) => {
    await record();
    await choose(page, label);
  };
  const answerRecorded = async (value?: string) => {
    await record();
    await answer(page, value);
  };

  /** The counter of each title; fails on a title that shows its counter twice ("(3/8) 3/8 …") or none. */
  function counters(shown: string[]): { walk: string; step: number; total: number }[] {
    return shown.map((text) => {
      assert.equal(text.match(/\d+\/\d+/g)?.length, 1, `one counter in "${text}"`);
      const match = /^(.*) \((\d+)\/(\d+)\)$/.exec(text);
      assert.ok(match, `"${text}" ends with its counter`);
      return { walk: match[1], step: Number(match[2]), total: Number(match[3]) };
    });
  }

  /** The four required questions of Create Scale-to-Zero Endpoint. */
  async function answerRequired(endpoint: string): Promise<void> {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await screenshot(page, 'item3-first-page');
    await chooseRecorded('demo-llama3-8b-model');
    await chooseRecorded('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answerRecorded(endpoint);
    await page.locator('.quick-input-widget input').first().fill('ml.g5');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ml.g5.2xlarge' }).first().waitFor({ state: 'visible' });
    await screenshot(page, '20-wizard-instance-type');
    await chooseRecorded('ml.g5.2xlarge');
  }

  it('with every default, four questions and the advanced settings\' defaults lead to the plan; the total never moves; it runs and the endpoint appears', async () => {
    titles = [];
    await answerRequired('e2e-endpoint');
    // One page for everything optional: the defaults in one line, "Use these defaults" first.
    const defaults = page.locator('.quick-input-list .monaco-list-row').first();
    await defaults.waitFor({ state: 'visible' });
    const defaultsText = await defaults.innerText();
    assert.match(defaultsText, /^Use these defaults/);
    assert.match(defaultsText, /1 copy \(1 GPU, 16 GiB, 1 vCPU\) · up to 1 instance · scales to 0 at 5 requests\/copy/);
    assert.match(await page.locator('.quick-input-list').innerText(), /Change advanced settings…/);
    // …whole at the default window size: no part of the row is cut with an ellipsis.
    const cut = await defaults.evaluate((row) => {
      // Runs in the page: the DOM's own types are not in the tests' TypeScript libraries.
      interface Box { scrollWidth: number; clientWidth: number; textContent: string | null }
      const style = (globalThis as unknown as { getComputedStyle(box: Box): { textOverflow: string } }).getComputedStyle;
      const boxes = [...(row as unknown as { querySelectorAll(selector: string): Iterable<Box> }).querySelectorAll('*')];
      return boxes.filter((box) => box.scrollWidth > box.clientWidth + 1 && style(box).textOverflow === 'ellipsis').map((box) => box.textContent);
    });
    assert.deepEqual(cut, [], 'the defaults line is cut at the default window size');
    await screenshot(page, 'item3-advanced-settings');
    await chooseRecorded('Use these defaults');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible' });
    await record();
    const planText = await page.locator('.quick-input-list').innerText();
    assert.match(planText, /CreateEndpointConfig/);
    // The list is virtual: only the first calls are rendered; the run row counts them all.
    assert.match(await run.innerText(), /\d+ calls/);
    // The full plan opens beside the page, with the managed instance scaling the user came for.
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: 'MinInstanceCount' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await document.innerText(), /Create scale-to-zero endpoint e2e-endpoint/);
    await screenshot(page, 'item3-plan-from-defaults');
    await screenshot(page, '22-wizard-plan');
    // Six pages from the command to the plan (19 before issue 15), each "(k/6)", the plan the sixth.
    const shown = counters(titles);
    assert.deepEqual(shown.map(({ step }) => step), [1, 2, 3, 4, 5, 6], titles.join(' | '));
    assert.deepEqual(new Set(shown.map(({ total }) => total)), new Set([6]), titles.join(' | '));
    assert.ok(shown.every(({ walk }) => walk === 'Create Scale-to-Zero Endpoint'), titles.join(' | '));

    await run.click();
    // The run's progress shows each call's counter once: "3/8 Create endpoint…", not "(3/8) 3/8 Create endpoint…".
    const progress = page.locator('.notifications-toasts .notification-toast', { hasText: /\d+\/\d+ / }).first();
    await progress.waitFor({ state: 'visible', timeout: 60_000 });
    const progressText = await progress.innerText();
    assert.doesNotMatch(progressText, /\d+\/\d+\D+\d+\/\d+/, progressText);
    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).waitFor({ state: 'visible', timeout: 90_000 });
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    const row = container.locator('.monaco-list-row[role=treeitem]', { hasText: 'e2e-endpoint' });
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row.innerText(), /(Warm|Waking|Creating|Cold) · \d(\/\d)? inst/);
    await screenshot(page, '23-wizard-done');
  });

  it('the advanced settings are a walk of their own, validated as the service does, counted without moving; Back keeps the count', async () => {
    titles = [];
    await answerRequired('e2e-advanced');
    await chooseRecorded('Change advanced settings…');
    await answerRecorded(); // the endpoint config's default name
    await answerRecorded('2'); // at most 2 instances: the one setting changed
    // Back re-asks the previous page under the same count.
    const beforeBack = await title();
    await page.locator('.quick-input-widget .quick-input-left-action-bar .action-label').click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/11)' }).waitFor({ state: 'visible' });
    assert.match(beforeBack, /\(3\/11\)$/);
    await answerRecorded('2');
    await chooseRecorded('Release an instance once it is empty');
    await chooseRecorded('Least outstanding requests');
    await answerRecorded(); // the component's default name
    await answerRecorded(); // 1 accelerator
    // A copy that needs more memory than the instance has is refused before anything is created.
    const input = page.locator('.quick-input-widget input').first();
    await input.fill('999999');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: /MiB/ }).waitFor({ state: 'visible' });
    await screenshot(page, '21-wizard-validation');
    await answerRecorded('24576');
    await answerRecorded(); // CPU cores
    await answerRecorded(); // copies
    await answerRecorded(); // no fallback instance type (issue 17)
    await chooseRecorded('Add the scale-to-zero auto scaling');
    const run = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible' });
    await record();
    // The full plan is the document beside the plan page.
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: 'e2e-advanced-config' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await document.innerText(), /e2e-advanced-config: ml\.g5\.2xlarge, 0–2 instances/);
    await screenshot(page, 'item3-plan-from-advanced');
    const shown = counters(titles);
    const main = shown.filter(({ walk }) => walk === 'Create Scale-to-Zero Endpoint');
    const advanced = shown.filter(({ walk }) => walk === 'Create Scale-to-Zero Endpoint: Advanced settings');
    assert.deepEqual(main.map(({ step, total }) => `${step}/${total}`), ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6'], titles.join(' | '));
    assert.deepEqual(advanced.map(({ step, total }) => `${step}/${total}`), ['1/11', '2/11', '2/11', '3/11', '4/11', '5/11', '6/11', '7/11', '8/11', '9/11', '10/11', '11/11'], titles.join(' | '));
    assert.equal(main.length + advanced.length, shown.length, titles.join(' | '));
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  // Issue 17: one GPU type and no fallback is now a warning (a wake fails when that type has no capacity).
  it('the new endpoint passes the readiness check, shown as a report, with the single-type warning', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Check Scale-to-Zero Readiness');
    await choose(page, 'e2e-endpoint');
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await preview.locator('h1', { hasText: 'Will e2e-endpoint scale to zero?' }).waitFor({ state: 'visible', timeout: 30_000 });
    const body = await preview.locator('body').innerText();
    assert.match(body, /Ready, with warnings\./);
    assert.match(body, /A wake has a fallback instance type/);
    assert.doesNotMatch(body, /✗|To fix/);
    await screenshot(page, '24-readiness-ready');
  });
});
