import * as assert from 'node:assert/strict';
import { idleTimeoutUndoesWake } from '../../../src/lifecycle/idleTimeoutWake';
import { wakeAlarm } from '../../support/accountFixtures';
import { idleAlarm, idleScaling } from '../../support/idleTimeoutFixtures';

describe('a wake no request asked for, beside an idle timeout', () => {
  it('says the idle timeout in ALARM sets 0 copies again within a minute, and what to do instead', () => {
    const text = idleTimeoutUndoesWake('ic', idleScaling({ alarms: [wakeAlarm(), idleAlarm({ state: 'ALARM' })] }));
    assert.match(text ?? '', /^Its idle timeout \(5 minutes\) is in ALARM: .* sets 0 copies again within about a minute\. Send a request .*Set Idle Timeout…/);
  });

  it('says nothing when a request arrived lately (the alarm is OK), its actions are off, or there is no idle timeout', () => {
    assert.equal(idleTimeoutUndoesWake('ic', idleScaling({ alarms: [wakeAlarm(), idleAlarm({ state: 'OK' })] })), undefined);
    assert.equal(idleTimeoutUndoesWake('ic', idleScaling({ alarms: [wakeAlarm(), idleAlarm({ state: 'ALARM', actionsEnabled: false })] })), undefined);
    assert.equal(idleTimeoutUndoesWake('ic', idleScaling({ alarms: [wakeAlarm()] })), undefined);
    assert.equal(idleTimeoutUndoesWake('ic', undefined), undefined);
  });
});
