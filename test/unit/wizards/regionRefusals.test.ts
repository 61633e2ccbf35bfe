import * as assert from 'node:assert/strict';
import { explainRegionRefusal } from '../../../src/wizards/plans/regionRefusals';
import { type PlanStep } from '../../../src/wizards/plans/plan';

const refused = Object.assign(new Error('Min instance count needs to be greater than 0 for enabled managed instance scaling'), { name: 'ValidationException' });

function configStep(instanceType: string): PlanStep {
  return {
    id: 'createEndpointConfig',
    service: 'sagemaker',
    operation: 'CreateEndpointConfig',
    description: 'Create endpoint config cfg',
    input: { EndpointConfigName: 'cfg', ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: instanceType, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 1 } }] },
    creates: { kind: 'endpointConfig', name: 'cfg' },
  };
}

describe('a region\'s refusal of MinInstanceCount 0, in plain words (issue 17 item 5)', () => {
  it('names the setting, the region and both ways out, with what MinInstanceCount 1 costs a month', () => {
    const refusal = explainRegionRefusal(refused, configStep('ml.g5.12xlarge'), 'ap-southeast-3');
    assert.ok(refusal);
    assert.equal(refusal.short, 'SageMaker in ap-southeast-3 refused MinInstanceCount 0, so the endpoint cannot scale to zero there');
    assert.match(refusal.message, /endpoint config cfg/);
    assert.equal(refusal.wayOut, 'another region, or MinInstanceCount 1 (about $5175.70 a month)');
    // ml.g5.12xlarge: $7.09/h × 730 h.
    assert.match(refusal.message, /one ml\.g5\.12xlarge then always runs, about \$5175\.70 a month \(\$7\.09\/h × 730 h/);
    assert.match(refusal.message, /Nothing that bills was created before the refusal/);
    assert.match(refusal.message, /another region \(users report that us-east-1 accepts it\)/);
    // In us-east-1 itself, no region is suggested by name.
    assert.match(explainRegionRefusal(refused, configStep('ml.g5.12xlarge'), 'us-east-1')?.message ?? '', /in another region, or set MinInstanceCount to 1/);
  });

  it('says so when the type has no price, and leaves every other error to the usual wording', () => {
    assert.match(explainRegionRefusal(refused, configStep('ml.r8g.large'), 'eu-west-3')?.message ?? '', /one ml\.r8g\.large then always runs and bills \(no price known for it\)/);
    assert.equal(explainRegionRefusal(new Error('MinInstanceCount must be less than or equal to MaxInstanceCount.'), configStep('ml.g5.2xlarge'), 'eu-west-3'), undefined);
  });
});
