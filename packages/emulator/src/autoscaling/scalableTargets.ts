import { randomUUID } from 'node:crypto';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type SageMakerStore } from '../sagemaker/store';
import { type JsonRpcHandler, type RequestContext } from '../services/service';
import { epochSeconds, type AutoScalingDeps } from './operationContext';
import { readPage } from './pagination';
import { type ScalableTargetRecord } from './records';
import { awsValidation, parseResource, serviceNamespaces } from './resourceIds';
import { readTargetKey, requireTarget, scalableDimensions, type TargetKey } from './targetKeys';
import { resourceIdRule } from './namePatterns';

/** RegisterScalableTarget, DescribeScalableTargets and DeregisterScalableTarget. */
export function scalableTargetOperations({ engine, store }: AutoScalingDeps): Record<string, JsonRpcHandler> {
  return {
    RegisterScalableTarget: (body, context) => {
      const input = JsonReader.of(body);
      const key = readTargetKey(input);
      const min = input.integer('MinCapacity');
      const max = input.integer('MaxCapacity');
      const roleArn = input.string('RoleARN', resourceIdRule);
      const suspended = input.object('SuspendedState');
      const dynIn = suspended?.boolean('DynamicScalingInSuspended');
      const dynOut = suspended?.boolean('DynamicScalingOutSuspended');
      const sched = suspended?.boolean('ScheduledScalingSuspended');
      input.finish();
      checkResourceExists(store, key);
      const existing = engine.target(key.serviceNamespace, key.resourceId, key.scalableDimension);
      if (!existing && (min === undefined || max === undefined)) throw awsValidation('MinCapacity and MaxCapacity are required when registering a new scalable target.');
      const newMin = min ?? existing?.minCapacity ?? 0;
      const newMax = max ?? existing?.maxCapacity ?? 0;
      if (newMin < 0 || newMax < 0) throw awsValidation('Minimum and maximum capacity must be non-negative.');
      if (newMin > newMax) throw awsValidation('Minimum capacity cannot be greater than maximum capacity');
      const target = existing ?? newTarget(key, roleArn, context);
      target.minCapacity = newMin;
      target.maxCapacity = newMax;
      if (dynIn !== undefined) target.suspended.dynamicScalingIn = dynIn;
      if (dynOut !== undefined) target.suspended.dynamicScalingOut = dynOut;
      if (sched !== undefined) target.suspended.scheduledScaling = sched;
      if (!existing) engine.state.targets.push(target);
      return { ScalableTargetARN: target.arn };
    },

    DescribeScalableTargets: (body) => {
      const input = JsonReader.of(body);
      const serviceNamespace = input.string('ServiceNamespace', { required: true, enum: serviceNamespaces }) ?? '';
      const ids = input.stringList('ResourceIds', { max: 50, each: resourceIdRule }) ?? []; // ResourceIdsMaxLen1600
      const dimension = input.string('ScalableDimension', { enum: scalableDimensions });
      const items = engine.state.targets.filter(
        (t) => t.serviceNamespace === serviceNamespace && (ids.length === 0 || ids.includes(t.resourceId)) && (!dimension || t.scalableDimension === dimension),
      );
      const { slice, next } = readPage(items, input);
      return { ScalableTargets: slice.map(describeTarget), ...(next ? { NextToken: next } : {}) };
    },

    DeregisterScalableTarget: (body) => {
      const input = JsonReader.of(body);
      const key = readTargetKey(input);
      input.finish();
      engine.removeTarget(requireTarget(engine, key));
      return {};
    },
  };
}

/** A target can only be registered for a SageMaker resource that exists, with Application Auto Scaling's messages. */
function checkResourceExists(store: SageMakerStore, key: TargetKey): void {
  const ref = parseResource(key.serviceNamespace, key.resourceId, key.scalableDimension);
  if (ref.kind === 'inference-component') {
    const ic = store.inferenceComponent(ref.name);
    if (!ic || ic.status === 'Deleting') throw awsValidation(`The inference component ${ref.name} does not exist.`);
    // An adapter has no copy count of its own (not confirmed: docs/emulator.md): its base's target scales it.
    if (ic.baseName !== undefined) throw awsValidation(`The inference component ${ref.name} is an adapter of ${ic.baseName}: register the base inference component instead.`);
  } else {
    const endpoint = store.endpoint(ref.endpoint);
    if (!endpoint) throw awsValidation(`The endpoint ${ref.endpoint} does not exist.`);
    if (!endpoint.variants.some((variant) => variant.spec.variantName === ref.variant)) throw awsValidation(`The variant ${ref.variant} does not exist on endpoint ${ref.endpoint}.`);
    if (endpoint.variants.some((variant) => !variant.spec.modelName)) {
      throw awsValidation(`The variant ${ref.variant} of endpoint ${ref.endpoint} hosts inference components: register sagemaker:inference-component:DesiredCopyCount targets instead.`);
    }
  }
}

/** A new target's record, with the service-linked role AWS uses when the caller names none. */
function newTarget(key: TargetKey, roleArn: string | undefined, context: RequestContext): ScalableTargetRecord {
  return {
    ...key,
    minCapacity: 0,
    maxCapacity: 0,
    roleArn: roleArn ?? `arn:aws:iam::${context.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    arn: `arn:aws:application-autoscaling:${context.region}:${context.accountId}:scalable-target/${randomUUID().replace(/-/g, '').slice(0, 28)}`,
    creationTime: context.now(),
    suspended: { dynamicScalingIn: false, dynamicScalingOut: false, scheduledScaling: false },
  };
}

function describeTarget(t: ScalableTargetRecord): JsonObject {
  return {
    ServiceNamespace: t.serviceNamespace,
    ResourceId: t.resourceId,
    ScalableDimension: t.scalableDimension,
    MinCapacity: t.minCapacity,
    MaxCapacity: t.maxCapacity,
    RoleARN: t.roleArn,
    CreationTime: epochSeconds(t.creationTime),
    SuspendedState: {
      DynamicScalingInSuspended: t.suspended.dynamicScalingIn,
      DynamicScalingOutSuspended: t.suspended.dynamicScalingOut,
      ScheduledScalingSuspended: t.suspended.scheduledScaling,
    },
    ScalableTargetARN: t.arn,
  };
}
