import { randomUUID } from 'node:crypto';
import { type AlarmEngine } from '../cloudwatch/alarmEngine';
import { type AlarmRecord } from '../cloudwatch/alarmRecords';
import { ServiceError } from '../http/serviceError';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type SageMakerStore } from '../sagemaker/store';
import { isValidTimeZone } from '@s2z/schedule-expressions';
import { parseScheduleExpression, ScheduleExpressionError } from '@s2z/schedule-expressions';
import { type JsonRpcService, type RequestContext } from '../services/service';
import { type ScalableTargetRecord, type ScalingPolicyRecord, type StepConfig, type TargetTrackingConfig } from './records';
import { awsValidation, icMetricTypes, parseResource, serviceNamespaces, targetNotFound, variantMetricTypes } from './resourceIds';
import { type ScalingEngine } from './scalingEngine';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const resourceIdRule = { required: true, min: 1, max: 1600 };
const dimensions = [
  'ecs:service:DesiredCount', 'ec2:spot-fleet-request:TargetCapacity', 'elasticmapreduce:instancegroup:InstanceCount', 'appstream:fleet:DesiredCapacity',
  'dynamodb:table:ReadCapacityUnits', 'dynamodb:table:WriteCapacityUnits', 'dynamodb:index:ReadCapacityUnits', 'dynamodb:index:WriteCapacityUnits',
  'rds:cluster:ReadReplicaCount', 'sagemaker:variant:DesiredInstanceCount', 'custom-resource:ResourceType:Property',
  'comprehend:document-classifier-endpoint:DesiredInferenceUnits', 'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits',
  'lambda:function:ProvisionedConcurrency', 'cassandra:table:ReadCapacityUnits', 'cassandra:table:WriteCapacityUnits', 'kafka:broker-storage:VolumeSize',
  'elasticache:cache-cluster:Nodes', 'elasticache:replication-group:NodeGroups', 'elasticache:replication-group:Replicas', 'neptune:cluster:ReadReplicaCount',
  'sagemaker:variant:DesiredProvisionedConcurrency', 'sagemaker:inference-component:DesiredCopyCount', 'workspaces:workspacespool:DesiredUserSessions',
];

interface Deps {
  engine: ScalingEngine;
  alarms: AlarmEngine;
  store: SageMakerStore;
}

