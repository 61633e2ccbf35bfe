import * as assert from 'node:assert/strict';
import { startSettingsRows } from '../../../src/lifecycle/startSettingsRows';
import type { DescribeInferenceComponentCommandOutput } from '@aws-sdk/client-sagemaker';
import { toInferenceComponentSnapshot } from '../../../src/aws/snapshots';

describe('an inference component\'s start settings, as its tooltip rows read them from Describe', () => {
  const described = (specification: Omit<NonNullable<DescribeInferenceComponentCommandOutput['Specification']>, 'ModelName'>) =>
    toInferenceComponentSnapshot({
      $metadata: {},
      InferenceComponentName: 'ic',
      InferenceComponentArn: 'arn:aws:sagemaker:us-east-1:123456789012:inference-component/ic',
      EndpointName: 'ep',
      EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep',
      CreationTime: new Date(0),
      LastModifiedTime: new Date(0),
      InferenceComponentStatus: 'InService',
      Specification: { ModelName: 'm', ...specification },
    });

  it('reads StartupParameters, DataCacheConfig and SchedulingConfig, and shows each as a row', () => {
    const snapshot = described({
      StartupParameters: { ModelDataDownloadTimeoutInSeconds: 600, ContainerStartupHealthCheckTimeoutInSeconds: 900 },
      DataCacheConfig: { EnableCaching: true },
      SchedulingConfig: { PlacementStrategy: 'SPREAD', AvailabilityZoneBalance: { EnforcementMode: 'PERMISSIVE', MaxImbalance: 1 } },
    });
    assert.deepEqual(snapshot.startSettings, {
      downloadTimeoutSeconds: 600,
      healthCheckTimeoutSeconds: 900,
      caching: true,
      placementStrategy: 'SPREAD',
      zoneBalance: { enforcementMode: 'PERMISSIVE', maxImbalance: 1 },
    });
    assert.deepEqual(startSettingsRows(snapshot.startSettings), [
      { label: 'Start timeouts', value: 'download 600 s, health check 900 s' },
      { label: 'Data cache', value: 'on: a copy restarted on its instance skips the download' },
      { label: 'Placement', value: 'SPREAD, zones balanced within 1 (PERMISSIVE)' },
    ]);
  });

  it('reads an absent DataCacheConfig as caching off and an absent SchedulingConfig as SageMaker\'s default', () => {
    const rows = startSettingsRows(described({}).startSettings);
    assert.deepEqual(rows, [
      { label: 'Start timeouts', value: "download SageMaker's default, health check SageMaker's default" },
      { label: 'Data cache', value: 'off' },
      { label: 'Placement', value: "SageMaker's default (no SchedulingConfig)" },
    ]);
  });

  it('shows no rows when the specification was not read', () => {
    assert.deepEqual(startSettingsRows(undefined), []);
  });
});
