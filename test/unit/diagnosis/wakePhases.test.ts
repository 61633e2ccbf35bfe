import * as assert from 'node:assert/strict';
import { type AlarmHistoryEntry } from '../../../src/aws/alarmHistory';
import { type ContainerLogEvent } from '../../../src/aws/containerLogEvents';
import { coldStartReport, coldStartTitle, shortenings } from '../../../src/diagnosis/coldStart/coldStartReport';
import { alarmEntryFor, breachStart, explainWake, phaseMedians } from '../../../src/diagnosis/coldStart/wakePhases';
import { type ScalingActivitySnapshot } from '../../../src/resources/resourceSnapshots';
import { endpoint, ic, pooledEndpoint, wakeAlarm } from '../../support/accountFixtures';

const t0 = Date.parse('2026-11-29T12:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);

/** A StateUpdate to ALARM as CloudWatch writes its HistoryData. */
function toAlarm(seconds: number, breachSeconds: number): AlarmHistoryEntry {
  return {
    alarmName: 'ic-wake',
    timestamp: at(seconds),
    type: 'StateUpdate',
    summary: 'Alarm updated from OK to ALARM',
    data: {
      oldState: { stateValue: 'OK' },
      newState: {
        stateValue: 'ALARM',
        stateReason: 'Threshold Crossed: 1 datapoint [1.0 (29/11/26 12:00:00)] was greater than the threshold (0.0).',
        stateReasonData: { startDate: at(breachSeconds).toISOString(), evaluatedDatapoints: [{ timestamp: at(breachSeconds).toISOString(), value: 1, sampleCount: 1 }], threshold: 0 },
      },
    },
  };
}

function wakeActivity(startSeconds: number, endSeconds: number | undefined, status = 'Successful'): ScalingActivitySnapshot {
  return {
    id: `wake-${startSeconds}`,
    description: 'Setting desired copy count to 1.',
    cause: 'monitor alarm ic-wake in state ALARM triggered policy ic-step',
    status,
    statusMessage: status === 'Successful' ? 'Successfully set desired copy count to 1. Change successfully fulfilled by sagemaker.' : undefined,
    startTime: at(startSeconds),
    endTime: endSeconds === undefined ? undefined : at(endSeconds),
  };
}

/** The container lines of contract §2 for a copy whose stream starts at `t1` and runs `c` seconds to /ping. */
function containerLines(t1: number, c: number, stream = 'AllTraffic/i-0abc/copy-1'): ContainerLogEvent[] {
  const line = (seconds: number, message: string) => ({ timestamp: at(seconds), stream, message });
  return [
    line(t1, 'INFO Starting inference server: image img, model m'),
    line(t1 + 1, 'INFO Loading model weights from /opt/ml/model'),
    line(t1 + c - 6, `INFO Model weights loaded in ${c - 7} s`),
    line(t1 + c - 5, 'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080'),
    line(t1 + c, 'INFO "GET /ping HTTP/1.1" 200 OK'),
    line(t1 + c + 2, 'INFO "POST /invocations HTTP/1.1" 200 OK'),
  ];
}

describe('diagnosis: an explained cold start (issue 19, item 3)', () => {
  it('splits a wake into the phases of contract §5 from the alarm’s history, the activity and the container’s lines', () => {
    // Refused at 0 (the breaching minute), alarm at 75, decision at 76, instance 105 s + download 70 s, container 67 s.
    const wake = explainWake({ component: 'ic', activity: wakeActivity(76, 76 + 105 + 70 + 67), alarmHistory: [toAlarm(75, 0)], logEvents: containerLines(76 + 175, 67) });
    const ms = Object.fromEntries(wake.phases.map((phase) => [phase.id, phase.ms]));
    assert.deepEqual(ms, { alarm: 75_000, decision: 1000, instanceAndDownload: 175_000, modelLoad: 62_000, healthCheck: 5000, firstAnswer: 2000 });
    assert.equal(wake.totalMs, (76 + 175 + 67 + 2) * 1000);
    assert.equal(wake.moments.refusedApproximate, true);
    assert.equal(wake.moments.stream, 'AllTraffic/i-0abc/copy-1');
    assert.equal(wake.outcome, 'succeeded');
  });

  it('takes the refusal’s exact time from the playground when it has it', () => {
    const wake = explainWake({ component: 'ic', activity: wakeActivity(76, 300), alarmHistory: [toAlarm(75, 0)], logEvents: [], refusedAt: at(12) });
    assert.equal(wake.phases[0].ms, 63_000);
    assert.equal(wake.moments.refusedApproximate, false);
  });

  it('leaves out what was not recorded, saying why (Wake now: no alarm; a failed wake: no container line)', () => {
    const wake = explainWake({ component: 'ic', activity: wakeActivity(10, 20, 'Failed'), alarmHistory: [], logEvents: [] });
    assert.equal(wake.outcome, 'failed');
    assert.equal(wake.phases[0].ms, undefined);
    assert.match(wake.phases[0].note!, /No wake alarm went to ALARM/);
    assert.match(wake.phases[2].note!, /wrote no log line/);
    assert.equal(wake.totalMs, undefined);
  });

  it('pairs a wake with the alarm change just before it, not an older or a later one', () => {
    const history = [toAlarm(500, 440), toAlarm(75, 0), toAlarm(-3600, -3660)];
    assert.equal(alarmEntryFor(history, at(76))?.timestamp.getTime(), at(75).getTime());
    assert.equal(breachStart(alarmEntryFor(history, at(76)))?.getTime(), at(0).getTime());
    assert.equal(alarmEntryFor([{ ...toAlarm(75, 0), type: 'Action' }], at(76)), undefined);
  });

  it('reads the new copy’s stream only, ignoring lines of a copy that served before the wake', () => {
    const old = containerLines(-900, 67, 'AllTraffic/i-0old/copy-0');
    const wake = explainWake({ component: 'ic', activity: wakeActivity(76, 400), alarmHistory: [toAlarm(75, 0)], logEvents: [...old, ...containerLines(251, 67)] });
    assert.equal(wake.moments.stream, 'AllTraffic/i-0abc/copy-1');
    assert.equal(wake.phases[2].ms, 175_000);
  });

  it('puts each phase beside the median of the wakes and the announcement, with what would shorten it', () => {
    const wakes = [0, 1, 2].map((index) =>
      explainWake({ component: 'ic', activity: wakeActivity(index * 3600 + 76, index * 3600 + 400), alarmHistory: [toAlarm(index * 3600 + 75, index * 3600)], logEvents: containerLines(index * 3600 + 251 + index * 10, 67) }),
    );
    const medians = phaseMedians(wakes);
    assert.equal(medians.count, 3);
    assert.equal(medians.phases.instanceAndDownload, 185_000);
    const report = coldStartReport(wakes[0], wakes, { component: ic({ startSettings: { caching: false } }), endpoint: endpoint(), wakeAlarm: wakeAlarm({ period: 60 }) }, { days: 7 });
    assert.match(report, new RegExp(`^# ${coldStartTitle(wakes[0]).replace(/[()]/g, '\\$&')}`));
    assert.match(report, /\| Request refused → wake alarm in ALARM \| 1:15 min \| 1:15 min \| 1:00 min \| Wake now .* High-resolution metrics/);
    assert.match(report, /\| Instance provisioning, image pull and model download \| 2:55 min \| 3:05 min \| — \| Data caching .*A fallback instance type/);
    assert.match(report, /\| Health check \| 5\.0 s \| 5\.0 s \| — \| — \|/);
  });

  it('offers only the shortenings that apply to the component’s settings', () => {
    const fast = shortenings({
      component: ic({ startSettings: { caching: true } }),
      endpoint: { ...pooledEndpoint(), metricsConfig: { enhancedMetrics: true, publishFrequencySeconds: 10 } },
      wakeAlarm: wakeAlarm({ period: 10 }),
    });
    assert.equal(fast.alarm.length, 1);
    assert.ok(!fast.instanceAndDownload.some((way) => /caching|fallback/i.test(way)));
    const slow = shortenings({ component: ic({ startSettings: { caching: false } }), endpoint: endpoint(), wakeAlarm: wakeAlarm({ period: 60 }) });
    assert.ok(slow.alarm.some((way) => /High-resolution/.test(way)));
    assert.ok(slow.instanceAndDownload.some((way) => /caching/.test(way)));
    assert.ok(slow.instanceAndDownload.some((way) => /fallback/.test(way)));
  });
});
