import * as assert from 'node:assert/strict';
import { describePendingRelease, describeScaleIn, instancesNeeded, pendingInstanceRelease } from '../../../src/lifecycle/instanceRelease';
import { type EndpointSnapshot, type InferenceComponentSnapshot, type ScaleInPolicySnapshot } from '../../../src/resources/resourceSnapshots';
import { formatAboutTime } from '../../../src/timeDisplay/eventTime';

const now = new Date('2026-12-07T14:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const utc = (date: Date) => formatAboutTime(date, now, 'UTC');

function endpoint(instances: number, scaleIn?: ScaleInPolicySnapshot, overrides: Partial<EndpointSnapshot> = {}): EndpointSnapshot {
  return {
    name: 'ep',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep',
    status: 'InService',
    lastModifiedTime: minutesAgo(120),
    variants: [{ name: 'AllTraffic', instanceType: 'ml.g5.12xlarge', currentInstanceCount: instances, desiredInstanceCount: instances, managedScaling: { enabled: true, min: 0, max: 4, scaleIn }, statuses: [] }],
    ...overrides,
  };
}

function component(name: string, copies: number, gpus: number, changedMinutesAgo: number): InferenceComponentSnapshot {
  return {
    name,
    arn: `arn:aws:sagemaker:us-east-1:123456789012:inference-component/${name}`,
    endpointName: 'ep',
    variantName: 'AllTraffic',
    status: 'InService',
    currentCopyCount: copies,
    desiredCopyCount: copies,
    lastModifiedTime: minutesAgo(changedMinutesAgo),
    compute: { accelerators: gpus, memoryMb: 1024, cpuCores: 1 },
  };
}

describe('instances not yet released: when managed instance scaling gives them back, and why (issue 17 item 2)', () => {
  it('at 0 copies: every instance above the minimum goes the release delay after the last copy left', () => {
    const release = pendingInstanceRelease({ endpoint: endpoint(2), components: [component('a', 0, 1, 4), component('b', 0, 1, 7)], now });
    assert.ok(release);
    assert.equal(release.instances, 2);
    assert.equal(release.by?.toISOString(), '2026-12-07T14:06:00.000Z', 'the last copy left 4 minutes ago: 10 - 4');
    assert.equal(
      describePendingRelease(release, utc),
      '2 instances released by about 14:06, because managed instance scaling releases an instance about 10 minutes after its last copy leaves, and no copy is left.',
    );
  });

  it('a release already due reads as now, not in the past; MinInstanceCount stays', () => {
    const release = pendingInstanceRelease({ endpoint: endpoint(2, undefined, { variants: [{ ...endpoint(2).variants[0], managedScaling: { enabled: true, min: 1, max: 4 } }] }), components: [component('a', 0, 1, 30)], now });
    assert.equal(release?.instances, 1);
    assert.equal(release?.by?.getTime(), now.getTime());
  });

  it('CONSOLIDATION: the surplus goes CooldownInMinutes after the last operation, one more cooldown per further step', () => {
    // Three 1-GPU copies on three 4-GPU instances: one instance holds them.
    const components = [component('a', 3, 1, 5)];
    assert.equal(instancesNeeded(endpoint(3).variants[0], components), 1);
    const one = pendingInstanceRelease({ endpoint: endpoint(3, { strategy: 'CONSOLIDATION', maximumStepSize: 1, cooldownInMinutes: 30 }), components, now });
    assert.equal(one?.instances, 2);
    assert.equal(one?.by?.toISOString(), '2026-12-07T14:55:00.000Z', '25 minutes left of the first cooldown, then a second step 30 later');
    assert.match(describePendingRelease(one!, utc), /^2 instances released by about 14:55, because CONSOLIDATION moves the copies onto 1 instance 30 minutes after the last endpoint operation, releasing up to 1 instance per step\.$/);
    const both = pendingInstanceRelease({ endpoint: endpoint(3, { strategy: 'CONSOLIDATION', maximumStepSize: 2 }), components, now });
    assert.equal(both?.by?.toISOString(), '2026-12-07T14:15:00.000Z', 'the model default cooldown of 20 minutes, one step');
  });

  it('IDLE_RELEASE (or no policy) never moves copies: the surplus stays until its copies scale in, with no time promised', () => {
    for (const policy of [{ strategy: 'IDLE_RELEASE' }, undefined]) {
      const release = pendingInstanceRelease({ endpoint: endpoint(3, policy), components: [component('a', 3, 1, 5)], now });
      assert.equal(release?.instances, 2);
      assert.equal(release?.by, undefined);
      assert.match(describePendingRelease(release!, utc), /^2 instances kept until their copies scale in, because the copies need 1 instance, but .* releases only an instance with no copy left and never moves copies \(CONSOLIDATION would\)\.$/);
    }
  });

  it('nothing to explain: copies filling their instances, an endpoint not InService, managed scaling off, an unknown type', () => {
    assert.equal(pendingInstanceRelease({ endpoint: endpoint(2), components: [component('a', 2, 3, 5)], now }), undefined);
    assert.equal(pendingInstanceRelease({ endpoint: endpoint(2, undefined, { status: 'Updating' }), components: [component('a', 0, 1, 5)], now }), undefined);
    const off = endpoint(2);
    off.variants[0].managedScaling = { enabled: false };
    assert.equal(pendingInstanceRelease({ endpoint: off, components: [component('a', 0, 1, 5)], now }), undefined);
    const unknown = endpoint(3);
    unknown.variants[0].instanceType = 'ml.unknown.xlarge';
    assert.equal(pendingInstanceRelease({ endpoint: unknown, components: [component('a', 1, 1, 5)], now }), undefined);
  });

  it('describes the policy for the endpoint\'s details, with the model defaults filled in', () => {
    assert.equal(describeScaleIn(undefined), 'no ScaleInPolicy: an instance is released once it has no copy');
    assert.equal(describeScaleIn({ strategy: 'IDLE_RELEASE' }), 'IDLE_RELEASE: an instance is released once it has no copy');
    assert.equal(describeScaleIn({ strategy: 'CONSOLIDATION' }), 'CONSOLIDATION: copies move onto fewer instances 20 minutes after the last operation, up to 1 instance released per step');
  });
});
