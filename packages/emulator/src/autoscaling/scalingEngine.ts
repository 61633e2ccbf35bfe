import { randomUUID } from 'node:crypto';
import { type ScheduledEvent } from '../clock/eventQueue';
import { type Simulation } from '../clock/simulation';
import { type AlarmEngine } from '../cloudwatch/alarmEngine';
import { type AlarmRecord } from '../cloudwatch/alarmRecords';
import { type AlarmVerdict } from '../cloudwatch/alarmEvaluation';
import { ServiceError } from '../http/serviceError';
import { type SageMakerStore } from '../sagemaker/store';
import { nextOccurrence, parseScheduleExpression } from '@s2z/schedule-expressions';
import { callOperation } from '../services/internalCalls';
import { type JsonRpcService } from '../services/service';
import { emptyAutoScalingState, type AutoScalingState, type ScalableTargetRecord, type ScalingPolicyRecord, type ScheduledActionRecord } from './records';
import { icDimension } from './resourceIds';

export interface ScalingEngineDeps {
  simulation: Simulation;
  alarms: AlarmEngine;
  store: SageMakerStore;
  sagemaker: JsonRpcService;
  region: string;
  accountId: string;
}

/**
 * What Application Auto Scaling does on its own: runs a policy when one of its alarms says so (step
 * adjustments, target tracking ratios, cooldowns, min/max, never scaling out from 0 by target
 * tracking), runs scheduled actions at their time, sets the copy count through SageMaker's
 * UpdateInferenceComponentRuntimeConfig and records each scaling activity until SageMaker fulfils it.
 */
export class ScalingEngine {
  state: AutoScalingState = emptyAutoScalingState();
  private readonly timers = new Map<string, ScheduledEvent>();

  constructor(private readonly deps: ScalingEngineDeps) {
    deps.alarms.registerActionHandler('arn:aws:autoscaling:', (arn, alarm, verdict, at) => this.runPolicy(arn, alarm, verdict, at));
  }

  target(namespace: string, resourceId: string, dimension: string): ScalableTargetRecord | undefined {
    return this.state.targets.find((t) => t.serviceNamespace === namespace && t.resourceId === resourceId && t.scalableDimension === dimension);
  }

  /** Current capacity of a target (the inference component's desired copy count). */
  currentCapacity(target: ScalableTargetRecord): number | undefined {
    if (target.scalableDimension !== icDimension) return undefined;
    return this.deps.store.inferenceComponent(target.resourceId.slice('inference-component/'.length))?.desiredCopyCount;
  }

  runPolicy(arn: string, alarm: AlarmRecord, verdict: AlarmVerdict | undefined, at: number): void {
    const policy = this.state.policies.find((candidate) => candidate.arn === arn);
    if (!policy) return;
    const target = this.target(policy.serviceNamespace, policy.resourceId, policy.scalableDimension);
    if (!target) return;
    const current = this.currentCapacity(target);
    if (current === undefined) return;
    const value = verdict?.breachingValue ?? alarm.threshold;
    let desired: number | undefined;
    if (policy.step) {
      if (target.suspended.dynamicScalingOut && target.suspended.dynamicScalingIn) return;
      const step = policy.step;
      if (policy.lastRunAt !== undefined && at < policy.lastRunAt + step.cooldown * 1000) return;
      const difference = value - alarm.threshold;
      const match = step.steps.find((s) => (s.lower === undefined || difference >= s.lower) && (s.upper === undefined || difference < s.upper));
      if (!match) return;
      if (step.adjustmentType === 'ExactCapacity') desired = match.adjustment;
      else if (step.adjustmentType === 'ChangeInCapacity') desired = current + match.adjustment;
      else {
        let change = Math.trunc((current * match.adjustment) / 100);
        const magnitude = step.minAdjustmentMagnitude ?? 0;
        if (Math.abs(change) < magnitude) change = Math.sign(match.adjustment) * magnitude;
        desired = current + change;
      }
    } else if (policy.targetTracking) {
      const tt = policy.targetTracking;
      const scaleOut = alarm.name.includes('-AlarmHigh-');
      if (scaleOut) {
        // Target tracking never scales out from zero copies: only a step policy can.
        if (current === 0 || target.suspended.dynamicScalingOut) return;
        if (target.lastScaleOutAt !== undefined && at < target.lastScaleOutAt + tt.scaleOutCooldown * 1000) return;
        desired = Math.max(current + 1, Math.ceil((current * value) / tt.targetValue));
      } else {
        if (tt.disableScaleIn || target.suspended.dynamicScalingIn) return;
        if (target.lastScalingAt !== undefined && at < target.lastScalingAt + tt.scaleInCooldown * 1000) return;
        desired = Math.min(current - 1, Math.ceil((current * value) / tt.targetValue));
      }
    }
    if (desired === undefined) return;
    desired = Math.min(target.maxCapacity, Math.max(target.minCapacity, desired));
    if (desired === current) return;
    policy.lastRunAt = at;
    this.setCapacity(target, desired, `monitor alarm ${alarm.name} in state ALARM triggered policy ${policy.name}`, at);
  }

