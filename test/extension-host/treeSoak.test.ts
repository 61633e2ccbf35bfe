// The long run's UI layer, short: the Endpoints view's real tree provider (getChildren and getTreeItem
// over the whole tree, every tick) on a big account (the inventory's lazy path), through simulated
// hours of scale cycles on the extension's own local emulator. The heap (after gc) must stay flat:
// its least-squares slope over every sample, in MB per simulated hour. The plain-Node long runs
// (test/soak/longRun.ts) cover the data layer for 6 (npm test) and 48 (npm run soak) simulated hours.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { setCopyCount } from '../../src/aws/resourceActions';
import { type ExtensionApi } from '../../src/extension';
import { type ExplorerNode } from '../../src/explorer/ui/treeNodes';
import { heapSlopeMbPerHour, heapSlopeProblem, type HeapSample } from '../soak/heapSlope';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';

/** The extension host runs without --expose-gc: V8's flag, set now, exposes gc to a new context. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  assert.equal(typeof gc, 'function', 'gc could not be exposed: no heap check without it');
  return gc as () => void;
}

describe('Endpoints view over simulated hours (UI layer soak, short)', function () {
  this.timeout(5 * 60_000);
  let api: ExtensionApi;
  let emulatorUrl: string;

  async function control(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${emulatorUrl}/__emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.text());
  }

  /** Every row of the tree, as VS Code would render it: children of each row, and each row's item. */
  async function walk(node?: ExplorerNode): Promise<number> {
    let rows = 0;
    for (const child of await api.explorer.getChildren(node)) {
      const item = api.explorer.getTreeItem(child);
      assert.ok(item.label !== undefined, 'every row has a label');
      rows += 1;
      if (child.kind === 'endpoint' || child.kind === 'inferenceComponent') rows += await walk(child);
    }
    return rows;
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0, scenario: 'empty' });
    const active = api.connections.current;
    assert.ok(active?.emulator, 'the local emulator is connected');
    emulatorUrl = active.emulator.url;
  });

  after(async () => {
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('walks the whole tree every tick of 4 simulated hours on a big account: the heap stays flat', async () => {
    const gc = exposeGc();
    const endpoints = 40;
    await control('seed', { endpoints, inferenceComponents: endpoints, prefix: 'tree', coldEvery: 3 });
    const active = api.connections.current!;
    const inventory = active.inventory;
    // The emulator runs in this process: its metrics grow with simulated time until their 3-hour
    // retention. Past it first, so the heap sampled is the extension's.
    await control('clock', { advanceSeconds: 3.5 * 3600 });
    await inventory.refresh({ full: true });
    await walk();
    await inventory.whenIdle();
    assert.equal(inventory.isLazy, true, 'the big-account path');

    const names = inventory.endpoints().flatMap((entry) => inventory.componentsOf(entry.summary.name).map((component) => component.summary.name));
    assert.equal(names.length, endpoints);
    const tickMinutes = 5;
    const hours = 4;
    const samples: HeapSample[] = [];
    let rows = 0;
    for (let tick = 0; tick < (hours * 60) / tickMinutes; tick++) {
      const minute = tick * tickMinutes;
      if (minute % 60 === 0) {
        const hour = minute / 60;
        for (const name of names.filter((_, index) => index % 10 === hour % 10)) await setCopyCount(active.clients, name, hour % 2 === 0 ? 0 : 1);
      }
      await control('clock', { advanceSeconds: tickMinutes * 60 });
      await inventory.refresh();
      await walk();
      await inventory.whenIdle();
      rows = await walk();
      gc();
      gc();
      samples.push({ hour: (minute + tickMinutes) / 60, heapMb: process.memoryUsage().heapUsed / 1024 / 1024 });
    }
    // Each endpoint row, its component's row and that component's scalable-target row (the seeded account has no other scaling).
    assert.equal(rows, endpoints * 3, 'the walk reached every component\'s details');
    const measured = { samples: samples.length, slopeMbPerHour: heapSlopeMbPerHour(samples), heapMb: samples.map((sample) => Number(sample.heapMb.toFixed(2))) };
    console.log(`  UI soak: ${JSON.stringify(measured)}`);
    // The measurement, for a report (S2Z_TREE_SOAK_OUT=file npm run test:extension-host).
    if (process.env.S2Z_TREE_SOAK_OUT) writeFileSync(process.env.S2Z_TREE_SOAK_OUT, JSON.stringify(measured));
    assert.equal(heapSlopeProblem(samples, { heapSlopeMbPerHour: 1, minSamples: 24 }), undefined, samples.map((sample) => sample.heapMb.toFixed(2)).join(' '));
  });
});
