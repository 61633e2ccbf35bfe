// `npm run soak`: the full long run. 100 endpoints with auto-refresh through 48 simulated hours of
// scale-in/scale-out cycles, a refresh every simulated 5 minutes (576 refreshes); heap (after gc, node
// runs with --expose-gc), timers, handles, listeners and the log must stay flat.
import * as assert from 'node:assert/strict';
import { flatnessProblems, longRun } from './longRun';

describe('soak: 48 simulated hours', function () {
  this.timeout(15 * 60_000);

  it('stays flat over 48 simulated hours with 100 endpoints', async () => {
    const result = await longRun({ simulatedHours: 48, endpoints: 100, tickMinutes: 5, sampleEveryHours: 4 });
    for (const sample of result.samples) {
      console.log(`  hour ${String(sample.hour).padStart(2)}: heap ${sample.heapMb.toFixed(1)} MB, ${sample.timeouts} timers, ${sample.handles} handles, ${sample.refreshes} refreshes, ${sample.logLines} log lines`);
    }
    assert.ok(result.gcAvailable, 'run node with --expose-gc (npm run soak does)');
    assert.equal(result.endpoints, 100);
    assert.equal(result.refreshes, 48 * 12);
    assert.deepEqual(flatnessProblems(result, { heapGrowthMb: 20 }), []);
  });
});
