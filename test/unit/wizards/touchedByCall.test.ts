import * as assert from 'node:assert/strict';
import { touchedByCall } from '../../../src/wizards/plans/touchedByCall';
import { touchedByResource, touchedByTeardownStep } from '../../../src/resources/touchedResources';

describe('what a plan\'s call changed, for the tree (issue 15, item 10)', () => {
  it('CreateEndpoint names its endpoint; CreateModel and CreateEndpointConfig no row', () => {
    assert.deepEqual(touchedByCall({ creates: { kind: 'endpoint', name: 'ep' } }, { EndpointName: 'ep', EndpointConfigName: 'cfg' }), { endpoints: ['ep'], components: [] });
    assert.deepEqual(touchedByCall({ creates: { kind: 'model', name: 'm' } }, { ModelName: 'm' }), { endpoints: [], components: [] });
    assert.deepEqual(touchedByCall({ creates: { kind: 'endpointConfig', name: 'cfg' } }, { EndpointConfigName: 'cfg' }), { endpoints: [], components: [] });
  });

  it('CreateInferenceComponent names its component and its endpoint', () => {
    assert.deepEqual(
      touchedByCall({ creates: { kind: 'inferenceComponent', name: 'ic' } }, { InferenceComponentName: 'ic', EndpointName: 'ep', VariantName: 'AllTraffic' }),
      { endpoints: ['ep'], components: ['ic'] },
    );
  });

  it('the scaling calls name their component by ResourceId, an alarm by its InferenceComponentName dimension', () => {
    const resourceId = 'inference-component/ic';
    assert.deepEqual(touchedByCall({}, { ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: 'x' }), { endpoints: [], components: ['ic'] });
    assert.deepEqual(touchedByCall({}, { PolicyName: 'p', ResourceId: resourceId }), { endpoints: [], components: ['ic'] });
    assert.deepEqual(
      touchedByCall({ creates: { kind: 'alarm', name: 'wake' } }, { AlarmName: 'wake', Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }, { Name: 'Other', Value: 'x' }] }),
      { endpoints: [], components: ['ic'] },
    );
  });

  it('a schedule names the component its target acts on (the JSON it sends), and a bad Input names nothing', () => {
    const Target = { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', RoleArn: 'r', Input: JSON.stringify({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }) };
    assert.deepEqual(touchedByCall({ creates: { kind: 'schedule', name: 's', group: 'default' } }, { Name: 's', Target }), { endpoints: [], components: ['ic'] });
    assert.deepEqual(touchedByCall({}, { Name: 's', Target: { ...Target, Input: '{not json' } }), { endpoints: [], components: [] });
  });

  it('a rollback\'s and a teardown\'s resources name their rows', () => {
    assert.deepEqual(touchedByResource({ kind: 'inferenceComponent', name: 'ic' }), { endpoints: [], components: ['ic'] });
    assert.deepEqual(touchedByResource({ kind: 'scalingPolicy', policyName: 'p', resourceId: 'inference-component/ic', scalableDimension: 'x' }), { endpoints: [], components: ['ic'] });
    assert.deepEqual(touchedByResource({ kind: 'alarm', name: 'a' }), { endpoints: [], components: [] });
    assert.deepEqual(touchedByTeardownStep({ kind: 'deleteEndpoint', name: 'ep' }), { endpoints: ['ep'], components: [] });
    assert.deepEqual(touchedByTeardownStep({ kind: 'deleteAlarms', names: ['a'] }), { endpoints: [], components: [] });
  });
});
