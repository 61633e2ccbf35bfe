import * as assert from 'node:assert/strict';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { formatReadinessReport } from '../../../src/readiness/readinessReport';
import { endpoint, ic, readyScaling, wakeAlarm } from '../../support/accountFixtures';

describe('formatReadinessReport', () => {
  const at = new Date('2026-11-29T12:00:00Z');

  it('reports a ready endpoint with a pass per check and its cost', () => {
    const text = formatReadinessReport(checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling() }]), at, {
      now: '≈ $1.52/h for 1 × ml.g5.2xlarge',
      saved: 'Saved 12.0 instance-hours',
    });
    assert.match(text, /^# Will ep scale to zero\?\n\n✓ \*\*Ready\*\*/);
    assert.match(text, /_Checked 2026-11-29 12:00:00 UTC\._/);
    assert.doesNotMatch(text, /✗ fail/);
    assert.match(text, /## Inference component ic\n/);
    assert.match(text, /## Cost\n\n- Now: ≈ \$1\.52\/h for 1 × ml\.g5\.2xlarge\n- Saved 12\.0 instance-hours\n$/);
  });

  it('marks failures with what to do, and escapes table separators in AWS text', () => {
    const trap = wakeAlarm({ name: 'a|b', comparisonOperator: 'GreaterThanThreshold', statistic: 'Sum', period: 60 });
    const text = formatReadinessReport(checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling({ alarms: [trap] }) }]), at);
    assert.match(text, /✗ \*\*Not ready\*\*/);
    assert.match(text, /\| ✗ fail \| Wakes on a single request \| a\\\|b: It needs 2 or more refused requests within 60 s/);
    assert.match(text, /Use Maximum over 30 s, GreaterThanOrEqualToThreshold 1/);
    assert.doesNotMatch(text, /## Cost/);
  });
});
