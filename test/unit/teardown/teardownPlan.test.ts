import * as assert from 'node:assert/strict';
import { describeTeardownProgress, describeTeardownStep, planTeardown, teardownNotes } from '../../../src/teardown/teardownPlan';
import { endpoint, ic, readyScaling, wakeAlarm } from '../../support/accountFixtures';

describe('planTeardown', () => {
  it('knows a target-tracking alarm by its policy\'s Alarms, whatever its name (issue 16, item 5: the TargetTracking- prefix is not confirmed)', () => {
    const scaling = readyScaling();
    scaling.alarms = [readyScaling().alarms[0], { ...readyScaling().alarms[0], name: 'ic-target-tracking-high' }];
    scaling.policies = scaling.policies.map((policy) => (policy.type === 'TargetTrackingScaling' ? { ...policy, alarmNames: ['ic-target-tracking-high'] } : policy));
    const steps = planTeardown({ components: [{ ic: ic(), scaling }], deleteModels: false });
    assert.deepEqual(
      steps.find((step) => step.kind === 'deleteAlarms'),
      { kind: 'deleteAlarms', names: ['ic-no-capacity'] },
    );
  });

  it('takes a whole endpoint down in the safe order', () => {
    const scaling = readyScaling({
      alarms: [
        readyScaling().alarms[0],
        { ...readyScaling().alarms[0], name: 'TargetTracking-inference-component/ic-AlarmLow-1' },
      ],
      schedules: [{ name: 'ic-sleep', group: 'default', expression: 'cron(0 18 ? * FRI *)', enabled: true, action: { kind: 'setCopyCount', inferenceComponentName: 'ic', copyCount: 0 } }],
    });
    const steps = planTeardown({ components: [{ ic: ic(), scaling }], endpoint: endpoint(), deleteModels: true });
    assert.deepEqual(steps.map((step) => step.kind), [
      'deleteSchedule',
      'deleteAlarms',
      'deregisterScalableTarget',
      'deleteInferenceComponent',
      'deleteEndpoint',
      'deleteEndpointConfig',
      'deleteModel',
    ]);
    // Target-tracking alarms go with their policy; only the user's alarm is deleted explicitly.
    assert.deepEqual(steps[1], { kind: 'deleteAlarms', names: ['ic-no-capacity'] });
    assert.equal(describeTeardownStep(steps[2]), 'Deregister scalable target inference-component/ic (and its scaling policies)');
  });

  it('keeps an endpoint config that other endpoints use, and says which and why', () => {
    const input = { components: [{ ic: ic(), scaling: readyScaling() }], endpoint: endpoint(), deleteModels: false, configUsers: ['twin', 'triplet'] };
    const kinds = planTeardown(input).map((step) => step.kind);
    assert.ok(kinds.includes('deleteEndpoint'));
    assert.ok(!kinds.includes('deleteEndpointConfig'), kinds.join(', '));
    assert.deepEqual(teardownNotes(input), [
      `Endpoint config ${endpoint().configName} is kept: endpoints twin, triplet also use it, and deleting it would leave them unable to scale or update.`,
    ]);
    assert.deepEqual(teardownNotes({ ...input, configUsers: [] }), []);
  });

  it('deletes only an inference component and what serves it, keeping endpoint and models', () => {
    const steps = planTeardown({ components: [{ ic: ic(), scaling: readyScaling() }], deleteModels: false });
    assert.deepEqual(steps.map((step) => step.kind), ['deleteAlarms', 'deregisterScalableTarget', 'deleteInferenceComponent']);
  });

  it('deletes every IC of an endpoint before the endpoint', () => {
    const steps = planTeardown({
      components: [
        { ic: ic({ name: 'a' }), scaling: readyScaling({ target: undefined, alarms: [] }) },
        { ic: ic({ name: 'b' }), scaling: readyScaling({ target: undefined, alarms: [] }) },
      ],
      endpoint: endpoint({ configName: undefined }),
      deleteModels: false,
    });
    assert.deepEqual(steps.map(describeTeardownStep), ['Delete inference component a', 'Delete inference component b', 'Delete endpoint ep']);
  });

  it('words each step of a running teardown the way the progress notification and the log show it', () => {
    const step = { kind: 'deleteEndpoint', name: 'ep' } as const;
    assert.deepEqual(
      (['started', 'done', 'alreadyGone', 'failed'] as const).map((state) => describeTeardownProgress({ step, state })),
      ['Delete endpoint ep…', 'Delete endpoint ep: done.', 'Delete endpoint ep: already gone.', 'Delete endpoint ep: failed.'],
    );
  });
});

describe('planTeardown with adapters', () => {
  it('deletes adapters before their base, with the adapters\' wake alarms', () => {
    const adapter = ic({ name: 'tone', baseComponentName: 'ic', currentCopyCount: undefined, desiredCopyCount: undefined, modelName: undefined });
    const adapterScaling = { policies: [], alarms: [wakeAlarm({ name: 'tone-no-capacity-wake', dimensions: { InferenceComponentName: 'tone' } })], activities: [], schedules: [], scheduledActions: [] };
    const steps = planTeardown({ components: [{ ic: ic(), scaling: readyScaling() }, { ic: adapter, scaling: adapterScaling }], endpoint: endpoint(), deleteModels: true });
    assert.deepEqual(
      steps.filter((step) => step.kind === 'deleteInferenceComponent').map((step) => (step.kind === 'deleteInferenceComponent' ? step.name : '')),
      ['tone', 'ic'],
    );
    assert.deepEqual(steps.find((step) => step.kind === 'deleteAlarms'), { kind: 'deleteAlarms', names: ['ic-no-capacity', 'tone-no-capacity-wake'] });
    // No scalable target for the adapter, and only the base's model.
    assert.equal(steps.filter((step) => step.kind === 'deregisterScalableTarget').length, 1);
    assert.deepEqual(steps.filter((step) => step.kind === 'deleteModel'), [{ kind: 'deleteModel', name: 'ic-model' }]);
  });
});
