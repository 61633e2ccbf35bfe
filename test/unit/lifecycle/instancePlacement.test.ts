import * as assert from 'node:assert/strict';
import { describeInstancePools, describePlacement } from '../../../src/lifecycle/instancePlacement';
import { toEndpointSnapshot, toInferenceComponentSnapshot } from '../../../src/aws/snapshots';
import { endpoint, ic, pooledEndpoint } from '../../support/accountFixtures';

describe('where a component\'s copies run on an endpoint with fallback instance types', () => {
  const variant = pooledEndpoint().variants[0];

  it('names the fallback type a wake landed on, with its rank', () => {
    const placed = ic({ placement: [{ instanceType: 'ml.g5.2xlarge', copies: 0 }, { instanceType: 'ml.g6.2xlarge', copies: 1 }] });
    assert.deepEqual(describePlacement(placed, variant), {
      text: 'ml.g6.2xlarge × 1 copy (fallback 2 of 2)',
      types: 'ml.g6.2xlarge',
      detail: 'fallback 2/2 · 1 copy',
      onFallback: true,
    });
  });

  it('names the first choice, and copies split across types in priority order', () => {
    assert.deepEqual(describePlacement(ic({ placement: [{ instanceType: 'ml.g5.2xlarge', copies: 2 }] }), variant), {
      text: 'ml.g5.2xlarge × 2 copies (first choice)',
      types: 'ml.g5.2xlarge',
      detail: 'first choice · 2 copies',
      onFallback: false,
    });
    const split = describePlacement(ic({ placement: [{ instanceType: 'ml.g6.2xlarge', copies: 1 }, { instanceType: 'ml.g5.2xlarge', copies: 1 }] }), variant);
    assert.equal(split?.text, 'ml.g5.2xlarge × 1 copy (first choice), ml.g6.2xlarge × 1 copy (fallback 2 of 2)');
    assert.equal(`${split?.types} | ${split?.detail}`, 'ml.g5.2xlarge, ml.g6.2xlarge | partly fallback · 2 copies');
  });

  it('says nothing when nothing is placed or the endpoint has a single type', () => {
    assert.equal(describePlacement(ic({ placement: [{ instanceType: 'ml.g5.2xlarge', copies: 0 }] }), variant), undefined);
    assert.equal(describePlacement(ic(), endpoint().variants[0]), undefined);
    assert.equal(describeInstancePools(endpoint().variants[0]), undefined);
  });

  it('lists the endpoint\'s types by priority with their running instances', () => {
    assert.equal(describeInstancePools(variant), 'ml.g5.2xlarge (1 running), then ml.g6.2xlarge (0 running)');
  });

  it('reads InstancePools (config and endpoint) and PlacementStatus from AWS\'s answers, sorted by priority', () => {
    const snapshot = toEndpointSnapshot(
      {
        EndpointName: 'ep',
        ProductionVariants: [{ VariantName: 'AllTraffic', InstancePools: [{ InstanceType: 'ml.g6.2xlarge', CurrentInstanceCount: 1 }, { InstanceType: 'ml.g5.2xlarge', CurrentInstanceCount: 0 }] }],
        $metadata: {},
      } as never,
      {
        ProductionVariants: [{ VariantName: 'AllTraffic', InstancePools: [{ InstanceType: 'ml.g6.2xlarge', Priority: 2 }, { InstanceType: 'ml.g5.2xlarge', Priority: 1 }] }],
        $metadata: {},
      } as never,
    );
    assert.equal(snapshot.variants[0].instanceType, 'ml.g5.2xlarge');
    assert.deepEqual(snapshot.variants[0].instancePools, [
      { instanceType: 'ml.g5.2xlarge', priority: 1, currentInstanceCount: 0 },
      { instanceType: 'ml.g6.2xlarge', priority: 2, currentInstanceCount: 1 },
    ]);
    const component = toInferenceComponentSnapshot({
      RuntimeConfig: { CurrentCopyCount: 1, DesiredCopyCount: 1, PlacementStatus: [{ InstanceType: 'ml.g6.2xlarge', CurrentCopyCount: 1 }] },
      $metadata: {},
    } as never);
    assert.deepEqual(component.placement, [{ instanceType: 'ml.g6.2xlarge', copies: 1 }]);
  });
});
