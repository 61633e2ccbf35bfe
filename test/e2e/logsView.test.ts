import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteInferenceComponentCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { type AwsClients, createClients } from '../../src/aws/clients';
import { activityBarItem, choose, connectBrowser, emulatorControl, emulatorUrlFromStatusBar, expandRow, openWorkbench, runCommand, runFromContextMenu, screenshot, treeRow, treeRowNamed, waitForQuickInputTitle } from './support/workbench';

const endpointName = 'logsview-e2e-ep';
const componentName = 'logsview-e2e-llama';
const role = 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole';

/**
 * Issue 19, item 1: Show Logs. This file's own endpoint (made through the SDK on the emulator the
 * extension started) has no container yet: its logs view says the group does not exist. A component is
 * added; with follow on, the container's startup lines arrive as the emulator's clock moves, each with
 * its instance and copy; invocations add their access lines; a CloudWatch filter keeps only those, a
 * broken one is refused in words. The component's row opens its own view.
 */
describe('Show Logs: a container\'s logs followed in VS Code (installed from the .vsix)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let page: Page;
  let clients: AwsClients | undefined;
  let emulatorUrl: string;
  const control = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => emulatorControl(emulatorUrl, method, path, body);
  const logsFrame = (): FrameLocator => page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
  const lines = () => logsFrame().locator('[data-testid="log-line"]');

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
        ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 1 } }],
      }),
    );
    await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: `${endpointName}-config` }));
    await control('POST', 'clock', { advanceSeconds: 600 });
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    await treeRowNamed(page, endpointName).waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    // The file's own resources go (the demo's stay).
    await clients?.sageMaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: componentName })).catch(() => undefined);
    if (emulatorUrl) await control('POST', 'clock', { advanceSeconds: 600 }).catch(() => undefined);
    await clients?.sageMaker.send(new DeleteEndpointCommand({ EndpointName: endpointName })).catch(() => undefined);
    await clients?.sageMaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: `${endpointName}-config` })).catch(() => undefined);
    clients?.destroy();
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    await page?.close();
    await browser?.close();
  });

  it('from the palette, an endpoint with no container yet: the view says the log group does not exist and why', async () => {
    await runCommand(page, 'SageMaker Scale to Zero: Show Logs');
    await waitForQuickInputTitle(page, 'Show the logs of which endpoint or inference component?');
    await choose(page, endpointName);
    await page.locator('.tab', { hasText: `Logs: ${endpointName}` }).waitFor({ state: 'visible', timeout: 30_000 });
    const notice = logsFrame().locator('[data-testid="log-notice"]');
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await notice.innerText(), new RegExp(`The log group /aws/sagemaker/Endpoints/${endpointName} does not exist yet: no container of endpoint ${endpointName} has started writing logs`));
    assert.equal(await logsFrame().locator('[data-testid="log-follow"]').isChecked(), true, 'follow is on');
    await screenshot(page, 'logsview-group-missing');
  });

  it('follow: the new component\'s startup lines arrive as the clock moves, with instance and copy; invocations add theirs', async () => {
    await clients!.sageMaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: componentName,
        EndpointName: endpointName,
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'demo-llama3-8b-model', ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 24576 } },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );
    // The endpoint's view reads its components' groups as the tree knows them.
    await runCommand(page, 'SageMaker Scale to Zero: Refresh');
    await logsFrame().locator('[data-testid="log-line"]', { hasText: '"GET /ping HTTP/1.1" 200' }).waitFor({ state: 'visible', timeout: 120_000 });
    const texts = await lines().allInnerTexts();
    const startAt = texts.findIndex((text) => text.includes('Starting inference server'));
    assert.ok(startAt >= 0, `the first line of the container: ${texts.join('\n')}`);
    const order = ['Starting inference server', 'Loading model weights', 'Model weights loaded in', 'Application startup complete', '"GET /ping HTTP/1.1" 200'];
    assert.deepEqual(order.map((marker) => texts.findIndex((text) => text.includes(marker)) >= startAt), order.map(() => true));
    assert.ok(order.every((marker, index) => index === 0 || texts.findIndex((text) => text.includes(marker)) > texts.findIndex((text) => text.includes(order[index - 1]))), 'in time order');
    const first = await lines().filter({ hasText: 'Loading model weights' }).first();
    assert.match(await first.locator('.time').innerText(), /^\d{2}:\d{2}:\d{2}\.\d{3}$/);
    assert.match(await first.locator('.instance').innerText(), /^i-/);
    assert.notEqual(await first.locator('.copy').innerText(), '', 'the copy');
    assert.equal(await first.locator('.source').innerText(), componentName, 'an endpoint\'s view names the component');
    assert.equal(await logsFrame().locator('[data-testid="log-notice"]').count(), 0, 'the notice went with the first line');

    for (let i = 0; i < 2; i++) {
      await clients!.runtime.send(new InvokeEndpointCommand({ EndpointName: endpointName, InferenceComponentName: componentName, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hello', parameters: { max_new_tokens: 4 } }) }));
    }
    const invocations = lines().filter({ hasText: '"POST /invocations HTTP/1.1" 200' });
    await invocations.nth(1).waitFor({ state: 'visible', timeout: 90_000 });
    await screenshot(page, 'logsview-follow');
  });

  it('a CloudWatch filter keeps the matching lines; a broken one is refused in words, before anything is sent', async () => {
    const filter = logsFrame().locator('[data-testid="log-filter"]');
    await filter.fill('"POST /invocations"');
    await filter.press('Enter');
    await logsFrame().locator('#log-lines').locator('[data-testid="log-line"]', { hasText: 'Starting inference server' }).waitFor({ state: 'detached', timeout: 30_000 });
    const shown = await lines().allInnerTexts();
    assert.ok(shown.length >= 2, `the invocations: ${shown.join('\n')}`);
    assert.ok(shown.every((text) => text.includes('"POST /invocations HTTP/1.1" 200')), shown.join('\n'));
    await screenshot(page, 'logsview-filter');
    await filter.fill('"POST /invocations');
    await filter.press('Enter');
    const error = logsFrame().locator('#log-filter-error');
    await error.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await error.innerText(), 'A quoted phrase is not closed: add the closing " (double quote).');
    await screenshot(page, 'logsview-filter-refused');
  });

  it('the component\'s row opens its own view (context menu), one panel per resource', async () => {
    await expandRow(page, endpointName);
    await runFromContextMenu(page, treeRowNamed(page, componentName), 'Show Logs');
    await page.locator('.tab', { hasText: `Logs: ${componentName}` }).waitFor({ state: 'visible', timeout: 30_000 });
    await lines().filter({ hasText: 'Application startup complete' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await lines().first().locator('.source').count(), 0, 'one group: no source column');
    await screenshot(page, 'logsview-component');
    assert.equal(await page.locator('.tab', { hasText: 'Logs: ' }).count(), 2);
  });
});
