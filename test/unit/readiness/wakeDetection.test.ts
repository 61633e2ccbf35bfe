import * as assert from 'node:assert/strict';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { invocationMetricSeconds, wakeDetectionCheck } from '../../../src/readiness/wakeDetection';
import { type ScalingPolicySnapshot } from '../../../src/resources/resourceSnapshots';
import { endpoint, ic, readyScaling, wakeAlarm } from '../../support/accountFixtures';

const highResolution: ScalingPolicySnapshot = {
  name: 'ic-target-tracking',
  arn: 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:tt',
  type: 'TargetTrackingScaling',
  metric: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
  targetValue: 5,
  alarmNames: [],
};
const standard: ScalingPolicySnapshot = { ...highResolution, metric: 'SageMakerInferenceComponentInvocationsPerCopy' };
const enhanced10 = { enhancedMetrics: true, publishFrequencySeconds: 10 };

describe('readiness: how soon the wake alarm and scaling see requests (issue 17, item 4)', () => {
  it('counts invocation metrics every 60 s unless enhanced metrics apply the frequency to them (the MetricsConfig API reference)', () => {
    assert.equal(invocationMetricSeconds(undefined), 60);
    assert.equal(invocationMetricSeconds({ enhancedMetrics: false, publishFrequencySeconds: 10 }), 60);
    assert.equal(invocationMetricSeconds({ enhancedMetrics: true, publishFrequencySeconds: 30 }), 30);
    assert.equal(invocationMetricSeconds({ enhancedMetrics: true }), 60);
  });

  it('passes the fastest setup: 10-second enhanced metrics and a 10-second alarm, about 20 s', () => {
    const check = wakeDetectionCheck(enhanced10, wakeAlarm({ period: 10 }), highResolution);
    assert.equal(check?.status, 'pass');
    assert.match(check?.reason ?? '', /every 10 s .*10-second wake alarm: a refused request is seen within about 20 s/);
  });

  it('says what AWS\'s default setup costs (60-second metrics, the blog\'s 30-second alarm: up to 90 s, 70 s more) without warning', () => {
    const check = wakeDetectionCheck(undefined, wakeAlarm({ period: 30 }), highResolution);
    assert.equal(check?.status, 'pass');
    assert.match(check?.reason ?? '', /up to 90 s before ic-no-capacity fires: invocation metrics every 60 s \(AWS's default without MetricsConfig\.EnableEnhancedMetrics.*20 s \(70 s sooner\)/);
  });

  it('warns about a 60-second wake alarm (up to 120 s, 100 s more) and about target tracking on the 1-minute metric (50 s later)', () => {
    const slowAlarm = wakeDetectionCheck(undefined, wakeAlarm({ period: 60 }), highResolution);
    assert.equal(slowAlarm?.status, 'warn');
    assert.match(slowAlarm?.reason ?? '', /^A slower setup is in place\. A refused request can wait up to 120 s .*60-second alarm periods.*\(100 s sooner\)/);
    assert.match(slowAlarm?.fix ?? '', /MetricPublishFrequencyInSeconds 10/);
    const slowTracking = wakeDetectionCheck(enhanced10, wakeAlarm({ period: 10 }), standard);
    assert.equal(slowTracking?.status, 'warn');
    assert.match(slowTracking?.reason ?? '', /SageMakerInferenceComponentInvocationsPerCopy, a 1-minute metric: a burst after a wake is noticed up to 50 s later/);
    const slowMetrics = wakeDetectionCheck({ enhancedMetrics: true, publishFrequencySeconds: 300 }, wakeAlarm({ period: 30 }), highResolution);
    assert.equal(slowMetrics?.status, 'warn');
    assert.match(slowMetrics?.reason ?? '', /up to 330 s/);
  });

  it('is one of the component\'s checks, with the endpoint\'s MetricsConfig, and absent when there is no wake alarm', () => {
    const withMetrics = checkEndpoint(endpoint({ metricsConfig: enhanced10 }), [{ ic: ic(), scaling: readyScaling({ alarms: [wakeAlarm({ period: 10 })] }) }]);
    const check = withMetrics.components[0].checks.find((candidate) => candidate.id === 'wakeDetection');
    assert.equal(check?.status, 'pass');
    assert.match(check?.reason ?? '', /about 20 s/);
    const without = checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling({ alarms: [] }) }]);
    assert.equal(without.components[0].checks.find((candidate) => candidate.id === 'wakeDetection'), undefined);
  });
});
