// The long run, shortened for `npm test`: 100 endpoints through six simulated hours of scale-in and
// scale-out (the full 48 hours runs under `npm run soak`, test/soak/).
import * as assert from 'node:assert/strict';
import { flatnessProblems, longRun } from '../../soak/longRun';

describe('reliability: long run (short form)', function () {
  this.timeout(60_000);

  it('100 endpoints, 6 simulated hours of scale cycles: refreshes keep up, timers, handles, listeners and the log stay flat', async () => {
    const result = await longRun({ simulatedHours: 6, endpoints: 100, tickMinutes: 15, sampleEveryHours: 1 });
    assert.equal(result.endpoints, 100);
    assert.equal(result.components, 100);
    assert.equal(result.refreshes, 6 * 4);
    assert.ok(result.scaleChanges >= 50);
    assert.deepEqual(flatnessProblems(result, { heapGrowthMb: 30 }), [], JSON.stringify(result.samples));
  });
});
