import * as assert from 'node:assert/strict';
import { type ScalingActivitySnapshot } from '../../../src/resources/resourceSnapshots';
import { copyCountChanges, copyCountNamedBy, describeActivity, wakesFromZero } from '../../../src/resources/scalingActivityCopyCount';

const started = new Date('2026-11-29T12:00:00Z');
const activity = (description: string, overrides: Partial<ScalingActivitySnapshot> = {}): ScalingActivitySnapshot => ({
  id: description || 'none',
  description,
  cause: 'monitor alarm ic-no-capacity in state ALARM triggered policy ic-step',
  status: 'InProgress',
  startTime: started,
  ...overrides,
});

describe('what a scaling activity says about the copy count', () => {
  it('reads the count from the emulator wording, the wording AWS documents for ECS, and other "desired ... to N" wordings', () => {
    assert.equal(copyCountNamedBy(activity('Setting desired copy count to 2.')), 2);
    assert.equal(copyCountNamedBy(activity('Setting desired count to 1.')), 1);
    assert.equal(copyCountNamedBy(activity('Setting desired capacity to 0.')), 0);
    assert.equal(copyCountNamedBy(activity('Setting Desired Copy Count to 3')), 3);
  });

  it('reads a successful activity\'s status message when the description names no count, and nothing else', () => {
    assert.equal(copyCountNamedBy(activity('', { status: 'Successful', statusMessage: 'Successfully set desired count to 1. Change successfully fulfilled by sagemaker.' })), 1);
    // An overridden activity's message names the count someone else set, not this activity's.
    assert.equal(copyCountNamedBy(activity('', { status: 'Overridden', statusMessage: 'Desired copy count was changed to 2 before this change completed.' })), undefined);
    assert.equal(copyCountNamedBy(activity('')), undefined);
    assert.equal(copyCountNamedBy(activity('Scaling the inference component.')), undefined);
    assert.equal(copyCountNamedBy(activity('Setting min capacity to 0 and max capacity to 1')), undefined);
  });

  it('knows a wake from the count when the text names one, and from the moment or the cause when it does not', () => {
    assert.equal(wakesFromZero(activity('Setting desired copy count to 1.')), true);
    assert.equal(wakesFromZero(activity('Setting desired copy count to 0.'), { zeroSince: new Date(started.getTime() - 1) }), false);
    const silent = activity('', { cause: 'something happened' });
    assert.equal(wakesFromZero(silent), false, 'no count, no evidence: not claimed');
    assert.equal(wakesFromZero(silent, { zeroSince: new Date(started.getTime() - 1_000) }), true, 'started after the component was known at zero');
    assert.equal(wakesFromZero(silent, { zeroSince: new Date(started.getTime() + 1_000) }), false, 'started before that');
    assert.equal(wakesFromZero(activity(''), { wakeAlarmName: 'ic-no-capacity' }), true, 'its cause names the wake alarm');
    assert.equal(wakesFromZero(activity(''), { wakeAlarmName: 'other-alarm' }), false);
    assert.equal(wakesFromZero(activity('Setting min capacity to 0 and max capacity to 1'), { zeroSince: new Date(0) }), false, 'a change of limits is not the count change');
  });

  it('lists successful changes oldest first, with undefined for a count not named, leaving out changes of limits', () => {
    const changes = copyCountChanges([
      activity('', { status: 'Successful', startTime: new Date('2026-11-29T13:00:00Z') }),
      activity('Setting min capacity to 0 and max capacity to 1', { status: 'Successful', startTime: new Date('2026-11-29T12:30:00Z') }),
      activity('Setting desired capacity to 0.', { status: 'Successful', startTime: new Date('2026-11-29T11:00:00Z'), endTime: new Date('2026-11-29T11:05:00Z') }),
      activity('Setting desired copy count to 1.', { status: 'Failed' }),
    ]);
    assert.deepEqual(changes, [
      { at: new Date('2026-11-29T11:05:00Z'), copies: 0 },
      { at: new Date('2026-11-29T13:00:00Z'), copies: undefined },
    ]);
  });

  it('describes an activity without a description by its status message, or as a scaling activity', () => {
    assert.equal(describeActivity(activity('Setting desired copy count to 1.')), 'Setting desired copy count to 1. (InProgress)');
    assert.equal(describeActivity(activity('', { statusMessage: 'Waiting for SageMaker.' })), 'Waiting for SageMaker. (InProgress)');
    assert.equal(describeActivity(activity('  ')), 'A scaling activity (InProgress)');
  });
});
