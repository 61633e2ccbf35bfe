import * as assert from 'node:assert/strict';
import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateInferenceComponentCommand, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { type AwsClients, createClients } from '../../src/aws/clients';
import { activityBarItem, choose, connectBrowser, emulatorUrlFromStatusBar, openWorkbench, runCommand, screenshot } from './support/workbench';

const endpointName = 'pg-gone-ep';
const componentName = 'pg-gone-ic';

/**
 * Issue 15, item 2: the playground open on a component that is then deleted from the tree says so
 * plainly, turns Invoke off and closes on request. The endpoint and component are this file's own
 * (made through the SDK on the emulator the extension started), so no other file's resources go.
 * Default window and side-bar sizes.
 */
describe('Playground: its component deleted from the tree (installed from the .vsix)', function () {
  this.timeout(240_000);
  let browser: Browser;
  let page: Page;
  let clients: AwsClients | undefined;
  let view: FrameLocator;
  const tree = () => page.locator('[id="workbench.view.extension.sagemakerScaleToZero"]');
  const row = (name: string) => tree().locator('.monaco-list-row[role=treeitem]', { has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });

  before(async () => {
    browser = await connectBrowser();
    page = await openWorkbench(browser);
    // Editors an earlier file left open (a restored playground) go: this file's playground is the one shown.
    await runCommand(page, 'View: Close All Editors');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    clients?.destroy();
    await page?.close();
    await browser?.close();
  });

  /** Right-clicks a tree row and runs one entry of its context menu (hovered, then Enter, as VS Code's menus take it). */
  async function fromContextMenu(name: string, entry: string): Promise<void> {
    await row(name).click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: entry });
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await item.hover();
    await page.keyboard.press('Enter');
  }

  it('opens the playground on a component of its own, warm', async () => {
    await activityBarItem(page).click();
    await tree().locator('.monaco-list-row[role=treeitem]', { hasText: 'demo-cold' }).waitFor({ state: 'visible', timeout: 60_000 });

    clients = await createClients({ kind: 'localEmulator', endpoint: await emulatorUrlFromStatusBar(page), region: 'us-east-1' });
    const sageMaker = clients.sageMaker;
    await sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: `${endpointName}-config`,
        ExecutionRoleArn: 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole',
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstanceType: 'ml.g5.xlarge',
            InitialInstanceCount: 1,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 1 },
            RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
          },
        ],
      }),
    );
    await sageMaker.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: `${endpointName}-config` }));
    for (let tries = 0; (await sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }))).EndpointStatus !== 'InService'; tries++) {
      assert.ok(tries < 120, 'the endpoint is in service within a minute');
      await page.waitForTimeout(500);
    }
    await sageMaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: componentName,
        EndpointName: endpointName,
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'demo-embeddings-model', ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 4096 } },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );

    // The tree shows it (after its next refresh); the user opens the playground from the component's row.
    await row(endpointName).waitFor({ state: 'visible', timeout: 60_000 });
    await row(endpointName).click();
    await row(componentName).waitFor({ state: 'visible', timeout: 60_000 });
    await fromContextMenu(componentName, 'Open Playground');
    await page.locator('.tab', { hasText: `Playground: ${componentName}` }).waitFor({ state: 'visible', timeout: 30_000 });
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#title', { hasText: componentName }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.locator('#status', { hasText: 'Warm · 1/1 copy' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await view.locator('#invoke').getAttribute('disabled'), null, 'Invoke is on');
    await screenshot(page, 'item2-1-playground-warm');
  });

  it('after the endpoint is deleted from the tree, says the component is gone, Invoke is off, and Close closes the tab', async () => {
    await fromContextMenu(endpointName, 'Delete Endpoint…');
    await choose(page, 'Keep the models');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog.innerText(), new RegExp(`Delete inference component ${componentName}[\\s\\S]*Delete endpoint ${endpointName}`));
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: `Deleted ${endpointName}` }).waitFor({ state: 'visible', timeout: 90_000 });
    await row(endpointName).waitFor({ state: 'detached', timeout: 60_000 });

    // The playground, still open, follows.
    await view.locator('#status', { hasText: 'Gone' }).waitFor({ state: 'visible', timeout: 30_000 });
    const gone = await view.locator('#gone').innerText();
    assert.match(gone, new RegExp(`${componentName} no longer exists: (it was deleted \\(or its endpoint was\\)|its endpoint ${endpointName} was deleted)\\.`));
    assert.doesNotMatch(await view.locator('#status').innerText(), /Warm/);
    // vscode-button and vscode-checkbox are custom elements: off is their `disabled` attribute.
    assert.equal(await view.locator('#invoke').getAttribute('disabled'), '', 'Invoke is off');
    assert.equal(await view.locator('#stream').getAttribute('disabled'), '', 'Stream is off');
    assert.equal(await view.locator('#wake-now').getAttribute('disabled'), '', 'Wake now is off');
    await screenshot(page, 'item2-2-playground-gone');

    await view.locator('#close').click();
    await page.locator('.tab', { hasText: `Playground: ${componentName}` }).waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, 'item2-3-playground-closed');
  });
});
