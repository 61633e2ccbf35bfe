import * as assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { activityBarItem, answer, choose, connectBrowser, expandRow, hoverUntilShown, openWorkbench, runCommand, screenshot, treeRow, waitForQuickInputTitle } from './support/workbench';

/**
 * Issue 17, item 4: the endpoint's settings that decide whether and how soon a wake starts. The create
 * wizard's advanced section asks one page "which to change from AWS's defaults" (the AMI, an ML
 * capacity reservation, metrics published more often), then one question per picked setting, validated
 * as the model does; the plan shows them and the 10-second wake alarm; the created endpoint's tooltip
 * shows what DescribeEndpoint and DescribeEndpointConfig report.
 */
describe('Endpoint settings: AMI, reserved capacity and high-resolution metrics', () => {
  let browser: Browser;
  let page: Page;
  const endpoint = 'wakeep-e2e';
  const reservation = 'arn:aws:sagemaker:us-east-1:123456789012:training-plan/wakeep-g5-plan';
  const quickInput = () => page.locator('.quick-input-widget');
  const listRow = (label: RegExp) => quickInput().locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await activityBarItem(page).click();
    await treeRow(page, 'demo-scale-to-zero').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('the create wizard asks which endpoint settings to change, then only those, validated with the model\'s rules, and the plan sends them', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Create Scale-to-Zero Endpoint…');
    await waitForQuickInputTitle(page, 'Create Scale-to-Zero Endpoint');
    await choose(page, 'demo-llama3-8b-model');
    await choose(page, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    await answer(page, endpoint);
    await choose(page, 'ml.g5.2xlarge');
    await choose(page, 'Change advanced settings…');
    await answer(page); // config name
    await answer(page, '1'); // at most 1 instance
    await choose(page, 'Release an instance once it is empty');
    await choose(page, 'Least outstanding requests');
    await answer(page); // component name
    await answer(page); // 1 GPU
    await answer(page, '16384');
    await answer(page); // CPU cores
    await answer(page); // 1 copy
    await answer(page); // no fallback instance type
    await answer(page); // start settings: none changed

    await waitForQuickInputTitle(page, /Advanced settings \(12\/13\)/);
    assert.equal(await quickInput().locator('input').first().getAttribute('placeholder'), 'Endpoint settings to change from AWS\'s defaults (none: keep all)');
    const listed = await quickInput().locator('.quick-input-list').innerText();
    assert.match(listed, /GPU driver and CUDA version\s*InferenceAmiVersion/);
    assert.match(listed, /driver must run your container's CUDA, or every copy start fails/);
    assert.match(listed, /Reserved capacity \(training plan\)\s*CapacityReservationConfig/);
    assert.match(listed, /Publish metrics more often\s*MetricsConfig/);
    for (const label of [/^GPU driver and CUDA version$/, /^Reserved capacity \(training plan\)$/, /^Publish metrics more often$/]) await listRow(label).click();
    await screenshot(page, 'wakeep-wizard-settings-page');
    await answer(page);

    await waitForQuickInputTitle(page, /Endpoint settings \(1\/3\)/);
    const amis = await quickInput().locator('.quick-input-list').innerText();
    assert.match(amis, /al2-ami-sagemaker-inference-gpu-3-1\s*driver 550, CUDA 12\.4, no compat mount/);
    assert.doesNotMatch(amis, /neuron/, 'no Neuron AMI on a GPU type');
    await screenshot(page, 'wakeep-wizard-ami-page');
    await choose(page, 'al2-ami-sagemaker-inference-gpu-3-1');

    await waitForQuickInputTitle(page, /Endpoint settings \(2\/3\)/);
    const arn = quickInput().locator('input').first();
    await arn.fill('arn:aws:iam::123456789012:role/not-a-reservation');
    await quickInput().locator('.quick-input-message', { hasText: /training-plan/ }).waitFor({ state: 'visible' });
    await screenshot(page, 'wakeep-wizard-reservation-refused');
    await answer(page, reservation);

    await waitForQuickInputTitle(page, /Endpoint settings \(3\/3\)/);
    await choose(page, 'Every 10 s');
    await waitForQuickInputTitle(page, /Advanced settings \(13\/13\)/);
    await choose(page, 'Add the scale-to-zero auto scaling');

    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: 'MetricsConfig' }).waitFor({ state: 'visible', timeout: 30_000 });
    const plan = await document.innerText();
    assert.match(plan, /AMI al2-ami-sagemaker-inference-gpu-3-1 \(NVIDIA driver 550, CUDA 12\.4, CUDA-compat mounting off\), reserved capacity only/);
    assert.match(plan, /InferenceAmiVersion:\s*al2-ami-sagemaker-inference-gpu-3-1/);
    assert.match(plan, /CapacityReservationPreference:\s*capacity-reservations-only/);
    assert.match(plan, /MetricPublishFrequencyInSeconds:\s*10/);
    assert.match(plan, /Maximum over 10 s, >= 1, 1 of 1/);
    assert.match(plan, /a refused request is seen within about 20 s/);
    await screenshot(page, 'wakeep-plan');
    await quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${endpoint}.*done`) }).first().waitFor({ state: 'visible', timeout: 120_000 });
  });

  it('the endpoint\'s tooltip shows the AMI, the reservation with the instances it serves, and the metrics frequency, as AWS reports them', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    // The component's row says the endpoint's details have been read.
    await expandRow(page, endpoint);
    await treeRow(page, `${endpoint}-ic`).filter({ hasText: 'Warm · 1 copy' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Select another row, so the endpoint's is hovered as any row (not the focused one).
    await treeRow(page, 'demo-cold').first().click();
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Managed instance scaling' }).first();
    await hoverUntilShown(page, treeRow(page, endpoint).first().locator('.label-name'), tooltip, 'wakeep');
    const tip = await tooltip.innerText();
    assert.match(tip, /AMI \(driver, CUDA\)\s*al2-ami-sagemaker-inference-gpu-3-1 \(NVIDIA driver 550, CUDA 12\.4, CUDA-compat mounting off\)/, tip);
    assert.match(tip, /Capacity reservation\s*training-plan\/wakeep-g5-plan, reserved instances only \(1 in use by this endpoint\)/, tip);
    assert.match(tip, /Metrics\s*every 10 s, enhanced \(invocation metrics too\)/, tip);
    await screenshot(page, 'wakeep-endpoint-tooltip');
    await page.mouse.move(800, 300);
  });
});
