import { randomUUID } from 'node:crypto';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { epochSeconds, type AutoScalingDeps } from './operationContext';
import { readPage } from './pagination';
import { readStepScaling, readTargetTracking } from './policyConfigurations';
import { type ScalableTargetRecord, type ScalingPolicyRecord, type StepConfig, type TargetTrackingConfig } from './records';
import { awsValidation, icMetricTypes, variantMetricTypes } from './resourceIds';
import { notFoundOnTarget, readTargetFilter, readTargetKey, requireTarget, sameTarget } from './targetKeys';
import { createTargetTrackingAlarms } from './targetTrackingAlarms';
import { policyNameRule, resourceIdRule } from './namePatterns';

const policyTypes = ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'];

/** PutScalingPolicy, DescribeScalingPolicies and DeleteScalingPolicy. */
export function scalingPolicyOperations({ engine, alarms }: AutoScalingDeps): Record<string, JsonRpcHandler> {
  return {
    PutScalingPolicy: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('PolicyName', { required: true, ...policyNameRule }) ?? '';
      const key = readTargetKey(input);
      const type = input.string('PolicyType', { enum: policyTypes }) ?? 'StepScaling';
      const stepInput = input.object('StepScalingPolicyConfiguration');
      const ttInput = input.object('TargetTrackingScalingPolicyConfiguration');
      const step = stepInput ? readStepScaling(stepInput) : undefined;
      const tt = ttInput ? readTargetTracking(ttInput) : undefined;
      input.object('PredictiveScalingPolicyConfiguration');
      input.finish();
      checkPolicyFitsTarget(requireTarget(engine, key), type, step, tt);
      const existing = engine.state.policies.find((p) => p.name === name && p.resourceId === key.resourceId && p.scalableDimension === key.scalableDimension);
      if (existing) engine.removePolicy(existing);
      const policy: ScalingPolicyRecord = {
        arn:
          existing?.arn ??
          `arn:aws:autoscaling:${context.region}:${context.accountId}:scalingPolicy:${randomUUID()}:resource/${key.serviceNamespace}/${key.resourceId}:policyName/${name}`,
        name,
        ...key,
        policyType: type as ScalingPolicyRecord['policyType'],
        step: type === 'StepScaling' ? step : undefined,
        targetTracking: type === 'TargetTrackingScaling' ? tt : undefined,
        alarms: [],
        creationTime: existing?.creationTime ?? context.now(),
      };
      if (policy.targetTracking) policy.alarms = createTargetTrackingAlarms(alarms, policy, policy.targetTracking, context);
      engine.state.policies.push(policy);
      return { PolicyARN: policy.arn, ...(policy.alarms.length > 0 ? { Alarms: policy.alarms } : {}) };
    },

    DescribeScalingPolicies: (body) => {
      const input = JsonReader.of(body);
      const names = input.stringList('PolicyNames', { max: 50, each: resourceIdRule }) ?? []; // ResourceIdsMaxLen1600
      const matches = readTargetFilter(input);
      const items = engine.state.policies.filter((p) => matches(p) && (names.length === 0 || names.includes(p.name)));
      const { slice, next } = readPage(items, input);
      return { ScalingPolicies: slice.map(describePolicy), ...(next ? { NextToken: next } : {}) };
    },

    DeleteScalingPolicy: (body) => {
      const input = JsonReader.of(body);
      // DeleteScalingPolicy's name is a ResourceIdMaxLen1600 in the model, not a PolicyName.
      const name = input.string('PolicyName', { required: true, ...resourceIdRule }) ?? '';
      const key = readTargetKey(input);
      input.finish();
      const policy = engine.state.policies.find((p) => p.name === name && sameTarget(p, key));
      if (!policy) throw notFoundOnTarget('scaling policy', 'policy name', key, name);
      engine.removePolicy(policy);
      return {};
    },
  };
}

/** The policy type needs its configuration, and a target-tracking metric must suit the target's dimension. */
function checkPolicyFitsTarget(target: ScalableTargetRecord, type: string, step: StepConfig | undefined, tt: TargetTrackingConfig | undefined): void {
  if (type === 'PredictiveScaling') throw awsValidation('Predictive scaling is not supported for sagemaker:inference-component:DesiredCopyCount.');
  if (type === 'StepScaling' && !step) throw awsValidation('StepScalingPolicyConfiguration is required when the policy type is StepScaling');
  if (type === 'TargetTrackingScaling' && !tt) throw awsValidation('TargetTrackingScalingPolicyConfiguration is required when the policy type is TargetTrackingScaling');
  if (step && step.steps.length === 0) throw awsValidation('Step adjustments must not be empty.');
  if (tt) {
    const allowed = target.scalableDimension === 'sagemaker:inference-component:DesiredCopyCount' ? icMetricTypes : variantMetricTypes;
    if (tt.metricType && !allowed.includes(tt.metricType)) {
      throw awsValidation(`The predefined metric type ${tt.metricType} is not supported for the scalable dimension ${target.scalableDimension}.`);
    }
    // Not in the model (both members are optional there): the documentation asks for one of the two.
    if (tt.metricType && tt.customized) throw awsValidation('Specify either PredefinedMetricSpecification or CustomizedMetricSpecification, not both.');
    if (!tt.metricType && !tt.customized) throw awsValidation('Either PredefinedMetricSpecification or CustomizedMetricSpecification must be specified.');
  }
}

function describePolicy(p: ScalingPolicyRecord): JsonObject {
  return {
    PolicyARN: p.arn,
    PolicyName: p.name,
    ServiceNamespace: p.serviceNamespace,
    ResourceId: p.resourceId,
    ScalableDimension: p.scalableDimension,
    PolicyType: p.policyType,
    ...(p.step ? { StepScalingPolicyConfiguration: p.step.document } : {}),
    ...(p.targetTracking ? { TargetTrackingScalingPolicyConfiguration: p.targetTracking.document } : {}),
    Alarms: p.alarms,
    CreationTime: epochSeconds(p.creationTime),
  };
}
