import * as assert from 'node:assert/strict';
import { alarmThatTriggered } from '../../../src/resources/scalingActivityCause';

describe('alarmThatTriggered: the alarm an Application Auto Scaling activity names as its cause', () => {
  it('reads the alarm and the policy from AWS\'s wording, and nothing from other causes', () => {
    assert.deepEqual(alarmThatTriggered({ cause: 'monitor alarm llama-no-capacity-wake in state ALARM triggered policy llama-step-scale-out-from-zero' }), {
      alarm: 'llama-no-capacity-wake',
      policy: 'llama-step-scale-out-from-zero',
    });
    assert.deepEqual(
      alarmThatTriggered({ cause: 'monitor alarm TargetTracking-inference-component/ic-AlarmLow-1b2c in state ALARM triggered policy ic-target-tracking' }),
      { alarm: 'TargetTracking-inference-component/ic-AlarmLow-1b2c', policy: 'ic-target-tracking' },
    );
    for (const cause of ['user request to update desired copy count', 'scheduled action name weekend-sleep was triggered', 'monitor alarm x in state OK triggered policy y', '']) {
      assert.equal(alarmThatTriggered({ cause }), undefined, cause);
    }
  });
});
