// `npm run soak`: the full long run. 100 endpoints with auto-refresh through 48 simulated hours of
// scale-in/scale-out cycles, a refresh every simulated 5 minutes (576 refreshes), in both account
// modes (small: read whole; big: the lazy path with the tree's visible page, incremental lists and
// reconciles). The heap (after gc; node runs with --expose-gc) must keep a fitted slope under
// 0.25 MB per simulated hour over 48 hourly samples; timers, handles and the log must stay flat.
// The UI layer's soak runs inside VS Code: test/extension-host/treeSoak.test.ts.
import * as assert from 'node:assert/strict';
import { type AccountMode, flatnessProblems, heapSlopeMbPerHour, longRun } from './longRun';

for (const mode of ['small', 'big'] as AccountMode[]) {
  describe(`soak: 48 simulated hours, ${mode} account`, function () {
    this.timeout(30 * 60_000);

    it(`stays flat over 48 simulated hours with 100 endpoints (${mode} account)`, async () => {
      const result = await longRun({ simulatedHours: 48, endpoints: 100, tickMinutes: 5, sampleEveryHours: 1, mode });
      for (const sample of result.samples) {
        console.log(`  hour ${String(sample.hour).padStart(2)}: heap ${sample.heapMb.toFixed(2)} MB, ${sample.timeouts} timers, ${sample.handles} handles, ${sample.refreshes} refreshes, ${sample.logLines} log lines`);
      }
      console.log(`  heap slope ${heapSlopeMbPerHour(result.samples).toFixed(4)} MB per simulated hour (least squares over ${result.samples.length} samples)`);
      assert.ok(result.gcAvailable, 'run node with --expose-gc (npm run soak does)');
      assert.equal(result.lazy, mode === 'big', `the ${mode} account path`);
      assert.equal(result.endpoints, 100);
      assert.equal(result.refreshes, 48 * 12);
      assert.deepEqual(flatnessProblems(result, { heapSlopeMbPerHour: 0.25, minSamples: 40 }), []);
    });
  });
}
