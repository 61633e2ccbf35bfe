import * as assert from 'node:assert/strict';
import { agentText, literal } from '../../../src/agentTools/reading/accountRows';
import { formatCostAnswer, totalLine, type CostRow } from '../../../src/agentTools/reading/getCost';
import { formatReadinessAnswer } from '../../../src/agentTools/reading/getReadiness';
import { formatWakesAnswer } from '../../../src/agentTools/reading/getRecentWakes';
import { type EndpointRows, filterEndpoints, formatEndpointList, maxEndpointsListed } from '../../../src/agentTools/reading/listEndpoints';
import { formatSchedulesAnswer } from '../../../src/agentTools/reading/listSchedules';
import { currentBurn } from '../../../src/cost/costLens';
import { type AlarmHistoryEntry } from '../../../src/aws/alarmHistory';
import { explainWake } from '../../../src/diagnosis/coldStart/wakePhases';
import { type ComponentEntry } from '../../../src/explorer/inventory/inventory';
import { deriveLifecycle } from '../../../src/lifecycle/lifecycle';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { type EndpointSnapshot, type InferenceComponentScaling, type InferenceComponentSnapshot, type ScheduleSnapshot } from '../../../src/resources/resourceSnapshots';
import { endpoint, ic, now, pooledEndpoint, readyScaling } from '../../support/accountFixtures';

const label = 'local emulator at http://127.0.0.1:4566';

/** An inventory row of a component, its lifecycle derived as the inventory derives it. */
function componentEntry(snapshot: InferenceComponentSnapshot, scaling: InferenceComponentScaling | undefined, on: EndpointSnapshot): ComponentEntry {
  return {
    summary: { name: snapshot.name, endpointName: snapshot.endpointName, status: snapshot.status } as ComponentEntry['summary'],
    snapshot,
    scaling,
    lifecycle: deriveLifecycle({ ic: snapshot, endpoint: on, activities: scaling?.activities, now }),
  };
}

function endpointRows(snapshot: EndpointSnapshot, components: { ic: InferenceComponentSnapshot; scaling?: InferenceComponentScaling }[]): EndpointRows {
  const entries = components.map((component) => componentEntry(component.ic, component.scaling, snapshot));
  return {
    entry: { summary: { name: snapshot.name, status: snapshot.status } as EndpointRows['entry']['summary'], snapshot },
    components: entries,
    readiness: checkEndpoint(snapshot, components.filter((component) => component.scaling).map((component) => ({ ic: component.ic, scaling: component.scaling! })), { now }),
  };
}

