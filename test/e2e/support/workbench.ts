import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`npm run test:e2e\`.`);
  return value;
}

/** The browser the runner (scripts/test-e2e.mjs) launched, and the workbench it serves. */
export async function connectBrowser(): Promise<Browser> {
  return chromium.connect(required('S2Z_E2E_BROWSER'));
}

/** Opens the VS Code workbench in a fresh page and waits until it is ready. */
export async function openWorkbench(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(required('S2Z_E2E_WORKBENCH'));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.part.activitybar').waitFor({ state: 'visible' });
  return page;
}

/** Saves a full-window screenshot for a person to look at; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(required('S2Z_E2E_SCREENSHOTS'), `${name}.png`);
  await page.mouse.move(800, 300); // no hover tooltip over what the screenshot is about
  await page.screenshot({ path });
  return path;
}

/** Runs a command from the command palette (F1), by its title as the palette shows it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Drags the side bar's edge so that tree rows show their descriptions in screenshots. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const sideBar = await page.locator('.part.sidebar').boundingBox();
  if (!sideBar) throw new Error('The side bar is not visible.');
  const edge = sideBar.x + sideBar.width;
  const y = sideBar.y + sideBar.height / 2;
  await page.mouse.move(edge - 1, y);
  await page.mouse.down();
  await page.mouse.move(sideBar.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/** The open quick input (command palette, quick pick or input box). */
function quickInput(page: Page) {
  return page.locator('.quick-input-widget');
}

/** The quick input's title, e.g. "Create Scale-to-Zero Endpoint (3/19)". */
async function titleText(page: Page): Promise<string> {
  return (await quickInput(page).locator('.quick-input-title').innerText().catch(() => '')).trim();
}

/** Waits until a wizard moved to its next page (its title's step changed) or closed. */
async function nextPage(page: Page, before: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (!(await quickInput(page).isVisible()) || (await titleText(page)) !== before) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`The quick input stayed on "${before}"`);
}

/** Picks the row labelled `label` on the open quick pick page, by filtering then clicking, and waits for the next page. */
export async function choose(page: Page, label: string): Promise<void> {
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  const before = await titleText(page);
  await widget.locator('input').first().fill(label);
  const row = widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await nextPage(page, before);
}

/** Types `value` into the open input page (or keeps its default when undefined), presses Enter, and waits for the next page. */
export async function answer(page: Page, value?: string): Promise<void> {
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  const before = await titleText(page);
  const input = widget.locator('input').first();
  if (value !== undefined) await input.fill(value);
  await input.press('Enter');
  await nextPage(page, before);
}

/** Waits until the quick input shows the given title text (a wizard page's title and step). */
export async function waitForQuickInputTitle(page: Page, text: string | RegExp): Promise<void> {
  await quickInput(page).locator('.quick-input-title', { hasText: text }).waitFor({ state: 'visible', timeout: 30_000 });
}

/** The activity bar's item that opens the extension's view container ("SageMaker Endpoints"). */
export function activityBarItem(page: Page) {
  return page.locator('.part.activitybar .action-item a[aria-label^="SageMaker Endpoints"]');
}

/** The Endpoints view in the side bar. */
export function endpointsView(page: Page) {
  return page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
}

/** A view of the extension's container as a pane (its header and body), by the header's title: "SageMaker Endpoints", "All Regions". */
export function viewPane(page: Page, title: string) {
  return endpointsView(page).locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
}

/** The Endpoints view's own pane (the container also holds the All Regions view). */
export function endpointsPane(page: Page) {
  return viewPane(page, 'SageMaker Endpoints');
}

/** The Endpoints tree's rows whose text contains `text`. */
export function treeRow(page: Page, text: string) {
  return endpointsView(page).locator('.monaco-list-row[role=treeitem]', { hasText: text });
}

/** Waits for the first row with `text` and expands it when it is collapsed. */
export async function expandRow(page: Page, text: string): Promise<void> {
  const target = treeRow(page, text).first();
  await target.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await target.getAttribute('aria-expanded')) === 'false') await target.click();
}

/**
 * The local emulator's URL, as the status bar item's hover names it ("Local SageMaker emulator at
 * http://127.0.0.1:<port>"): how a test reaches the control API of the emulator the extension started.
 */
export async function emulatorUrlFromStatusBar(page: Page): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: 'SageMaker: local emulator' });
  await item.waitFor({ state: 'visible', timeout: 60_000 });
  await item.hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Local SageMaker emulator at' }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  const text = await hover.innerText();
  const url = /(http:\/\/[\w.-]+:\d+)/.exec(text)?.[1];
  if (!url) throw new Error(`The status bar's hover names no emulator URL: ${text}`);
  await page.mouse.move(800, 300);
  return url;
}

/**
 * Hovers `target` until `tooltip` shows, up to three times: a tree refresh that repaints the row under
 * the pointer (the emulator's demo moves on its own clock) drops a hover that had begun.
 */
export async function hoverUntilShown(page: Page, target: Locator, tooltip: Locator, name: string): Promise<void> {
  for (let attempt = 0; attempt < 3 && !(await tooltip.isVisible()); attempt++) {
    await page.mouse.move(800, 300);
    await page.waitForTimeout(500);
    await target.hover();
    await tooltip.waitFor({ state: 'visible', timeout: 8_000 }).catch(() => undefined);
  }
  if (!(await tooltip.isVisible())) {
    await screenshot(page, `${name}-tooltip-missing`);
    throw new Error(`No tooltip for ${name}; hovers shown: ${JSON.stringify(await page.locator('.monaco-hover, .workbench-hover').allInnerTexts())}`);
  }
}

/** The Endpoints tree's row whose name is exactly `name` (not a longer name that contains it). */
export function treeRowNamed(page: Page, name: string): Locator {
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return endpointsView(page).locator('.monaco-list-row[role=treeitem]', { has: page.locator('.label-name', { hasText: exact }) });
}

/** Right-clicks `row` and runs the entry of its context menu whose text contains `entry` (hovered, then Enter, as VS Code's menus take it). */
export async function runFromContextMenu(page: Page, row: Locator, entry: string): Promise<void> {
  await row.first().click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item', { hasText: entry }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.hover();
  await page.keyboard.press('Enter');
}

/** A call to the emulator's control API (`/__emulator/<path>`): fails unless it answers 200; returns its JSON. */
export async function emulatorControl(emulatorUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulatorUrl}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} /__emulator/${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as unknown;
}
