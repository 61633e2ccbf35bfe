import * as assert from 'node:assert/strict';
import { checkComponent } from '../../../src/readiness/readiness';
import { findIdleTimeout } from '../../../src/resources/idleTimeout';
import { ic, stepPolicy, targetTracking, wakeAlarm } from '../../support/accountFixtures';
import { idleAlarm, idlePolicy, idleScaling, invocationsOnlyIdleAlarm } from '../../support/idleTimeoutFixtures';
import { assessSetup } from '../../../src/wizards/enableScaleToZero/setupAssessment';

const check = (scaling = idleScaling()) => checkComponent({ ic: ic(), scaling });
const byId = (id: string, scaling = idleScaling()) => check(scaling).checks.find((candidate) => candidate.id === id);

describe('readiness of an idle timeout ("sleeps after N idle minutes")', () => {
  it('passes a complete one and names its minutes; the idle policy counts as the scale-in policy', () => {
    const result = check();
    assert.equal(result.verdict, 'ready');
    assert.equal(byId('idleTimeout')?.status, 'pass');
    assert.match(byId('idleTimeout')?.reason ?? '', /^Sleeps after 5 idle minutes: ic-idle-timeout triggers ic-idle-scale-in-to-zero/);
    assert.equal(byId('scaleInPolicy')?.status, 'pass');
    assert.match(byId('scaleInPolicy')?.reason ?? '', /ic-idle-scale-in-to-zero sets 0 copies/);
  });

  it('reads the minutes from the alarm: DatapointsToAlarm × Period (30-second periods; 60 on an older alarm)', () => {
    assert.equal(findIdleTimeout('ic', idleScaling({ alarms: [wakeAlarm(), idleAlarm({ evaluationPeriods: 60, datapointsToAlarm: 60 })] }))?.minutes, 30);
    assert.equal(findIdleTimeout('ic', idleScaling({ alarms: [wakeAlarm(), invocationsOnlyIdleAlarm()] }))?.minutes, 5);
  });

  it('warns that an idle alarm on Invocations alone can undo a wake, and the enable wizard offers to replace it in place', () => {
    const scaling = idleScaling({ alarms: [wakeAlarm(), invocationsOnlyIdleAlarm()] });
    assert.equal(findIdleTimeout('ic', scaling)?.countsRefusedRequests, false);
    assert.equal(findIdleTimeout('ic', idleScaling())?.countsRefusedRequests, true);
    assert.equal(byId('idleTimeout', scaling)?.status, 'warn');
    assert.match(byId('idleTimeout', scaling)?.reason ?? '', /counts only served requests \(Invocations\).*set 0 copies again right after a wake/);
    const repairs = assessSetup(ic(), scaling).repairs;
    assert.deepEqual(repairs.map((repair) => [repair.part, repair.action]), [['idleAlarm', 'update']]);
    assert.match(repairs[0].reasons[0], /counts only served requests/);
    assert.deepEqual(assessSetup(ic(), idleScaling()).repairs, [], 'nothing to repair on the alarm the wizards write');
  });

  it('warns when target tracking still scales in beside the idle alarm', () => {
    const scaling = idleScaling({ policies: [targetTracking, stepPolicy, idlePolicy] });
    assert.equal(byId('idleTimeout', scaling)?.status, 'warn');
    assert.match(byId('idleTimeout', scaling)?.reason ?? '', /ic-target-tracking still scales in \(DisableScaleIn is off\).*not the 5 idle minutes/);
    assert.equal(check(scaling).verdict, 'warnings');
  });

  it('warns when the idle policy is missing, and then fails the scale-in check (nothing sends copies to 0)', () => {
    const scaling = idleScaling({ policies: [{ ...targetTracking, disableScaleIn: true }, stepPolicy] });
    assert.equal(byId('idleTimeout', scaling)?.status, 'warn');
    assert.match(byId('idleTimeout', scaling)?.reason ?? '', /triggers no step policy that sets 0 copies/);
    assert.equal(byId('scaleInPolicy', scaling)?.status, 'fail');
  });

  it('adds no idle check to a setup without one, and does not take the wake alarm or wake policy for one', () => {
    const plain = checkComponent({ ic: ic(), scaling: idleScaling({ policies: [targetTracking, stepPolicy], alarms: [wakeAlarm()] }) });
    assert.equal(plain.checks.find((candidate) => candidate.id === 'idleTimeout'), undefined);
    assert.equal(findIdleTimeout('ic', idleScaling({ alarms: [wakeAlarm()] })), undefined);
    assert.equal(findIdleTimeout('other', idleScaling()), undefined, 'the alarm of another component');
  });
});
