import * as assert from 'node:assert/strict';
import { classifyEndpoint, hourlyCost, isIdle, notScaleToZeroReasons, type ComponentFacts } from '../../../src/regions/scan/endpointClassification';
import { type ScalableTargetSnapshot } from '../../../src/resources/resourceSnapshots';
import { endpoint, ic, pooledEndpoint } from '../../support/accountFixtures';

const dayMs = 86_400_000;
const now = Date.parse('2026-11-29T12:00:00Z');
const target = (minCapacity: number): ScalableTargetSnapshot => ({ resourceId: 'inference-component/ic', minCapacity, maxCapacity: 2, suspended: false });
const component = (minCapacity: number | undefined, overrides = {}): ComponentFacts => ({ snapshot: ic(overrides), ...(minCapacity === undefined ? {} : { target: target(minCapacity) }) });

describe('a scanned endpoint: can it scale to zero (the readiness rules), what it costs, is it idle', () => {
  it('scales to zero with managed instance scaling down to 0 and every component\'s scalable target at minimum 0', () => {
    assert.deepEqual(notScaleToZeroReasons(endpoint(), [component(0)]), []);
  });

  it('gives the readiness rules\' own words: MinInstanceCount above 0, and the component that keeps the instances', () => {
    const alwaysOn = endpoint({ variants: [{ ...endpoint().variants[0], managedScaling: { enabled: true, min: 1, max: 2 } }] });
    assert.deepEqual(notScaleToZeroReasons(alwaysOn, [component(1)]), [
      'MinInstanceCount is 1: at least that many instances always run and bill.',
      "ic keeps instances alive: The scalable target's MinCapacity is 1: copies never go below 1.",
    ]);
  });

  it('names a component without a scalable target, and one at 0 copies that would stay up once woken', () => {
    assert.deepEqual(notScaleToZeroReasons(endpoint(), [component(undefined)]), ['ic keeps instances alive: No Application Auto Scaling target is registered for its copy count.']);
    const asleep = endpoint({}, { current: 0, desired: 0 });
    assert.deepEqual(notScaleToZeroReasons(asleep, [component(undefined, { currentCopyCount: 0, desiredCopyCount: 0 })]), [
      'ic has 0 copies now, but once a request wakes it, it stays up: No Application Auto Scaling target is registered for its copy count.',
    ]);
  });

  it('says an endpoint that serves a model directly, or has no managed instance scaling, cannot scale to zero', () => {
    const direct = endpoint({ inferenceComponentBased: false, variants: [{ ...endpoint().variants[0], managedScaling: undefined }] });
    assert.deepEqual(notScaleToZeroReasons(direct, []), [
      'Managed instance scaling is not enabled: instances stay up whatever the copies do.',
      'The endpoint serves a model directly: only inference-component endpoints scale to zero.',
    ]);
  });

  it('does not hold an adapter (no copies of its own, no scalable target) against its endpoint', () => {
    const adapter: ComponentFacts = { snapshot: ic({ name: 'tone', baseComponentName: 'ic', currentCopyCount: undefined, desiredCopyCount: undefined }) };
    assert.deepEqual(notScaleToZeroReasons(endpoint(), [component(0), adapter]), []);
  });

  it('prices the running instances at the built-in us-east-1 prices, pools by their own counts, the user\'s prices first', () => {
    assert.equal(hourlyCost(endpoint({}, { current: 2, desired: 2 })), 3.03);
    assert.equal(hourlyCost(endpoint({}, { current: 0, desired: 0 })), 0);
    assert.equal(hourlyCost(endpoint({}, { current: 1, desired: 1 }), { 'ml.g5.2xlarge': 2 }), 2);
    const pooled = pooledEndpoint();
    pooled.variants[0].instancePools = [
      { instanceType: 'ml.g5.2xlarge', priority: 1, currentInstanceCount: 1 },
      { instanceType: 'ml.g6.2xlarge', priority: 2, currentInstanceCount: 2 },
    ];
    assert.equal(hourlyCost(pooled), 3.959, "1.515 + 2 × 1.222");
  });

  it('leaves the cost unknown (not 0) when a running type has no price', () => {
    const unknown = endpoint({ variants: [{ ...endpoint().variants[0], instanceType: 'ml.x9.huge' }] });
    assert.equal(hourlyCost(unknown), undefined);
    const facts = classifyEndpoint({ region: 'eu-west-1', endpoint: unknown, components: [component(0)], invocations: 3 }, { now, idleDays: 7 });
    assert.equal('hourlyUsd' in facts, false);
  });

  it('calls idle only running instances, older than the window, with 0 invocations read', () => {
    const old = now - 8 * dayMs;
    assert.equal(isIdle(1, old, 0, { now, idleDays: 7 }), true);
    assert.equal(isIdle(1, old, 1, { now, idleDays: 7 }), false, 'invoked');
    assert.equal(isIdle(1, old, undefined, { now, idleDays: 7 }), false, 'metrics unknown');
    assert.equal(isIdle(0, old, 0, { now, idleDays: 7 }), false, 'no instance running');
    assert.equal(isIdle(1, now - 6 * dayMs, 0, { now, idleDays: 7 }), false, 'younger than the window');
    assert.equal(isIdle(1, now - 7 * dayMs, 0, { now, idleDays: 7 }), true, 'exactly the window');
  });

  it('classifies a whole endpoint: its types, instances, components and copies', () => {
    const scanned = classifyEndpoint(
      { region: 'eu-west-1', endpoint: endpoint({ creationTime: new Date(now - 12 * dayMs) }), components: [component(0, { currentCopyCount: 1, desiredCopyCount: 1 })], invocations: 0 },
      { now, idleDays: 7 },
    );
    assert.deepEqual(scanned, {
      name: 'ep',
      region: 'eu-west-1',
      status: 'InService',
      instanceTypes: ['ml.g5.2xlarge'],
      runningInstances: 1,
      hourlyUsd: 1.515,
      scalesToZero: true,
      notScaleToZeroReasons: [],
      invocations: 0,
      idle: true,
      createdAt: now - 12 * dayMs,
      components: [{ name: 'ic', status: 'InService', currentCopies: 1, desiredCopies: 1, minCopies: 0 }],
    });
  });
});
