import * as assert from 'node:assert/strict';
import { releaseTailCost } from '../../../src/cost/releaseTail';

const now = new Date('2026-12-07T14:00:00Z');

describe('cost lens: the tail of instances not yet released (issue 17 item 2)', () => {
  it('counts instances × hourly price × the time left until the release', () => {
    // 2 × ml.g5.12xlarge ($7.09/h) for 30 minutes: $7.09.
    const tail = releaseTailCost({ instances: 2, instanceType: 'ml.g5.12xlarge', by: new Date('2026-12-07T14:30:00Z') }, now);
    assert.equal(tail.usd, 7.09);
    assert.equal(tail.hourlyUsd, 14.18);
    assert.equal(tail.description, '≈ $7.09 more until they are released ($14.18/h)');
  });

  it('uses the user\'s price, counts nothing for a release already due, and says per hour when no end is known', () => {
    assert.equal(releaseTailCost({ instances: 1, instanceType: 'ml.g5.2xlarge', by: new Date('2026-12-07T15:00:00Z') }, now, { 'ml.g5.2xlarge': 2 }).usd, 2);
    assert.equal(releaseTailCost({ instances: 1, instanceType: 'ml.g5.2xlarge', by: new Date('2026-12-07T13:00:00Z') }, now).usd, 0);
    assert.equal(releaseTailCost({ instances: 1, instanceType: 'ml.g5.2xlarge' }, now).description, '$1.52 every hour until their copies scale in');
    assert.equal(releaseTailCost({ instances: 1, instanceType: 'ml.nothing' }, now).description, 'no price known for ml.nothing');
  });
});