  /** Sets the copy count through SageMaker and records the activity (Failed with SageMaker's reason when refused). */
  setCapacity(target: ScalableTargetRecord, desired: number, cause: string, at: number): void {
    const current = this.currentCapacity(target) ?? 0;
    const activity = {
      activityId: randomUUID(),
      serviceNamespace: target.serviceNamespace,
      resourceId: target.resourceId,
      scalableDimension: target.scalableDimension,
      description: `Setting desired copy count to ${desired}.`,
      cause,
      startTime: at,
      statusCode: 'InProgress' as const,
      desired,
    };
    this.state.activities.unshift(activity);
    try {
      callOperation(
        this.deps.sagemaker,
        'UpdateInferenceComponentRuntimeConfig',
        { InferenceComponentName: target.resourceId.slice('inference-component/'.length), DesiredRuntimeConfig: { CopyCount: desired } },
        { service: 'application-autoscaling', region: this.deps.region, accountId: this.deps.accountId, now: () => at },
      );
    } catch (error) {
      const reason = error instanceof ServiceError ? error.message : String(error);
      Object.assign(activity, { statusCode: 'Failed', endTime: at, statusMessage: `Failed to set desired copy count to ${desired}. Reason: ${reason}` });
      return;
    }
    if (desired > current) target.lastScaleOutAt = at;
    target.lastScalingAt = at;
    this.settle(at);
  }

  /** Marks activities Successful once SageMaker has reached the copy count they set. */
  settle(at: number): void {
    for (const activity of this.state.activities) {
      if (activity.statusCode !== 'InProgress' || activity.desired === undefined) continue;
      const ic = this.deps.store.inferenceComponent(activity.resourceId.slice('inference-component/'.length));
      if (!ic) {
        Object.assign(activity, { statusCode: 'Failed', endTime: at, statusMessage: `Failed to set desired copy count to ${activity.desired}. The inference component no longer exists.` });
        continue;
      }
      const running = ic.copies.filter((copy) => copy.state === 'running').length;
      if (ic.desiredCopyCount !== activity.desired) {
        Object.assign(activity, { statusCode: 'Overridden', endTime: at, statusMessage: `Desired copy count was changed to ${ic.desiredCopyCount} before this change completed.` });
      } else if (ic.status === 'Failed' && running < activity.desired) {
        // A copy that could not start failed the component (a health check, an image pull): the activity fails with its reason (not confirmed).
        Object.assign(activity, { statusCode: 'Failed', endTime: at, statusMessage: `Failed to set desired copy count to ${activity.desired}. Reason: ${ic.failureReason ?? 'The inference component failed.'}` });
      } else if (ic.capacityShortfall && running < activity.desired) {
        // Every instance type lacks capacity: the wake fails with AWS's InsufficientInstanceCapacity wording.
        Object.assign(activity, { statusCode: 'Failed', endTime: at, statusMessage: `Failed to set desired copy count to ${activity.desired}. Reason: ${ic.capacityShortfall}` });
      } else if (ic.status === 'InService' && running === activity.desired) {
        Object.assign(activity, {
          statusCode: 'Successful',
          endTime: at,
          statusMessage: `Successfully set desired copy count to ${activity.desired}. Change successfully fulfilled by sagemaker.`,
        });
      }
    }
  }

