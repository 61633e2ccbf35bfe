import { type ScalingEngine } from '../autoscaling/scalingEngine';
import { type AlarmEngine } from '../cloudwatch/alarmEngine';
import { type SageMakerStore } from '../sagemaker/store';
import { type ScheduleRunner } from '../scheduler/scheduleRunner';

/** The part-2 services shown in the summary. */
export interface SummarizedServices {
  alarms: AlarmEngine;
  scaling: ScalingEngine;
  schedules: ScheduleRunner;
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

/** A plain summary of every resource for debugging (GET /__emulator/state); times in epoch seconds. */
export function summarizeState(store: SageMakerStore, services?: SummarizedServices) {
  const state = store.state;
  return {
    ...(services ? summarizeServices(services) : {}),
    models: state.models.map((model) => model.name),
    endpointConfigs: state.endpointConfigs.map((config) => config.name),
    endpoints: state.endpoints.map((endpoint) => ({
      name: endpoint.name,
      status: endpoint.status,
      endpointConfigName: endpoint.configName,
      transitionEndsAt: seconds(endpoint.transitionEndsAt),
      variants: endpoint.variants.map((variant) => ({
        name: variant.spec.variantName,
        instanceType: variant.spec.instanceType,
        managedInstanceScaling: variant.spec.managedInstanceScaling,
        currentInstanceCount: variant.instances.filter((instance) => instance.state === 'running').length,
        desiredInstanceCount: variant.instances.length,
        instances: variant.instances.map((instance) => ({
          id: instance.id,
          state: instance.state,
          readyAt: seconds(instance.readyAt),
          idleSince: seconds(instance.idleSince),
          ...(instance.cachedComponents?.length ? { cachedComponents: instance.cachedComponents } : {}),
        })),
      })),
    })),
    inferenceComponents: state.inferenceComponents.map((ic) => ({
      name: ic.name,
      endpointName: ic.endpointName,
      orphaned: !store.endpointById(ic.endpointId),
      status: ic.status,
      desiredCopyCount: ic.desiredCopyCount,
      ...(ic.rollout ? { rollout: { phase: ic.rollout.phase, total: ic.rollout.total, batch: ic.rollout.batch } } : {}),
      currentCopyCount: ic.copies.filter((copy) => copy.state === 'running').length,
      copies: ic.copies.map((copy) => ({
        id: copy.id,
        instanceId: copy.instanceId,
        state: copy.state,
        readyAt: seconds(copy.readyAt),
        inFlight: copy.inFlight,
        ...(copy.generation ? { generation: copy.generation } : {}),
      })),
    })),
  };
}

function summarizeServices({ alarms, scaling, schedules }: SummarizedServices) {
  return {
    scalableTargets: scaling.state.targets.map((target) => ({
      resourceId: target.resourceId,
      scalableDimension: target.scalableDimension,
      minCapacity: target.minCapacity,
      maxCapacity: target.maxCapacity,
      policies: scaling.state.policies.filter((policy) => policy.resourceId === target.resourceId).map((policy) => `${policy.policyType}:${policy.name}`),
    })),
    scalingActivities: scaling.state.activities.slice(0, 20).map((activity) => ({
      resourceId: activity.resourceId,
      description: activity.description,
      cause: activity.cause,
      statusCode: activity.statusCode,
      startTime: seconds(activity.startTime),
      endTime: seconds(activity.endTime),
    })),
    alarms: alarms.alarms.map((alarm) => ({ name: alarm.name, state: alarm.state, stateReason: alarm.stateReason, stateUpdated: seconds(alarm.stateUpdatedAt) })),
    schedules: schedules.state.schedules.map((schedule) => ({
      name: schedule.name,
      expression: schedule.expression,
      timezone: schedule.timezone,
      state: schedule.state,
      nextRunAt: seconds(schedule.nextRunAt),
    })),
    scheduleInvocations: schedules.state.invocations.slice(0, 20).map((invocation) => ({ ...invocation, at: seconds(invocation.at) })),
  };
}
