import * as assert from 'node:assert/strict';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { activityBarItem, connectBrowser, openWorkbench, screenshot, treeRow, viewPane, widenSideBar } from './support/workbench';

/**
 * Issue 20, item 2, as the user sees it: Scan All Regions from the All Regions view on the local
 * emulator's multi-region demo, the region rows as they appear (eu-west-1's forgotten endpoint always
 * on and idle), one click on a row switching the explorer to eu-west-1, then back to us-east-1 (the
 * files after this one share this VS Code and expect the demo's us-east-1).
 */
describe('All Regions: scan every region, then switch the explorer there in one click', () => {
  let browser: Browser;
  let page: Page;

  const regionsPane = () => viewPane(page, 'All Regions');
  const endpointsPane = () => viewPane(page, 'SageMaker Endpoints');
  const regionRow = (label: string) => regionsPane().locator('.monaco-list-row[role=treeitem]', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  const statusBar = (text: string) => page.locator('.statusbar-item', { hasText: text });

  /** Opens a pane that is collapsed (a click on its header). */
  async function expandPane(target: Locator): Promise<void> {
    const header = target.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  }

  /** Drags the sash above the All Regions pane up to `y`, so that the pane shows more than a few rows. */
  async function growRegionsPane(y: number): Promise<void> {
    const header = await regionsPane().locator('.pane-header').boundingBox();
    if (!header) throw new Error('The All Regions pane has no header on screen.');
    // The sash between the two panes: the side bar's horizontal sash nearest the header's top edge.
    const sashes = await page.locator('.part.sidebar .monaco-sash.horizontal').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect()).map((box) => ({ x: box.x, y: box.y, width: box.width, height: box.height })));
    const sash = sashes.filter((box) => box.width > 0).sort((a, b) => Math.abs(a.y - header.y) - Math.abs(b.y - header.y))[0];
    // Only the screenshots' room depends on it: without a sash found there, the pane keeps its height.
    if (!sash || Math.abs(sash.y - header.y) > 6) return;
    await page.mouse.move(sash.x + sash.width / 2, sash.y + sash.height / 2);
    await page.mouse.down();
    await page.mouse.move(sash.x + sash.width / 2, y, { steps: 8 });
    await page.mouse.up();
  }

  /** Runs a row's inline action (shown on hover) by its title. */
  async function inlineAction(row: Locator, title: string): Promise<void> {
    await row.hover();
    await row.locator(`.action-label[aria-label="${title}"]`).click();
  }

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    // The explorer's file connected the local emulator: its demo lists in us-east-1.
    await treeRow(page, 'demo-scale-to-zero').first().waitFor({ state: 'visible', timeout: 60_000 });
    await statusBar('SageMaker: local emulator · us-east-1').waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('offers Scan All Regions in the view\'s welcome, below the Endpoints view', async () => {
    await expandPane(regionsPane());
    const welcome = regionsPane().locator('.welcome-view-content');
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await welcome.innerText(), /endpoints that bill in regions nobody looks at/);
    await widenSideBar(page, 640);
    await growRegionsPane(330);
    await screenshot(page, 'regionsui-01-welcome');
  });

  it('scans from the view: the region rows appear, eu-west-1 says always on and idle', async () => {
    await regionsPane().locator('a.monaco-button', { hasText: 'Scan All Regions' }).click();
    const euWest1 = regionRow('eu-west-1');
    await euWest1.waitFor({ state: 'visible', timeout: 60_000 });
    await regionRow('us-west-2').waitFor({ state: 'visible' });
    await regionRow('us-east-1').waitFor({ state: 'visible' });
    assert.match(await euWest1.innerText(), /1 endpoint · 1 instance · \$\d+\.\d\d\/h · 1 always on · 1 idle 7\+ days/);
    assert.match(await regionRow('us-west-2').innerText(), /2 endpoints · 1 instance · \$\d+\.\d\d\/h · 1 always on/);
    await regionsPane().locator('.monaco-list-row[role=treeitem]', { hasText: /regions without endpoints/ }).waitFor({ state: 'visible' });
    // The summary in the view's header once the scan finished.
    await regionsPane().locator('.pane-header', { hasText: /\d+ regions · \$\d+\.\d\d\/h now · scanned \d\d:\d\d/ }).waitFor({ state: 'visible', timeout: 30_000 });
    await euWest1.click();
    const forgotten = regionRow('forgotten-llm');
    await forgotten.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await forgotten.innerText(), /1 × ml\.g5\.2xlarge · \$\d+\.\d\d\/h · always on · idle 7\+ days/);
    await screenshot(page, 'regionsui-02-scanned');
  });

  it('switches the explorer to eu-west-1 in one click on the row: the tree lists forgotten-llm', async () => {
    await inlineAction(regionRow('eu-west-1'), 'Show in Explorer');
    await statusBar('SageMaker: local emulator · eu-west-1').waitFor({ state: 'visible', timeout: 30_000 });
    const listed = endpointsPane().locator('.monaco-list-row[role=treeitem]', { hasText: 'forgotten-llm' });
    await listed.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await endpointsPane().locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-scale-to-zero' }).count(), 0, 'us-east-1\'s endpoints are not listed in eu-west-1');
    await screenshot(page, 'regionsui-03-explorer-in-eu-west-1');
  });

  it('switches back to us-east-1 from its row, and leaves the view collapsed for the files after this one', async () => {
    await inlineAction(regionRow('us-east-1'), 'Show in Explorer');
    await statusBar('SageMaker: local emulator · us-east-1').waitFor({ state: 'visible', timeout: 30_000 });
    await endpointsPane().locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-scale-to-zero' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Collapse eu-west-1 and the pane: the files after this one find the demo's rows in the Endpoints view only.
    const euWest1 = regionRow('eu-west-1');
    if ((await euWest1.getAttribute('aria-expanded')) === 'true') await euWest1.click();
    await regionsPane().locator('.pane-header').click();
    assert.equal(await regionsPane().locator('.pane-header').getAttribute('aria-expanded'), 'false');
    assert.equal(await treeRow(page, 'forgotten-llm').count(), 0, 'no row of the scan is left in the side bar');
  });
});