describe('read tools: answers from snapshots (issue 21)', () => {
  describe('literal', () => {
    it('shows a name as a code span, whatever it holds', () => {
      assert.equal(literal('demo-llama3-8b'), '`demo-llama3-8b`');
      assert.equal(literal('a`b'), '``a`b``');
      assert.equal(literal('`x'), '`` `x ``');
      assert.equal(literal('![x](https://h/p.png)\nnext'), '`![x](https://h/p.png) next`');
    });
  });

  describe('agentText', () => {
    it('keeps names readable and neutralizes images, links, HTML, emphasis, cells and math', () => {
      assert.equal(agentText("demo-llama3-8b keeps instances alive: MinCapacity is 1 (run \"Enable Scale to Zero\")."), "demo-llama3-8b keeps instances alive: MinCapacity is 1 (run \"Enable Scale to Zero\").");
      assert.equal(agentText('![x](https://h/p.png) [c](command:x) <img src=y> *a* _b_ | $m$ ~s~ `c` &lt; \\'), '\\!\\[x\\](https://h/p.png) \\[c\\](command:x) \\<img src=y\\> \\*a\\* \\_b\\_ \\| \\$m\\$ \\~s\\~ \\`c\\` \\&lt; \\\\');
      assert.equal(agentText('line\nbreak'), 'line break');
    });
  });

  describe('listEndpoints', () => {
    const warm = endpointRows(pooledEndpoint(), [{ ic: ic({ name: 'llama' }), scaling: readyScaling() }]);
    const cold = endpointRows(endpoint({ name: 'quiet' }, { current: 0, desired: 0 }), [
      { ic: ic({ name: 'embed', endpointName: 'quiet', currentCopyCount: 0, desiredCopyCount: 0 }), scaling: readyScaling({ target: { resourceId: 'inference-component/embed', minCapacity: 0, maxCapacity: 1 } }) },
      { ic: ic({ name: 'Other-Model', endpointName: 'quiet', currentCopyCount: 0, desiredCopyCount: 0 }), scaling: undefined },
    ]);

    it('words each endpoint and component as the tree does: state, counts, price, readiness, target, idle timeout', () => {
      const answer = formatEndpointList([warm, cold], {}, { label, overrides: {} });
      assert.equal(answer.split('\n')[0], `Endpoints (\`${label}\`)`);
      assert.match(answer, /^2 endpoints\.$/m);
      assert.ok(answer.includes('- `ep`: Warm (status InService)'), answer);
      assert.ok(answer.includes('  - Instances 1/1 (current/desired), types by priority: ml.g5.2xlarge (1 running), then ml.g6.2xlarge (0 running)'), answer);
      assert.ok(answer.includes(`  - Cost now: ${currentBurn(pooledEndpoint()).description}`), answer);
      assert.ok(answer.includes('    - `llama`: Warm (warm); copies 1/1 (current/desired); scalable target min 0, max 2; no idle timeout'), answer);
      assert.ok(answer.includes('- `quiet`: Cold (status InService)'), answer);
      assert.ok(answer.includes('  - Cost now: $0.00/h: no instance is running'), answer);
      assert.ok(answer.includes('    - `embed`: Cold (cold); copies 0/0 (current/desired); scalable target min 0, max 1; no idle timeout'), answer);
      assert.ok(answer.includes('    - `Other-Model`: Cold (cold); copies 0/0 (current/desired); scaling not read'), answer);
      assert.match(answer, /- `ep`:[\s\S]*Readiness: (ready|not ready|ready, with)/);
    });

    it('filters by a name part of the endpoint or of a component, in any case, and by a component state', () => {
      assert.deepEqual(filterEndpoints([warm, cold], { nameContains: 'OTHER' }).map((row) => [row.entry.summary.name, row.components.map((c) => c.summary.name)]), [['quiet', ['Other-Model']]]);
      assert.deepEqual(filterEndpoints([warm, cold], { nameContains: 'qui' }).map((row) => row.components.length), [2]);
      assert.deepEqual(filterEndpoints([warm, cold], { state: 'warm' }).map((row) => row.entry.summary.name), ['ep']);
      assert.deepEqual(filterEndpoints([warm, cold], { state: 'cold', nameContains: 'embed' }).map((row) => row.components.map((c) => c.summary.name)), [['embed']]);
      assert.deepEqual(filterEndpoints([warm, cold], { state: 'waking' }), []);
      const none = formatEndpointList([warm, cold], { nameContains: 'zzz', state: 'waking' }, { label, overrides: {} });
      assert.match(none, /None of the 2 endpoints has a name containing `zzz` and an inference component in state waking\. Call again without filters/);
      assert.match(formatEndpointList([], {}, { label, overrides: {} }), /No endpoints in this account and region\./);
      assert.match(formatEndpointList([warm, cold], { state: 'cold' }, { label, overrides: {} }), /^1 of 2 endpoints match\.$/m);
    });

    it(`lists at most ${maxEndpointsListed} endpoints and says how many more`, () => {
      const many = Array.from({ length: maxEndpointsListed + 7 }, (_, index) => endpointRows(endpoint({ name: `ep-${index}` }), []));
      const answer = formatEndpointList(many, {}, { label, overrides: {} });
      assert.equal(answer.split('\n').filter((line) => line.startsWith('- `ep-')).length, maxEndpointsListed);
      assert.match(answer, /^- … and 7 more: narrow with nameContains or state\.$/m);
      assert.match(answer, /No inference components\./);
    });
  });

  describe('getReadiness', () => {
    it('gives the verdict, each failing check and warning with where, what was found and what to do, and the passing count', () => {
      const snapshot = endpoint({}, { current: 1, desired: 1 });
      const scaling = readyScaling({ target: { resourceId: 'inference-component/ic', minCapacity: 1, maxCapacity: 2 } });
      const readiness = checkEndpoint(snapshot, [{ ic: ic(), scaling }], { now });
      assert.equal(readiness.verdict, 'notReady');
      const failing = [...readiness.checks, ...readiness.components.flatMap((component) => component.checks)].filter((check) => check.status === 'fail');
      const passing = [...readiness.checks, ...readiness.components.flatMap((component) => component.checks)].filter((check) => check.status === 'pass');
      const answer = formatReadinessAnswer(readiness, label);
      assert.equal(answer.split('\n')[0], `Will \`ep\` scale to zero? (\`${label}\`)`);
      assert.ok(answer.includes('✗ **Not ready**: it will not scale to zero, or will not wake again, until the failing checks are fixed.'));
      assert.ok(answer.includes(`To fix (${failing.length}):`));
      for (const check of failing) {
        assert.ok(answer.includes(`- **${check.title}** (Inference component \`ic\`)`) || answer.includes(`- **${check.title}** (Endpoint \`ep\`)`), check.title);
        if (check.fix) assert.ok(answer.includes('What to do: '), check.id);
      }
      assert.match(answer, /Found: .*MinCapacity/);
      assert.ok(answer.includes(`Passing checks: ${passing.length} (`), answer);
    });
  });

  describe('getCost', () => {
    const rows: CostRow[] = [
      { endpointName: 'a', cost: { now: 'a now', burn: { runningInstances: 1, hourlyUsd: 1.52, description: 'a now' }, saved: 'a saved', savings: { coldHours: 2, savedInstanceHours: 2, savedUsd: 3.04, unreadActivities: 0, description: 'a saved' } } },
      { endpointName: 'b', cost: { now: 'b now', burn: { runningInstances: 2, description: 'b now' }, saved: 'b saved', savings: { coldHours: 0, savedInstanceHours: 0, noEvidence: true, unreadActivities: 0, description: 'b saved' } } },
      { endpointName: 'c', cost: { now: 'c now', burn: { runningInstances: 0, hourlyUsd: 0, description: 'c now' } } },
    ];

    it('adds up what is priced, and says what is not', () => {
      assert.equal(
        totalLine(rows, 7),
        '**Total**: ≈ $1.52/h now for 3 running instances (not counted: 1 endpoint with no known price); saved 2.0 instance-hours (≈ $3.04) over the last 7 days against always-on.',
      );
    });

    it('lists each endpoint\'s lines, the total only for several, and escapes a failure\'s words', () => {
      const answer = formatCostAnswer(rows, { label, days: 7, total: true });
      assert.ok(answer.startsWith(`Cost over the last 7 days (\`${label}\`)\n\n- \`a\`\n  - Now: a now\n  - a saved\n`), answer);
      assert.ok(answer.includes('- `c`\n  - Now: c now\n  - Saved: nothing to estimate (no inference components).'));
      assert.ok(answer.includes('**Total**'));
      assert.ok(!formatCostAnswer(rows.slice(0, 1), { label, days: 1, total: false }).includes('**Total**'));
      const failed = formatCostAnswer([{ endpointName: 'd', cost: { now: 'n', burn: { runningInstances: 0, hourlyUsd: 0, description: 'n' }, saved: 'Savings could not be read: [x](y)' } }], { label, days: 1, total: false });
      assert.ok(failed.includes('Savings could not be read: \\[x\\](y)'), failed);
      assert.match(formatCostAnswer([], { label, days: 7, total: true }), /No endpoints in this account and region: nothing bills\./);
      assert.match(formatCostAnswer(rows, { label, days: 7, total: true, hidden: 4 }), /- … and 4 more: name one endpoint with endpointName\./);
    });
  });

  describe('getRecentWakes', () => {
    const t0 = Date.parse('2026-11-29T12:00:00Z');
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    const alarm: AlarmHistoryEntry = {
      alarmName: 'ic-no-capacity',
      timestamp: at(60),
      type: 'StateUpdate',
      summary: 'Alarm updated from OK to ALARM',
      data: { newState: { stateValue: 'ALARM', stateReasonData: { evaluatedDatapoints: [{ timestamp: at(0).toISOString(), value: 1 }], threshold: 1 } } },
    };
    const activity = (start: number, status = 'Successful') => ({
      id: `a${start}`,
      description: 'Setting desired copy count to 1.',
      cause: 'monitor alarm ic-no-capacity in state ALARM triggered policy ic-step',
      status,
      statusMessage: status === 'Failed' ? 'No capacity for ml.g5.2xlarge.' : undefined,
      startTime: at(start),
      endTime: at(start + 300),
    });
    const stream = 'AllTraffic/i-1/copy-1';
    const lines = (from: number) => [
      { timestamp: at(from), stream, message: 'INFO Starting inference server' },
      { timestamp: at(from + 50), stream, message: 'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080' },
      { timestamp: at(from + 55), stream, message: 'INFO "GET /ping HTTP/1.1" 200 OK' },
      { timestamp: at(from + 57), stream, message: 'INFO "POST /invocations HTTP/1.1" 200 OK' },
    ];

    it('lists each wake newest first with its phases (or why one is missing), then the medians', () => {
      const newer = explainWake({ component: 'ic', activity: activity(3600 * 5, 'Failed'), alarmHistory: [], logEvents: [] });
      const older = explainWake({ component: 'ic', activity: activity(61), alarmHistory: [alarm], logEvents: lines(61 + 200) });
      const answer = formatWakesAnswer([newer, older], { component: 'ic', days: 7, label, wakeAlarmName: 'ic-no-capacity', timeZone: 'UTC' });
      assert.equal(answer.split('\n')[0], `Wakes of \`ic\` from zero copies in the last 7 days (\`${label}\`)`);
      assert.ok(answer.includes('2 wakes, newest first (times in `UTC`). Its wake alarm is `ic-no-capacity`.'), answer);
      const first = answer.indexOf('- **2026-11-29 17:00:00**: failed, no answer recorded');
      const second = answer.indexOf('- **2026-11-29 12:01:01**: succeeded, first answer after 5:18 min (from the first refused request)');
      assert.ok(first > 0 && second > first, answer);
      assert.ok(answer.includes('  - Why it failed: No capacity for ml.g5.2xlarge.'), answer);
      assert.ok(answer.includes('  - Request refused → wake alarm in ALARM: not measured (No wake alarm went to ALARM before this scaling activity'), answer);
      assert.ok(answer.includes('  - Instance provisioning, image pull and model download: 3:20 min'), answer);
      assert.ok(answer.includes('  - Health check: 5.0 s'), answer);
      assert.ok(answer.includes('Medians over 2 wakes:\n- Request refused → wake alarm in ALARM: 1:00 min'), answer);
      assert.ok(answer.endsWith('- Total: 5:18 min'), answer);
    });

    it('says when there was none, and whether a wake alarm would start one', () => {
      assert.match(formatWakesAnswer([], { component: 'ic', days: 1, label, wakeAlarmName: 'ic-no-capacity', timeZone: 'UTC' }), /No wake in the last day: its scaling activities show no change of the copy count from 0\.\nIts wake alarm is `ic-no-capacity`\./);
      assert.match(formatWakesAnswer([], { component: 'ic', days: 3, label, timeZone: 'UTC' }), /No wake in the last 3 days[\s\S]*It has no wake alarm \(NoCapacityInvocationFailures\).*sagemakerScaleToZero_enableScaleToZero/);
    });
  });

  describe('listSchedules', () => {
    const snapshot = endpoint();
    const schedule = (name: string, expression: string, copies: number, enabled = true): ScheduleSnapshot => ({
      name,
      group: 'default',
      expression,
      timezone: 'Europe/Paris',
      enabled,
      action: { kind: 'setCopyCount', inferenceComponentName: 'ic', copyCount: copies },
    });
    const scaling = readyScaling({
      schedules: [schedule('ic-sleep', 'cron(0 18 ? * 6 *)', 0), schedule('ic-wake', 'cron(0 7 ? * 2 *)', 1, false)],
      scheduledActions: [{ name: 'nightly', schedule: 'cron(0 22 * * ? *)', minCapacity: 0, maxCapacity: 0 }],
    });

    it('gives each schedule\'s expression, zone, state, action and next three fire times in its zone', () => {
      // 2026-11-29 is a Sunday: the next Fridays are 12-04, 12-11, 12-18.
      const answer = formatSchedulesAnswer([componentEntry(ic(), scaling, snapshot)], { label, now, named: 'ic' });
      assert.equal(answer.split('\n')[0], `Schedules of \`ic\` (\`${label}\`)`);
      assert.ok(answer.includes('  - Schedule `ic-sleep` (EventBridge Scheduler, group `default`): sets the copy count of `ic` to 0 (sleeps)'), answer);
      assert.ok(answer.includes('    - `cron(0 18 ? * 6 *)` in `Europe/Paris`, enabled; next: Fri 2026-12-04 18:00 Europe/Paris, Fri 2026-12-11 18:00 Europe/Paris, Fri 2026-12-18 18:00 Europe/Paris'), answer);
      assert.ok(answer.includes('    - `cron(0 7 ? * 2 *)` in `Europe/Paris`, disabled; disabled: it does not fire'), answer);
      assert.ok(answer.includes('  - Scheduled action `nightly` (Application Auto Scaling): sets the scalable target\'s MinCapacity 0 and MaxCapacity 0 (sleeps)'), answer);
      assert.ok(answer.includes('    - `cron(0 22 * * ? *)` in `UTC`; next: Sun 2026-11-29 22:00 UTC, Mon 2026-11-30 22:00 UTC, Tue 2026-12-01 22:00 UTC'), answer);
    });

    it('says why an expression has no fire times, and when nothing is scheduled', () => {
      const broken = readyScaling({ schedules: [{ ...schedule('odd', 'cron(nope)', 0), timezone: 'Mars/Olympus' }] });
      assert.match(formatSchedulesAnswer([componentEntry(ic(), broken, snapshot)], { label, now }), /next: Mars\/Olympus is not an IANA time zone name/);
      const none = formatSchedulesAnswer([componentEntry(ic(), readyScaling(), snapshot)], { label, now, named: 'ic' });
      assert.match(none, /`ic` has no schedule: nothing puts it to sleep or wakes it at set times\.\nsagemakerScaleToZero_scheduleWeekendSleep adds/);
      assert.match(formatSchedulesAnswer([componentEntry(ic(), readyScaling(), snapshot)], { label, now }), /No inference component has a schedule \(1 component read\)/);
      assert.match(
        formatSchedulesAnswer([componentEntry(ic(), scaling, snapshot)], { label, now, unread: 1900 }),
        /\n\n1900 more endpoints were not read \(a big account is read on request\): name an inference component with inferenceComponentName/,
      );
    });
  });
});
