import * as assert from 'node:assert/strict';
import { type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, openWorkbench, runCommand, screenshot, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 15, items 4, 5 and 8, at the default window (1280×800) and side bar: the full plan opens as a
 * document beside a wizard's plan page, and the readiness report puts the failing check and its fix
 * first, in text that wraps instead of a table that clips. (Named to run after explorer.test.ts, which
 * connects to the emulator's demo.)
 */
describe('The plan and the readiness report, readable at the default window size', () => {
  let browser: Browser;
  let page: Page;
  const viewport = { width: 1280, height: 800 };
  const quickInput = () => page.locator('.quick-input-widget');
  /** The Markdown preview on screen (the webview's inner frame). */
  const preview = (): FrameLocator => page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');

  async function box(locator: Locator, what: string) {
    const found = await locator.boundingBox();
    if (!found) throw new Error(`${what} is not on screen`);
    return found;
  }

  /** The element is inside the window, and (unless it is part of it) not under the quick input. */
  async function assertReadable(locator: Locator, what: string, inQuickInput = false): Promise<void> {
    const element = await box(locator, what);
    assert.ok(element.x >= 0 && element.x + element.width <= viewport.width, `${what} is cut at the right: ${JSON.stringify(element)}`);
    assert.ok(element.y >= 0 && element.y + element.height <= viewport.height, `${what} is below the window: ${JSON.stringify(element)}`);
    if (!inQuickInput && (await quickInput().isVisible())) {
      const widget = await box(quickInput(), 'the quick input');
      const overlaps = element.x < widget.x + widget.width && widget.x < element.x + element.width && element.y < widget.y + widget.height && widget.y < element.y + element.height;
      assert.ok(!overlaps, `${what} is under the quick input: ${JSON.stringify({ element, widget })}`);
    }
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    const container = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
    await container.locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-cold' }).waitFor({ state: 'visible', timeout: 60_000 });
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

  it('item 4: the plan page opens the full plan beside it, every parameter whole, with Run one click away and no codicon names read out', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Enable Scale to Zero…');
    await waitForQuickInputTitle(page, 'Enable Scale to Zero');
    await choose(page, 'demo-embeddings');
    await answer(page); // repair every failing part, as offered
    const run = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });

    // The full plan, beside the page: the wake alarm's settings and the step policy's whole ARN.
    const doc = preview();
    await doc.locator('h1', { hasText: 'demo-embeddings' }).waitFor({ state: 'attached', timeout: 30_000 });
    const comparison = doc.locator('li', { hasText: /^ComparisonOperator: GreaterThanOrEqualToThreshold$/ });
    await comparison.waitFor({ state: 'visible' });
    await screenshot(page, 'item4-plan-beside-opened');
    // The notes come first (what fails now, what to expect): the call's parameters are a scroll away.
    const actions = doc.locator('li', { hasText: /^arn:aws:autoscaling:[^ ]*policyName\/demo-embeddings-step-scaling$/ }).first();
    await actions.scrollIntoViewIfNeeded();
    await assertReadable(actions, 'the alarm action (the step policy\'s ARN, whole)');
    await comparison.scrollIntoViewIfNeeded();
    await assertReadable(comparison, 'the alarm\'s ComparisonOperator');

    // The page keeps the focus, is short, and its rows are read as their words.
    assert.ok(await quickInput().locator('input').first().evaluate((input) => input === input.ownerDocument.activeElement), 'the quick input lost the focus');
    await assertReadable(run, 'Run the plan', true);
    const rows = quickInput().locator('.quick-input-list .monaco-list-row');
    const labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    assert.ok(labels.length > 0 && labels.length <= 10, `the plan page has ${labels.length} rows: ${labels.join(' | ')}`);
    for (const label of labels) assert.doesNotMatch(label, /circle-small|\$\(/, label);
    assert.ok(labels.some((label) => /^Run the plan/.test(label)), labels.join(' | '));
    // The call and its parameters, below the quick input.
    await doc.locator('li', { hasText: /^AlarmName: / }).evaluate((element) => element.ownerDocument.defaultView?.scrollBy(0, element.getBoundingClientRect().top - 190));
    await page.waitForTimeout(300);
    await screenshot(page, 'item4-plan-beside-parameters');

    // Closed by the user, the plan is one row away again. (The tab is under the quick input: its close button is clicked by its event.)
    await page.locator('.tab', { hasText: /Preview Enable Scale to Zero – plan\.md/ }).locator('.action-label.codicon-close').dispatchEvent('click');
    const show = quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'Show the full plan' });
    await show.waitFor({ state: 'visible', timeout: 15_000 });
    await show.click();
    await doc.locator('li', { hasText: /^ComparisonOperator: GreaterThanOrEqualToThreshold$/ }).waitFor({ state: 'visible', timeout: 30_000 });
    await show.waitFor({ state: 'detached', timeout: 15_000 });

    // Leaving the wizard closes the plan.
    await quickInput().locator('input').first().press('Escape');
    await quickInput().waitFor({ state: 'hidden' });
    await page.locator('.tab', { hasText: /Enable Scale to Zero – plan\.md/ }).waitFor({ state: 'detached', timeout: 15_000 });
    await screenshot(page, 'item4-plan-closed-with-wizard');
  });

  it('items 5 and 8: the readiness report of demo-cold names the wake alarm first, with its fix, nothing cut at the default width', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Check Scale-to-Zero Readiness');
    await choose(page, 'demo-cold');
    const doc = preview();
    await doc.locator('h1', { hasText: 'Will demo-cold scale to zero?' }).waitFor({ state: 'visible', timeout: 30_000 });
    const headings = await doc.locator('h2, h3').allInnerTexts();
    assert.equal(headings[0], 'To fix (2)', headings.join(' | '));
    assert.match(headings[1], /^✗ Every inference component wakes on a request$/);
    const body = await doc.locator('body').innerText();
    assert.match(body, /Found: demo-embeddings will not wake on a request: demo-embeddings-no-capacity: It needs 2 or more refused requests within 60 s/);
    assert.doesNotMatch(body, /keeps instances alive/, 'demo-cold has no instance to keep');
    assert.ok(body.indexOf('What to do: demo-embeddings: Use Maximum over 30 s') < body.indexOf('Passing checks'), 'the fix comes before the passing checks');

    // The first failing check and its fix are on screen without scrolling, and no "What to do" is cut.
    const fixes = doc.locator('p', { hasText: /^What to do:/ });
    assert.ok((await fixes.count()) >= 2);
    await assertReadable(fixes.first(), 'the first "What to do"');
    const frame = await box(page.locator('iframe.webview.ready:visible'), 'the preview');
    for (const fix of await fixes.all()) {
      await fix.scrollIntoViewIfNeeded();
      const line = await box(fix, 'a "What to do"');
      assert.ok(line.x >= frame.x && line.x + line.width <= Math.min(frame.x + frame.width, viewport.width), `"What to do" is cut: ${JSON.stringify({ line, frame })}`);
      const scrollWidth = await fix.evaluate((element) => element.scrollWidth - element.clientWidth);
      assert.equal(scrollWidth, 0, 'a "What to do" overflows its paragraph');
    }
    const overflow = await doc.locator('body').evaluate((element) => element.scrollWidth - element.clientWidth);
    assert.ok(overflow <= 0, `the report is ${overflow} px wider than its preview`);
    await doc.locator('h1').scrollIntoViewIfNeeded();
    await screenshot(page, 'item5-readiness');
  });

  it('item 8: the tree\'s tooltip on demo-cold names the wake alarm first, and never says it keeps instances alive', async () => {
    const row = page.locator('[id="workbench.view.extension.sagemakerScaleToZero"] .monaco-list-row[role=treeitem]', { hasText: 'demo-cold' }).first();
    await row.locator('.label-name').hover();
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Not ready to scale to zero' });
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /Not ready to scale to zero:\s*demo-embeddings will not wake on a request: demo-embeddings-no-capacity: It needs 2 or more refused requests/);
    assert.doesNotMatch(text, /keeps instances alive/);
    await assertReadable(hover, 'the tooltip');
    await page.screenshot({ path: `${process.env.S2Z_E2E_SCREENSHOTS}/item8-readiness-tooltip.png` }); // with the tooltip, not moving the mouse
  });
});
