import * as assert from 'node:assert/strict';
import { toEndpointSnapshot } from '../../../src/aws/snapshots';
import { endpointSettingRows } from '../../../src/lifecycle/endpointSettingRows';
import { type VariantSnapshot } from '../../../src/resources/resourceSnapshots';

const variant = (overrides: Partial<VariantSnapshot> = {}): VariantSnapshot => ({ name: 'AllTraffic', instanceType: 'ml.g5.2xlarge', statuses: [], ...overrides });

describe('the endpoint tooltip\'s AMI, capacity reservation and metrics rows (issue 17, item 4)', () => {
  it('shows only the metrics row, with AWS\'s defaults, when the endpoint sets none of them', () => {
    assert.deepEqual(endpointSettingRows({}, variant()), [{ label: 'Metrics', text: 'AWS\'s defaults: every 60 s, no enhanced metrics' }]);
  });

  it('names the AMI with its driver and CUDA, the reservation with its counts, and the metrics frequency, as Describe* reported them', () => {
    const rows = endpointSettingRows(
      { metricsConfig: { enhancedMetrics: true, publishFrequencySeconds: 10 } },
      variant({
        inferenceAmiVersion: 'al2-ami-sagemaker-inference-gpu-3-1',
        capacityReservation: {
          mlReservationArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-plan/g5-for-wakes',
          preference: 'capacity-reservations-only',
          totalInstanceCount: 2,
          usedByCurrentEndpoint: 1,
          availableInstanceCount: 1,
        },
      }),
    );
    assert.deepEqual(rows, [
      { label: 'AMI (driver, CUDA)', text: 'al2-ami-sagemaker-inference-gpu-3-1 (NVIDIA driver 550, CUDA 12.4, CUDA-compat mounting off)' },
      { label: 'Capacity reservation', text: 'training-plan/g5-for-wakes, reserved instances only (1 of 2 in use by this endpoint, 1 available)' },
      { label: 'Metrics', text: 'every 10 s, enhanced (invocation metrics too)' },
    ]);
  });

  it('says that without enhanced metrics the frequency leaves invocation metrics at 60 s, and shows an AMI it does not know as it is', () => {
    const rows = endpointSettingRows({ metricsConfig: { enhancedMetrics: false, publishFrequencySeconds: 10 } }, variant({ inferenceAmiVersion: 'al2-ami-future' }));
    assert.deepEqual(rows, [
      { label: 'AMI (driver, CUDA)', text: 'al2-ami-future' },
      { label: 'Metrics', text: 'utilization every 10 s; invocation metrics every 60 s (no enhanced metrics)' },
    ]);
  });

  it('reads the AMI from DescribeEndpointConfig, the reservation and MetricsConfig from DescribeEndpoint (the config\'s when the endpoint has none)', () => {
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:training-plan/g5-for-wakes';
    const snapshot = toEndpointSnapshot(
      {
        EndpointName: 'ep',
        ProductionVariants: [{ VariantName: 'AllTraffic', CapacityReservationConfig: { MlReservationArn: arn, CapacityReservationPreference: 'capacity-reservations-only', UsedByCurrentEndpoint: 1 } }],
        MetricsConfig: { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 },
        $metadata: {},
      } as never,
      {
        ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InferenceAmiVersion: 'al2-ami-sagemaker-inference-gpu-3-1', CapacityReservationConfig: { MlReservationArn: arn } }],
        MetricsConfig: { EnableEnhancedMetrics: false },
        $metadata: {},
      } as never,
    );
    assert.equal(snapshot.variants[0].inferenceAmiVersion, 'al2-ami-sagemaker-inference-gpu-3-1');
    assert.deepEqual(snapshot.variants[0].capacityReservation, { mlReservationArn: arn, preference: 'capacity-reservations-only', totalInstanceCount: undefined, availableInstanceCount: undefined, usedByCurrentEndpoint: 1 });
    assert.deepEqual(snapshot.metricsConfig, { enhancedMetrics: true, publishFrequencySeconds: 10 });
    const fromConfig = toEndpointSnapshot({ EndpointName: 'ep', ProductionVariants: [{ VariantName: 'AllTraffic' }], $metadata: {} } as never, { ProductionVariants: [{ VariantName: 'AllTraffic' }], MetricsConfig: { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 30 }, $metadata: {} } as never);
    assert.deepEqual(fromConfig.metricsConfig, { enhancedMetrics: true, publishFrequencySeconds: 30 });
    assert.equal(fromConfig.variants[0].capacityReservation, undefined);
  });
});
