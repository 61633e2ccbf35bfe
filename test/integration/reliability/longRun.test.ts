// The long run, shortened for `npm test`: 100 endpoints through six simulated hours of scale-in and
// scale-out, in both account modes (the full 48 hours runs under `npm run soak`, test/soak/). The
// heap check is real: this mocha runs node with --expose-gc (test/integration/.mocharc.json), and
// without gc the check fails instead of being skipped.
import * as assert from 'node:assert/strict';
import { type AccountMode, flatnessProblems, longRun } from '../../soak/longRun';

for (const mode of ['small', 'big'] as AccountMode[]) {
  describe(`reliability: long run (short form), ${mode} account`, function () {
    this.timeout(120_000);

    it(`100 endpoints, 6 simulated hours of scale cycles, a refresh every 5 minutes: refreshes keep up, the heap's fitted slope stays under 0.5 MB per simulated hour, timers, handles and the log stay flat`, async () => {
      const result = await longRun({ simulatedHours: 6, endpoints: 100, tickMinutes: 5, sampleEveryHours: 0.25, mode });
      assert.equal(result.gcAvailable, true, 'node runs with --expose-gc (test/integration/.mocharc.json)');
      assert.equal(result.lazy, mode === 'big', `the ${mode} account path`);
      assert.equal(result.endpoints, 100);
      assert.equal(result.components, mode === 'small' ? 100 : result.components);
      assert.equal(result.refreshes, 6 * 12);
      assert.ok(result.scaleChanges >= 50);
      assert.deepEqual(flatnessProblems(result, { heapSlopeMbPerHour: 0.5, minSamples: 20 }), [], JSON.stringify(result.samples.map((sample) => sample.heapMb.toFixed(2))));
    });
  });
}

describe('reliability: the long run\'s heap check', () => {
  it('fails when gc is not exposed, instead of passing without a heap check', () => {
    const samples = Array.from({ length: 24 }, (_, index) => ({ hour: index / 4, heapMb: 20, timeouts: 1, handles: 5, schedulerTimers: 1, logLines: 0, refreshes: index }));
    const result = { mode: 'small' as const, lazy: false, samples, endpoints: 1, components: 1, refreshes: 24, failedRefreshes: 0, scaleChanges: 0, logLines: 0, gcAvailable: false, mismatches: [] };
    assert.deepEqual(flatnessProblems(result, { heapSlopeMbPerHour: 0.5, minSamples: 20 }), [
      'no heap check: gc is not exposed (run node with --expose-gc; test/integration/.mocharc.json and npm run soak do)',
    ]);
    assert.deepEqual(flatnessProblems({ ...result, gcAvailable: true }, { heapSlopeMbPerHour: 0.5, minSamples: 20 }), []);
    const growing = samples.map((sample) => ({ ...sample, heapMb: 20 + sample.hour * 0.6 + (sample.refreshes % 2) * 0.3 }));
    assert.match(flatnessProblems({ ...result, gcAvailable: true, samples: growing }, { heapSlopeMbPerHour: 0.5, minSamples: 20 })[0], /^the heap grows 0\.6\d\d MB per simulated hour/);
    assert.match(flatnessProblems({ ...result, gcAvailable: true, samples: samples.slice(0, 5) }, { heapSlopeMbPerHour: 0.5, minSamples: 20 })[0], /^only 5 heap samples/);
  });
});