/** Application Auto Scaling (awsJson1_1, `AnyScaleFrontendService.<Operation>`) for SageMaker inference components. */
export function createAutoScalingService({ engine, alarms, store }: Deps): JsonRpcService {
  function readKey(input: JsonReader, dimensionRequired = true) {
    const serviceNamespace = input.string('ServiceNamespace', { required: true, enum: serviceNamespaces }) ?? '';
    const resourceId = input.string('ResourceId', resourceIdRule) ?? '';
    const scalableDimension = input.string('ScalableDimension', { required: dimensionRequired, enum: dimensions }) ?? '';
    return { serviceNamespace, resourceId, scalableDimension };
  }

  function requireTarget(key: { serviceNamespace: string; resourceId: string; scalableDimension: string }): ScalableTargetRecord {
    const target = engine.target(key.serviceNamespace, key.resourceId, key.scalableDimension);
    if (!target) throw targetNotFound(key.serviceNamespace, key.resourceId, key.scalableDimension);
    return target;
  }

  function checkResourceExists(key: { serviceNamespace: string; resourceId: string; scalableDimension: string }): void {
    const ref = parseResource(key.serviceNamespace, key.resourceId, key.scalableDimension);
    if (ref.kind === 'inference-component') {
      const ic = store.inferenceComponent(ref.name);
      if (!ic || ic.status === 'Deleting') throw awsValidation(`The inference component ${ref.name} does not exist.`);
    } else {
      const endpoint = store.endpoint(ref.endpoint);
      if (!endpoint) throw awsValidation(`The endpoint ${ref.endpoint} does not exist.`);
      if (!endpoint.variants.some((variant) => variant.spec.variantName === ref.variant)) throw awsValidation(`The variant ${ref.variant} does not exist on endpoint ${ref.endpoint}.`);
      if (endpoint.variants.some((variant) => !variant.spec.modelName)) {
        throw awsValidation(`The variant ${ref.variant} of endpoint ${ref.endpoint} hosts inference components: register sagemaker:inference-component:DesiredCopyCount targets instead.`);
      }
    }
  }

  const page = <T>(items: T[], input: JsonReader) => {
    const max = input.integer('MaxResults', { min: 1, max: 50 }) ?? 50;
    const token = input.string('NextToken', { max: 2048 });
    input.finish();
    let start = 0;
    if (token !== undefined) {
      start = Number.parseInt(Buffer.from(token, 'base64').toString('utf8'), 10);
      if (!Number.isInteger(start) || start < 0 || start > items.length) throw new ServiceError('InvalidNextTokenException', 'Invalid token', 400);
    }
    const slice = items.slice(start, start + max);
    const next = start + max < items.length ? Buffer.from(String(start + max), 'utf8').toString('base64') : undefined;
    return { slice, next };
  };

  const filterKey = (input: JsonReader) => {
    const serviceNamespace = input.string('ServiceNamespace', { required: true, enum: serviceNamespaces }) ?? '';
    const resourceId = input.string('ResourceId', { min: 1, max: 1600 });
    const scalableDimension = input.string('ScalableDimension', { enum: dimensions });
    return (item: { serviceNamespace: string; resourceId: string; scalableDimension: string }) =>
      item.serviceNamespace === serviceNamespace && (!resourceId || item.resourceId === resourceId) && (!scalableDimension || item.scalableDimension === scalableDimension);
  };

  return {
    protocol: 'awsJson',
    name: 'application-autoscaling',
    targetPrefix: 'AnyScaleFrontendService',
    jsonVersion: '1.1',
    queryCompatible: false,
    operations: {
      RegisterScalableTarget: (body, context) => {
        const input = JsonReader.of(body);
        const key = readKey(input);
        const min = input.integer('MinCapacity');
        const max = input.integer('MaxCapacity');
        const roleArn = input.string('RoleARN', { min: 1, max: 1600 });
        const suspended = input.object('SuspendedState');
        const dynIn = suspended?.boolean('DynamicScalingInSuspended');
        const dynOut = suspended?.boolean('DynamicScalingOutSuspended');
        const sched = suspended?.boolean('ScheduledScalingSuspended');
        input.finish();
        checkResourceExists(key);
        const existing = engine.target(key.serviceNamespace, key.resourceId, key.scalableDimension);
        if (!existing && (min === undefined || max === undefined)) throw awsValidation('MinCapacity and MaxCapacity are required when registering a new scalable target.');
        const newMin = min ?? existing?.minCapacity ?? 0;
        const newMax = max ?? existing?.maxCapacity ?? 0;
        if (newMin < 0 || newMax < 0) throw awsValidation('Minimum and maximum capacity must be non-negative.');
        if (newMin > newMax) throw awsValidation('Minimum capacity cannot be greater than maximum capacity');
        const target: ScalableTargetRecord = existing ?? {
          ...key,
          minCapacity: newMin,
          maxCapacity: newMax,
          roleArn: roleArn ?? `arn:aws:iam::${context.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
          arn: `arn:aws:application-autoscaling:${context.region}:${context.accountId}:scalable-target/${randomUUID().replace(/-/g, '').slice(0, 28)}`,
          creationTime: context.now(),
          suspended: { dynamicScalingIn: false, dynamicScalingOut: false, scheduledScaling: false },
        };
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
        const ids = input.stringList('ResourceIds') ?? [];
        const dimension = input.string('ScalableDimension', { enum: dimensions });
        const items = engine.state.targets.filter(
          (t) => t.serviceNamespace === serviceNamespace && (ids.length === 0 || ids.includes(t.resourceId)) && (!dimension || t.scalableDimension === dimension),
        );
        const { slice, next } = page(items, input);
        return {
          ScalableTargets: slice.map((t) => ({
            ServiceNamespace: t.serviceNamespace,
            ResourceId: t.resourceId,
            ScalableDimension: t.scalableDimension,
            MinCapacity: t.minCapacity,
            MaxCapacity: t.maxCapacity,
            RoleARN: t.roleArn,
            CreationTime: seconds(t.creationTime),
            SuspendedState: {
              DynamicScalingInSuspended: t.suspended.dynamicScalingIn,
              DynamicScalingOutSuspended: t.suspended.dynamicScalingOut,
              ScheduledScalingSuspended: t.suspended.scheduledScaling,
            },
            ScalableTargetARN: t.arn,
          })),
          ...(next ? { NextToken: next } : {}),
        };
      },

      DeregisterScalableTarget: (body) => {
        const input = JsonReader.of(body);
        const key = readKey(input);
        input.finish();
        engine.removeTarget(requireTarget(key));
        return {};
      },

      PutScalingPolicy: (body, context) => {
        const input = JsonReader.of(body);
        const name = input.string('PolicyName', { required: true, min: 1, max: 256, pattern: /^[^\p{Cc}]+$/u }) ?? '';
        const key = readKey(input);
        const type = input.string('PolicyType', { enum: ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'] }) ?? 'StepScaling';
        const stepInput = input.object('StepScalingPolicyConfiguration');
        const ttInput = input.object('TargetTrackingScalingPolicyConfiguration');
        const step = stepInput ? readStep(stepInput) : undefined;
        const tt = ttInput ? readTargetTracking(ttInput) : undefined;
        input.object('PredictiveScalingPolicyConfiguration');
        input.finish();
        const target = requireTarget(key);
        if (type === 'PredictiveScaling') throw awsValidation('Predictive scaling is not supported for sagemaker:inference-component:DesiredCopyCount.');
        if (type === 'StepScaling' && !step) throw awsValidation('StepScalingPolicyConfiguration is required when the policy type is StepScaling');
        if (type === 'TargetTrackingScaling' && !tt) throw awsValidation('TargetTrackingScalingPolicyConfiguration is required when the policy type is TargetTrackingScaling');
        if (step && step.steps.length === 0) throw awsValidation('Step adjustments must not be empty.');
        if (tt) {
          const allowed = target.scalableDimension === 'sagemaker:inference-component:DesiredCopyCount' ? icMetricTypes : variantMetricTypes;
          if (tt.metricType && !allowed.includes(tt.metricType)) {
            throw awsValidation(`The predefined metric type ${tt.metricType} is not supported for the scalable dimension ${target.scalableDimension}.`);
          }
          if (!tt.metricType) throw awsValidation('Customized metric specifications are not supported by the emulator: use a PredefinedMetricSpecification.');
        }
        const existing = engine.state.policies.find((p) => p.name === name && p.resourceId === key.resourceId && p.scalableDimension === key.scalableDimension);
        if (existing) engine.removePolicy(existing);
        const now = context.now();
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
          creationTime: existing?.creationTime ?? now,
        };
        if (policy.targetTracking) policy.alarms = createTargetTrackingAlarms(policy, policy.targetTracking, context);
        engine.state.policies.push(policy);
        return { PolicyARN: policy.arn, ...(policy.alarms.length > 0 ? { Alarms: policy.alarms } : {}) };
      },

      DescribeScalingPolicies: (body) => {
        const input = JsonReader.of(body);
        const names = input.stringList('PolicyNames') ?? [];
        const matches = filterKey(input);
        const items = engine.state.policies.filter((p) => matches(p) && (names.length === 0 || names.includes(p.name)));
        const { slice, next } = page(items, input);
        return {
          ScalingPolicies: slice.map((p) => ({
            PolicyARN: p.arn,
            PolicyName: p.name,
            ServiceNamespace: p.serviceNamespace,
            ResourceId: p.resourceId,
            ScalableDimension: p.scalableDimension,
            PolicyType: p.policyType,
            ...(p.step ? { StepScalingPolicyConfiguration: p.step.document } : {}),
            ...(p.targetTracking ? { TargetTrackingScalingPolicyConfiguration: p.targetTracking.document } : {}),
            Alarms: p.alarms,
            CreationTime: seconds(p.creationTime),
          })),
          ...(next ? { NextToken: next } : {}),
        };
      },

      DeleteScalingPolicy: (body) => {
        const input = JsonReader.of(body);
        const name = input.string('PolicyName', { required: true, min: 1, max: 256 }) ?? '';
        const key = readKey(input);
        input.finish();
        const policy = engine.state.policies.find((p) => p.name === name && p.serviceNamespace === key.serviceNamespace && p.resourceId === key.resourceId && p.scalableDimension === key.scalableDimension);
        if (!policy) {
          throw new ServiceError(
            'ObjectNotFoundException',
            `No scaling policy found for service namespace: ${key.serviceNamespace}, resource ID: ${key.resourceId}, scalable dimension: ${key.scalableDimension}, policy name: ${name}`,
            400,
          );
        }
        engine.removePolicy(policy);
        return {};
      },

      DescribeScalingActivities: (body, context) => {
        const input = JsonReader.of(body);
        const matches = filterKey(input);
        input.boolean('IncludeNotScaledActivities');
        engine.settle(context.now());
        const items = engine.state.activities.filter(matches);
        const { slice, next } = page(items, input);
        return {
          ScalingActivities: slice.map((a) => ({
            ActivityId: a.activityId,
            ServiceNamespace: a.serviceNamespace,
            ResourceId: a.resourceId,
            ScalableDimension: a.scalableDimension,
            Description: a.description,
            Cause: a.cause,
            StartTime: seconds(a.startTime),
            ...(a.endTime !== undefined ? { EndTime: seconds(a.endTime) } : {}),
            StatusCode: a.statusCode,
            ...(a.statusMessage ? { StatusMessage: a.statusMessage } : {}),
          })),
          ...(next ? { NextToken: next } : {}),
        };
      },

      PutScheduledAction: (body, context) => {
        const input = JsonReader.of(body);
        const name = input.string('ScheduledActionName', { required: true, min: 1, max: 256 }) ?? '';
        const key = readKey(input);
        const schedule = input.string('Schedule', { min: 1, max: 1600 });
        const timezone = input.string('Timezone', { min: 1, max: 1600 });
        const startTime = input.timestamp('StartTime');
        const endTime = input.timestamp('EndTime');
        const action = input.object('ScalableTargetAction');
        const min = action?.integer('MinCapacity');
        const max = action?.integer('MaxCapacity');
        input.finish();
        requireTarget(key);
        const existing = engine.state.scheduledActions.find((a) => a.name === name && a.resourceId === key.resourceId && a.scalableDimension === key.scalableDimension);
        const scheduleText = schedule ?? existing?.schedule;
        if (!scheduleText) throw awsValidation('Schedule is required when creating a scheduled action.');
        try {
          parseScheduleExpression(scheduleText);
        } catch (error) {
          if (error instanceof ScheduleExpressionError) throw awsValidation(`Schedule expression ${scheduleText} is invalid: ${error.message}.`);
          throw error;
        }
        const zone = timezone ?? existing?.timezone ?? 'UTC';
        if (!isValidTimeZone(zone)) throw awsValidation(`Timezone ${zone} is not a valid IANA time zone.`);
        if (min !== undefined && max !== undefined && min > max) throw awsValidation('Minimum capacity cannot be greater than maximum capacity');
        if (startTime !== undefined && endTime !== undefined && endTime <= startTime) throw awsValidation('EndTime must be after StartTime.');
        const record = existing ?? {
          name,
          arn: `arn:aws:autoscaling:${context.region}:${context.accountId}:scheduledAction:${randomUUID()}:resource/${key.serviceNamespace}/${key.resourceId}:scheduledActionName/${name}`,
          ...key,
          schedule: scheduleText,
          timezone: zone,
          creationTime: context.now(),
        };
        Object.assign(record, {
          schedule: scheduleText,
          timezone: zone,
          startTime: startTime ?? existing?.startTime,
          endTime: endTime ?? existing?.endTime,
          minCapacity: min ?? existing?.minCapacity,
          maxCapacity: max ?? existing?.maxCapacity,
        });
        if (!existing) engine.state.scheduledActions.push(record);
        engine.arm(record);
        return {};
      },

      DescribeScheduledActions: (body) => {
        const input = JsonReader.of(body);
        const names = input.stringList('ScheduledActionNames') ?? [];
        const matches = filterKey(input);
        const items = engine.state.scheduledActions.filter((a) => matches(a) && (names.length === 0 || names.includes(a.name)));
        const { slice, next } = page(items, input);
        return {
          ScheduledActions: slice.map((a) => ({
            ScheduledActionName: a.name,
            ScheduledActionARN: a.arn,
            ServiceNamespace: a.serviceNamespace,
            Schedule: a.schedule,
            Timezone: a.timezone,
            ResourceId: a.resourceId,
            ScalableDimension: a.scalableDimension,
            ...(a.startTime !== undefined ? { StartTime: seconds(a.startTime) } : {}),
            ...(a.endTime !== undefined ? { EndTime: seconds(a.endTime) } : {}),
            ScalableTargetAction: { ...(a.minCapacity !== undefined ? { MinCapacity: a.minCapacity } : {}), ...(a.maxCapacity !== undefined ? { MaxCapacity: a.maxCapacity } : {}) },
            CreationTime: seconds(a.creationTime),
          })),
          ...(next ? { NextToken: next } : {}),
        };
      },

      DeleteScheduledAction: (body) => {
        const input = JsonReader.of(body);
        const name = input.string('ScheduledActionName', { required: true, min: 1, max: 256 }) ?? '';
        const key = readKey(input);
        input.finish();
        const action = engine.state.scheduledActions.find((a) => a.name === name && a.serviceNamespace === key.serviceNamespace && a.resourceId === key.resourceId && a.scalableDimension === key.scalableDimension);
        if (!action) {
          throw new ServiceError(
            'ObjectNotFoundException',
            `No scheduled action found for service namespace: ${key.serviceNamespace}, resource ID: ${key.resourceId}, scalable dimension: ${key.scalableDimension}, scheduled action name: ${name}`,
            400,
          );
        }
        engine.unarm(action);
        engine.state.scheduledActions = engine.state.scheduledActions.filter((a) => a !== action);
        return {};
      },
    },
  };

  /** The two alarms Application Auto Scaling creates for a target-tracking policy, with their real names and shapes. */
  function createTargetTrackingAlarms(policy: ScalingPolicyRecord, tt: TargetTrackingConfig, context: RequestContext): { AlarmName: string; AlarmARN: string }[] {
    const ic = policy.resourceId.slice('inference-component/'.length);
    const highRes = tt.metricType === 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution';
    const metricName = highRes ? 'ConcurrentRequestsPerCopy' : 'InvocationsPerCopy';
    const statistic = highRes ? 'Maximum' : 'Sum';
    const now = context.now();
    const make = (kind: 'High' | 'Low'): AlarmRecord => {
      const name = `TargetTracking-${policy.resourceId}-Alarm${kind}-${randomUUID()}`;
      const high = kind === 'High';
      const period = highRes ? 10 : 60;
      const evaluationPeriods = high ? (highRes ? 6 : 1) : highRes ? 90 : 15;
      return {
        name,
        arn: `arn:aws:cloudwatch:${context.region}:${context.accountId}:alarm:${name}`,
        description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policy.arn}.`,
        actionsEnabled: true,
        okActions: [],
        alarmActions: [policy.arn],
        insufficientDataActions: [],
        namespace: 'AWS/SageMaker',
        metricName,
        dimensions: [{ name: 'InferenceComponentName', value: ic }],
        statistic,
        period,
        evaluationPeriods,
        datapointsToAlarm: evaluationPeriods,
        threshold: high ? tt.targetValue : tt.targetValue * 0.9,
        comparisonOperator: high ? 'GreaterThanThreshold' : 'LessThanThreshold',
        treatMissingData: 'missing',
        configurationUpdatedAt: now,
        state: 'INSUFFICIENT_DATA',
        stateReason: 'Unchecked: Initial alarm creation',
        stateUpdatedAt: now,
        stateTransitionedAt: now,
        tags: [],
      };
    };
    const created = tt.disableScaleIn ? [make('High')] : [make('High'), make('Low')];
    for (const alarm of created) alarms.put(alarm);
    return created.map((alarm) => ({ AlarmName: alarm.name, AlarmARN: alarm.arn }));
  }
}

function readStep(config: JsonReader): StepConfig {
  const adjustmentType = config.string('AdjustmentType', { enum: ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] }) ?? 'ChangeInCapacity';
  const steps = (config.objectList('StepAdjustments') ?? []).map((step) => ({
    lower: step.number('MetricIntervalLowerBound'),
    upper: step.number('MetricIntervalUpperBound'),
    adjustment: step.integer('ScalingAdjustment', { required: true }) ?? 0,
  }));
  const minAdjustmentMagnitude = config.integer('MinAdjustmentMagnitude');
  const cooldown = config.integer('Cooldown', { min: 0 }) ?? 300;
  const metricAggregationType = config.string('MetricAggregationType', { enum: ['Average', 'Minimum', 'Maximum'] }) ?? 'Average';
  const document: JsonObject = {
    AdjustmentType: adjustmentType,
    StepAdjustments: steps.map((s) => ({
      ...(s.lower !== undefined ? { MetricIntervalLowerBound: s.lower } : {}),
      ...(s.upper !== undefined ? { MetricIntervalUpperBound: s.upper } : {}),
      ScalingAdjustment: s.adjustment,
    })),
    ...(minAdjustmentMagnitude !== undefined ? { MinAdjustmentMagnitude: minAdjustmentMagnitude } : {}),
    Cooldown: cooldown,
    MetricAggregationType: metricAggregationType,
  };
  return { adjustmentType: adjustmentType as StepConfig['adjustmentType'], steps, minAdjustmentMagnitude, cooldown, metricAggregationType, document };
}

function readTargetTracking(config: JsonReader): TargetTrackingConfig {
  const targetValue = config.number('TargetValue', { required: true }) ?? 0;
  const predefined = config.object('PredefinedMetricSpecification');
  const metricType = predefined?.string('PredefinedMetricType', { required: true }) ?? '';
  const resourceLabel = predefined?.string('ResourceLabel', { min: 1, max: 1023 });
  config.object('CustomizedMetricSpecification');
  const scaleOutCooldown = config.integer('ScaleOutCooldown', { min: 0 }) ?? 300;
  const scaleInCooldown = config.integer('ScaleInCooldown', { min: 0 }) ?? 300;
  const disableScaleIn = config.boolean('DisableScaleIn') ?? false;
  const document: JsonObject = {
    TargetValue: targetValue,
    ...(predefined ? { PredefinedMetricSpecification: { PredefinedMetricType: metricType, ...(resourceLabel ? { ResourceLabel: resourceLabel } : {}) } } : {}),
    ScaleOutCooldown: scaleOutCooldown,
    ScaleInCooldown: scaleInCooldown,
    DisableScaleIn: disableScaleIn,
  };
  return { targetValue, metricType, scaleOutCooldown, scaleInCooldown, disableScaleIn, document };
}
