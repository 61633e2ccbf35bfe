import * as assert from 'node:assert/strict';
import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { type Browser, type Page } from 'playwright-core';
import { type AwsClients, createClients } from '../../src/aws/clients';
import { activityBarItem, answer, choose, connectBrowser, emulatorControl, emulatorUrlFromStatusBar, hoverUntilShown, openWorkbench, runCommand, runFromContextMenu, screenshot, treeRow, treeRowNamed, waitForQuickInputTitle } from './support/workbench';

const endpointName = 'e2e-second-ep';
const firstComponent = 'e2e-second-llama';
const secondComponent = 'e2e-second-embeddings';
const role = 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole';

/**
 * Issue 18, item 2: "Add Inference Component…" on an endpoint's row. The endpoint (ml.g5.2xlarge,
 * 0–2 instances) is this file's own, made through the SDK on the emulator the extension started, with
 * one component that holds the instance's one GPU and has no auto scaling. The wizard's copy count page
 * says the new copy needs a second instance (and what it costs), refuses two copies (over
 * MaxInstanceCount), the plan repeats it; the endpoint row then sums both components' copies and its
 * tooltip names the component that keeps the instances alive; deleting the endpoint removes both.
 */
describe('Add Inference Component…: a second model on one endpoint (installed from the .vsix)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let page: Page;
  let clients: AwsClients | undefined;
  let emulatorUrl: string;
  const row = (name: string) => treeRowNamed(page, name);
  const widget = () => page.locator('.quick-input-widget');
  const control = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => emulatorControl(emulatorUrl, method, path, body);
  const fromContextMenu = (name: string, entry: string) => runFromContextMenu(page, row(name), entry);

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    await runCommand(page, 'View: Close All Editors');
    await activityBarItem(page).click();
    await treeRow(page, 'demo-scale-to-zero').first().waitFor({ state: 'visible', timeout: 60_000 });
    emulatorUrl = await emulatorUrlFromStatusBar(page);
    clients = await createClients({ kind: 'localEmulator', endpoint: emulatorUrl, region: 'us-east-1' });
    await clients.sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: `${endpointName}-config`,
        ExecutionRoleArn: role,
        ProductionVariants: [
          { VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 } },
        ],
      }),
    );
    await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: `${endpointName}-config` }));
    await control('POST', 'clock', { advanceSeconds: 300 });
    await clients.sageMaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: firstComponent,
        EndpointName: endpointName,
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'demo-llama3-8b-model', ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 24576 } },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );
    await control('POST', 'clock', { advanceSeconds: 300 });
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    await row(endpointName).first().waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    clients?.destroy();
    await page?.close();
    await browser?.close();
  });

  it('the copy count page says the copy needs a second instance and what it costs, refuses two copies, and the plan says the same', async () => {
    await fromContextMenu(endpointName, 'Add Inference Component…');
    await waitForQuickInputTitle(page, 'Add Inference Component');
    await choose(page, 'demo-embeddings-model');
    await answer(page, secondComponent);
    await answer(page); // 1 GPU
    await answer(page, '8192');
    await answer(page, '1');
    const prompt = widget().locator('.quick-input-message');
    await prompt.filter({ hasText: /Initial copy count/ }).waitFor({ state: 'visible' });
    assert.match(await prompt.innerText(), /No room on the 1 instance running now: the copy needs 1 new ml\.g5\.2xlarge \(managed instance scaling starts it, up to 2\), ≈ \$1\.52\/h more while it runs\./);
    await screenshot(page, 'components-1-copy-count-fit');
    await widget().locator('input').first().fill('2');
    await prompt.filter({ hasText: '2 copies need 3 instances of ml.g5.2xlarge, over MaxInstanceCount 2: at most 1 copy can be placed.' }).waitFor({ state: 'visible' });
    await screenshot(page, 'components-2-copy-count-over-max');
    await answer(page, '1');
    await answer(page); // start settings: the defaults (data cache)
    await choose(page, 'Add the scale-to-zero auto scaling');
    const document = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame').locator('body');
    await document.filter({ hasText: secondComponent }).waitFor({ state: 'visible', timeout: 30_000 });
    const text = await document.innerText();
    assert.match(text, /No room on the 1 instance running now: the copy needs 1 new ml\.g5\.2xlarge/);
    assert.match(text, new RegExp(`Instances are released only when every inference component on ${endpointName} is at 0 copies`));
    assert.match(text, /1 × ml\.g5\.2xlarge ≈ \$1\.52\/h/);
    await screenshot(page, 'components-3-plan');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run the plan' }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /done/ }).first().waitFor({ state: 'visible', timeout: 120_000 });
  });

  it('the endpoint row sums both components\' copies, and its tooltip names the one that keeps the instances alive', async () => {
    await control('POST', 'clock', { advanceSeconds: 300 });
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    const endpointRow = row(endpointName).first();
    await endpointRow.filter({ hasText: 'Warm · 2 copies · 2 inst' }).waitFor({ state: 'visible', timeout: 30_000 });
    if ((await endpointRow.getAttribute('aria-expanded')) === 'false') await endpointRow.click();
    await row(secondComponent).first().waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'components-4-endpoint-row');

    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Keep its instances alive' }).first();
    await hoverUntilShown(page, endpointRow.locator('.label-name'), tooltip, 'second-component');
    const tip = await tooltip.innerText();
    assert.match(tip, /Copies of its 2 components\s*2 copies/, tip);
    assert.match(tip, new RegExp(`Keep its instances alive\\s*${firstComponent} \\(1 copy, no auto scaling\\)`), tip);
    assert.doesNotMatch(tip.split('Keep its instances alive')[1].split('\n')[0], new RegExp(secondComponent), 'the new component can sleep');
    assert.match(tip, new RegExp(`${firstComponent} keeps instances alive`), tip);
    await page.screenshot({ path: `${process.env.S2Z_E2E_SCREENSHOTS}/components-5-endpoint-tooltip.png` });
    await page.mouse.move(800, 300);
  });

  it('the readiness report names the component to change and the change', async () => {
    await fromContextMenu(endpointName, 'Check Scale-to-Zero Readiness');
    const doc = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
    await doc.locator('h1', { hasText: `Will ${endpointName} scale to zero?` }).waitFor({ state: 'visible', timeout: 30_000 });
    const body = await doc.locator('body').innerText();
    assert.match(body, new RegExp(`Found: ${firstComponent} keeps instances alive: No Application Auto Scaling target`), body.slice(0, 600));
    assert.match(body, new RegExp(`What to do: ${firstComponent}: Run "Enable Scale to Zero" on ${firstComponent} to give it a scale-to-zero setup\\.`), body.slice(0, 900));
    await screenshot(page, 'components-6-readiness-report');
    await runCommand(page, 'View: Close All Editors');
  });

  it('deleting the endpoint deletes both components with the new one\'s scaling, then the endpoint', async () => {
    await fromContextMenu(endpointName, 'Delete Endpoint…');
    await choose(page, 'Keep the models');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const detail = await dialog.innerText();
    assert.match(detail, new RegExp(`Deregister scalable target inference-component/${secondComponent}`));
    assert.match(detail, new RegExp(`Delete inference component (${firstComponent}|${secondComponent})[\\s\\S]*Delete inference component (${firstComponent}|${secondComponent})[\\s\\S]*Delete endpoint ${endpointName}`));
    await screenshot(page, 'components-7-delete-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: `Deleted ${endpointName}` }).waitFor({ state: 'visible', timeout: 120_000 });
    await row(endpointName).first().waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, 'components-8-deleted');
  });
});
