import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type ExplorerNode } from '../../src/explorer/ui/treeNodes';
import { type RegionRow } from '../../src/regions/ui/regionRows';
import { type ScanReport } from '../../src/regions/scan/regionScanModel';
import { regionDeleteEndpointCommand, regionPutToSleepCommand, regionSetUpScaleToZeroCommand } from '../../src/regions/ui/regionActions';
import { cancel, confirm, pick, ScriptedUserInput } from '../support/scriptedUserInput';
import { regionCommandContext } from './support/regionCommandContext';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';

describe('All Regions on the local emulator\'s multi-region demo', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let regions: ReturnType<typeof regionCommandContext>;

  /** The rows as the view shows them: label and description, children by label. */
  function find(rows: readonly RegionRow[], label: string): RegionRow {
    const found = rows.find((row) => row.label === label);
    assert.ok(found, `no row ${label} among ${rows.map((row) => row.label).join(', ')}`);
    return found;
  }

  async function explorerLabels(): Promise<string[]> {
    const children: ExplorerNode[] = await api.explorer.getChildren();
    return children.map((child) => {
      const label = api.explorer.getTreeItem(child).label;
      return String(typeof label === 'object' ? label.label : label);
    });
  }

  async function advance(seconds: number): Promise<void> {
    const response = await fetch(`${api.connections.current!.emulator!.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
    assert.equal(response.status, 200, await response.text());
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    regions = regionCommandContext(api);
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    assert.ok(api.connections.current?.emulator, 'the local emulator is connected');
  });

  after(async () => {
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('Scan All Regions scans the emulator\'s account without a question and lists its regions by cost, the empty ones grouped', async () => {
    // The registered command: on the emulator it asks nothing, and returns its report.
    const report = await vscode.commands.executeCommand<ScanReport>('sagemakerScaleToZero.scanAllRegions');
    assert.ok(report, 'the scan returns its report');
    assert.equal(report.targets.length, 1);
    assert.equal(report.targets[0].target.kind, 'localEmulator');
    assert.equal(report.cancelled, false);
    const rows = api.regions.topRows();
    // One target: no target level. The regions with endpoints by cost, then the rest in one row.
    const withEndpoints = rows.filter((row) => row.contextValue === 'scanRegion').map((row) => row.label);
    assert.deepEqual(withEndpoints.slice().sort(), ['eu-west-1', 'us-east-1', 'us-west-2']);
    const without = rows.find((row) => row.contextValue === 'scanRegionsWithoutEndpoints');
    assert.ok(without, 'the regions without endpoints are grouped');
    assert.match(without.label, /^\d+ regions without endpoints$/);
    assert.equal(without.collapsed, 'collapsed');
    assert.ok(without.children.some((row) => row.label === 'ap-northeast-1'), 'ap-northeast-1 is enabled but empty');
    // The 17 regions AWS enables for every account, and the demo's opt-in ones: none failed.
    assert.ok(report.targets[0].regions.length >= 17, `${report.targets[0].regions.length} regions scanned`);
    assert.ok(report.targets[0].regions.every((region) => region.state === 'done'), 'no region failed');

    const euWest1 = find(rows, 'eu-west-1');
    assert.match(euWest1.description ?? '', /^1 endpoint · 1 instance · \$\d+\.\d\d\/h · 1 always on · 1 idle 7\+ days$/);
    const forgotten = find(euWest1.children, 'forgotten-llm');
    assert.match(forgotten.description ?? '', /^1 × ml\.g5\.2xlarge · \$\d+\.\d\d\/h · always on · idle 7\+ days$/);
    assert.match(forgotten.tooltip ?? '', /created 12 days ago/);
    assert.deepEqual(forgotten.children.map((row) => row.label), ['forgotten-llm-ic']);

    const usWest2 = find(rows, 'us-west-2');
    assert.match(usWest2.description ?? '', /^2 endpoints · 1 instance · \$\d+\.\d\d\/h · 1 always on$/, 'support-bot is busy: not idle');
    assert.match(find(usWest2.children, 'support-bot').description ?? '', /always on$/);
    assert.match(find(usWest2.children, 'nightly-embeddings').description ?? '', /^0 × ml\.g5\.xlarge · \$0\.00\/h · scales to zero$/);
    // Sorted by cost: the region with the most expensive instances first.
    const costs = rows.filter((row) => row.contextValue === 'scanRegion').map((row) => Number(/\$(\d+\.\d\d)\/h/.exec(row.description ?? '')?.[1]));
    assert.deepEqual(costs, [...costs].sort((a, b) => b - a));
  });

  it('Show in Explorer switches the explorer to eu-west-1, keeping the running emulator: the tree lists forgotten-llm', async () => {
    const emulator = api.connections.current!.emulator!;
    const euWest1 = find(api.regions.topRows(), 'eu-west-1');
    const active = await vscode.commands.executeCommand<{ connection: { region: string } }>('sagemakerScaleToZero.regions.showInExplorer', euWest1);
    assert.equal(active?.connection.region, 'eu-west-1');
    assert.equal(api.connections.current?.emulator, emulator, 'the same emulator, not a new one');
    assert.deepEqual(await explorerLabels(), ['forgotten-llm']);
  });

  it('Put to Sleep on forgotten-llm runs Set Copy Count with 0, whose confirmation warns that its instances keep billing', async () => {
    const forgotten = find(find(api.regions.topRows(), 'eu-west-1').children, 'forgotten-llm');
    const script = new ScriptedUserInput([confirm(false)]);
    const result = await regionPutToSleepCommand(regions.context(script))(forgotten);
    assert.deepEqual(result?.results, [undefined], 'declined: nothing set');
    assert.equal(script.confirmations[0].message, 'Set forgotten-llm-ic to 0 copies? Its instances will keep billing.');
    assert.match(script.confirmations[0].detail ?? '', /MinInstanceCount|minimum|keep/i);
    const component = api.connections.current!.inventory.component('forgotten-llm-ic');
    assert.equal(component?.snapshot?.desiredCopyCount ?? component?.snapshot?.currentCopyCount, 1, 'still 1 copy');
  });

  it('Set Up Scale to Zero opens the Enable Scale to Zero wizard on forgotten-llm-ic in eu-west-1, without asking which component', async () => {
    const forgotten = find(find(api.regions.topRows(), 'eu-west-1').children, 'forgotten-llm');
    const script = new ScriptedUserInput([cancel()]);
    await regionSetUpScaleToZeroCommand(regions.context(script))(forgotten);
    assert.equal(script.pages.length, 1, 'one page shown, then cancelled');
    assert.match(script.pages[0].step.title, /^Enable Scale to Zero/);
    assert.ok(!/which inference component/i.test(script.pages[0].text), `the wizard did not ask the component: ${script.pages[0].text}`);
    assert.equal(api.connections.current?.connection.region, 'eu-west-1');
  });

  it('Delete… runs the Delete Endpoint flow with its confirmation, then rescans eu-west-1: it joins the regions without endpoints', async () => {
    const forgotten = find(find(api.regions.topRows(), 'eu-west-1').children, 'forgotten-llm');
    const script = new ScriptedUserInput([pick('Delete the models'), confirm(true)]);
    let settled = false;
    const deletion = regionDeleteEndpointCommand(regions.context(script))(forgotten).finally(() => (settled = true));
    // The clock is frozen: move it on (every region's) while the teardown waits for the component to go.
    for (let tick = 0; tick < 200 && !settled; tick++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await advance(30);
    }
    const result = await deletion;
    assert.deepEqual(script.asked, ['pick: Delete the models too?', 'confirm: Delete endpoint forgotten-llm?'], regions.log.join('\n'));
    assert.ok(result, 'the flow ran');
    // The action rescanned eu-west-1: the endpoint is being deleted, or gone already.
    const after = api.regions.topRows().find((row) => row.label === 'eu-west-1');
    if (after) assert.match(find(after.children, 'forgotten-llm').description ?? '', /^Deleting · /);
    // Once SageMaker finished, the region's rescan (its row's inline action) moves it among the regions without endpoints.
    await advance(600);
    const rescanned = await vscode.commands.executeCommand<ScanReport>('sagemakerScaleToZero.regions.rescanRegion', after ?? { ...forgotten, endpointName: undefined });
    assert.deepEqual(rescanned?.targets[0].regions.map((region) => region.region), ['eu-west-1'], 'only eu-west-1 was scanned again');
    const rows = api.regions.topRows();
    assert.ok(!rows.some((row) => row.label === 'eu-west-1'), 'eu-west-1 has no endpoint row any more');
    const without = rows.find((row) => row.contextValue === 'scanRegionsWithoutEndpoints');
    assert.ok(without?.children.some((row) => row.label === 'eu-west-1'), 'eu-west-1 is now among the regions without endpoints');
    assert.ok(api.regions.state?.running === false, 'the rescan finished');
  });

  it('switches back to us-east-1 from its row: the explorer lists the demo\'s endpoints again', async () => {
    const usEast1 = find(api.regions.topRows(), 'us-east-1');
    await vscode.commands.executeCommand('sagemakerScaleToZero.regions.showInExplorer', usEast1);
    assert.equal(api.connections.current?.connection.region, 'us-east-1');
    assert.ok((await explorerLabels()).includes('demo-scale-to-zero'));
  });
});