  /** Schedules (again) every scheduled action's next run. */
  armScheduledActions(): void {
    for (const timer of this.timers.values()) this.deps.simulation.cancel(timer);
    this.timers.clear();
    for (const action of this.state.scheduledActions) this.arm(action);
  }

  arm(action: ScheduledActionRecord): void {
    const key = `${action.resourceId}|${action.scalableDimension}|${action.name}`;
    this.deps.simulation.cancel(this.timers.get(key));
    this.timers.delete(key);
    const now = this.deps.simulation.now();
    const expression = parseScheduleExpression(action.schedule);
    const after = Math.max(now, (action.startTime ?? now) - 1);
    let next = nextOccurrence(expression, action.timezone, after, action.startTime ?? action.creationTime);
    if (next !== undefined && action.endTime !== undefined && next > action.endTime) next = undefined;
    action.nextRunAt = next;
    if (next === undefined) return;
    this.timers.set(
      key,
      this.deps.simulation.schedule(next, `autoscaling:${action.name}`, (at) => {
        this.runScheduledAction(action, at);
        if (this.state.scheduledActions.includes(action)) this.arm(action);
      }),
    );
  }

  unarm(action: ScheduledActionRecord): void {
    const key = `${action.resourceId}|${action.scalableDimension}|${action.name}`;
    this.deps.simulation.cancel(this.timers.get(key));
    this.timers.delete(key);
  }

  private runScheduledAction(action: ScheduledActionRecord, at: number): void {
    const target = this.target(action.serviceNamespace, action.resourceId, action.scalableDimension);
    if (!target || target.suspended.scheduledScaling) return;
    if (action.minCapacity !== undefined) target.minCapacity = action.minCapacity;
    if (action.maxCapacity !== undefined) target.maxCapacity = action.maxCapacity;
    if (target.minCapacity > target.maxCapacity) target.maxCapacity = target.minCapacity;
    const cause = `scheduled action name ${action.name} was triggered`;
    const parts = [action.minCapacity !== undefined ? `min capacity to ${action.minCapacity}` : '', action.maxCapacity !== undefined ? `max capacity to ${action.maxCapacity}` : ''].filter(Boolean);
    this.state.activities.unshift({
      activityId: randomUUID(),
      serviceNamespace: target.serviceNamespace,
      resourceId: target.resourceId,
      scalableDimension: target.scalableDimension,
      description: `Setting ${parts.join(' and ')}`,
      cause,
      startTime: at,
      endTime: at,
      statusCode: 'Successful',
      statusMessage: `Successfully set ${parts.join(' and ')}.`,
    });
    const current = this.currentCapacity(target);
    if (current === undefined) return;
    const bounded = Math.min(target.maxCapacity, Math.max(target.minCapacity, current));
    if (bounded !== current) this.setCapacity(target, bounded, cause, at);
  }

  /** Removes a target's policies (and the alarms target tracking created) and scheduled actions. */
  removeTarget(target: ScalableTargetRecord): void {
    const owned = (item: { serviceNamespace: string; resourceId: string; scalableDimension: string }) =>
      item.serviceNamespace === target.serviceNamespace && item.resourceId === target.resourceId && item.scalableDimension === target.scalableDimension;
    for (const policy of this.state.policies.filter(owned)) this.removePolicy(policy);
    for (const action of this.state.scheduledActions.filter(owned)) this.unarm(action);
    this.state.scheduledActions = this.state.scheduledActions.filter((action) => !owned(action));
    this.state.targets = this.state.targets.filter((candidate) => candidate !== target);
  }

  removePolicy(policy: ScalingPolicyRecord): void {
    this.deps.alarms.delete(policy.alarms.map((alarm) => alarm.AlarmName));
    this.state.policies = this.state.policies.filter((candidate) => candidate !== policy);
  }

  stop(): void {
    for (const timer of this.timers.values()) this.deps.simulation.cancel(timer);
    this.timers.clear();
  }
}
