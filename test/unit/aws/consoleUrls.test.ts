import * as assert from 'node:assert/strict';
import {
  cloudWatchAlarmConsoleUrl,
  consoleOrigin,
  endpointConsoleUrl,
  inferenceComponentConsoleUrl,
  scheduleConsoleUrl,
} from '../../../src/aws/consoleUrls';

describe('consoleUrls', () => {
  it('uses the regional console host of the commercial partition', () => {
    assert.equal(consoleOrigin('eu-west-1'), 'https://eu-west-1.console.aws.amazon.com');
    assert.equal(consoleOrigin('ap-southeast-4'), 'https://ap-southeast-4.console.aws.amazon.com');
  });

  it('uses the China and GovCloud console hosts', () => {
    assert.equal(consoleOrigin('cn-north-1'), 'https://console.amazonaws.cn');
    assert.equal(consoleOrigin('cn-northwest-1'), 'https://console.amazonaws.cn');
    assert.equal(consoleOrigin('us-gov-west-1'), 'https://console.amazonaws-us-gov.com');
    assert.equal(
      endpointConsoleUrl('cn-northwest-1', 'demo'),
      'https://console.amazonaws.cn/sagemaker/home?region=cn-northwest-1#/endpoints/demo',
    );
    assert.equal(
      cloudWatchAlarmConsoleUrl('us-gov-east-1', 'a'),
      'https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-east-1#alarmsV2:alarm/a',
    );
  });

  it('links to a SageMaker endpoint', () => {
    assert.equal(
      endpointConsoleUrl('us-east-1', 'llama-3-8b-endpoint'),
      'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/endpoints/llama-3-8b-endpoint',
    );
  });

  it('links an inference component to the page of the endpoint that hosts it', () => {
    assert.equal(
      inferenceComponentConsoleUrl('eu-central-1', { endpointName: 'shared-endpoint', inferenceComponentName: 'chat-ic' }),
      'https://eu-central-1.console.aws.amazon.com/sagemaker/home?region=eu-central-1#/endpoints/shared-endpoint',
    );
  });

  it('links to a CloudWatch alarm with its name URL-encoded', () => {
    assert.equal(
      cloudWatchAlarmConsoleUrl('us-west-2', 'TargetTracking-endpoint/demo/variant/AllTraffic-AlarmHigh-1a2b'),
      'https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#alarmsV2:alarm/TargetTracking-endpoint%2Fdemo%2Fvariant%2FAllTraffic-AlarmHigh-1a2b',
    );
    assert.equal(
      cloudWatchAlarmConsoleUrl('us-west-2', 'scale out #1 & more'),
      'https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#alarmsV2:alarm/scale%20out%20%231%20%26%20more',
    );
  });

  it('links to an EventBridge Scheduler schedule in its group', () => {
    assert.equal(
      scheduleConsoleUrl('us-east-2', 'wake-demo-weekdays'),
      'https://us-east-2.console.aws.amazon.com/scheduler/home?region=us-east-2#schedules/default/wake-demo-weekdays',
    );
    assert.equal(
      scheduleConsoleUrl('us-east-2', 'sleep.demo', 'scale-to-zero'),
      'https://us-east-2.console.aws.amazon.com/scheduler/home?region=us-east-2#schedules/scale-to-zero/sleep.demo',
    );
  });

  it('refuses a value that is not a region code instead of building another host', () => {
    assert.throws(() => endpointConsoleUrl('evil.com/x', 'demo'), RangeError);
    assert.throws(() => consoleOrigin(''), RangeError);
    assert.throws(() => scheduleConsoleUrl('us-east-1.attacker', 'x'), RangeError);
  });
});
