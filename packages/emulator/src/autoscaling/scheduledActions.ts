import { randomUUID } from 'node:crypto';
import { isValidTimeZone, parseScheduleExpression, ScheduleExpressionError } from '@s2z/schedule-expressions';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler, type RequestContext } from '../services/service';
import { epochSeconds, type AutoScalingDeps } from './operationContext';
import { readPage } from './pagination';
import { type ScheduledActionRecord } from './records';
import { awsValidation } from './resourceIds';
import { notFoundOnTarget, readTargetFilter, readTargetKey, requireTarget, sameTarget, type TargetKey } from './targetKeys';
import { resourceIdRule, scheduledActionNameRule } from './namePatterns';

/** PutScheduledAction, DescribeScheduledActions and DeleteScheduledAction. */
export function scheduledActionOperations({ engine }: AutoScalingDeps): Record<string, JsonRpcHandler> {
  return {
    PutScheduledAction: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('ScheduledActionName', { required: true, ...scheduledActionNameRule }) ?? '';
      const key = readTargetKey(input);
      const schedule = input.string('Schedule', resourceIdRule);
      const timezone = input.string('Timezone', resourceIdRule);
      const startTime = input.timestamp('StartTime');
      const endTime = input.timestamp('EndTime');
      const action = input.object('ScalableTargetAction');
      const min = action?.integer('MinCapacity');
      const max = action?.integer('MaxCapacity');
      input.finish();
      requireTarget(engine, key);
      const existing = engine.state.scheduledActions.find((a) => a.name === name && a.resourceId === key.resourceId && a.scalableDimension === key.scalableDimension);
      const scheduleText = schedule ?? existing?.schedule;
      if (!scheduleText) throw awsValidation('Schedule is required when creating a scheduled action.');
      checkScheduleExpression(scheduleText);
      const zone = timezone ?? existing?.timezone ?? 'UTC';
      if (!isValidTimeZone(zone)) throw awsValidation(`Timezone ${zone} is not a valid IANA time zone.`);
      if (min !== undefined && max !== undefined && min > max) throw awsValidation('Minimum capacity cannot be greater than maximum capacity');
      if (startTime !== undefined && endTime !== undefined && endTime <= startTime) throw awsValidation('EndTime must be after StartTime.');
      const record = existing ?? newScheduledAction(name, key, scheduleText, zone, context);
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
      const names = input.stringList('ScheduledActionNames', { max: 50, each: resourceIdRule }) ?? []; // ResourceIdsMaxLen1600
      const matches = readTargetFilter(input);
      const items = engine.state.scheduledActions.filter((a) => matches(a) && (names.length === 0 || names.includes(a.name)));
      const { slice, next } = readPage(items, input);
      return { ScheduledActions: slice.map(describeScheduledAction), ...(next ? { NextToken: next } : {}) };
    },

    DeleteScheduledAction: (body) => {
      const input = JsonReader.of(body);
      // DeleteScheduledAction's name is a ResourceIdMaxLen1600 in the model, not a ScheduledActionName.
      const name = input.string('ScheduledActionName', { required: true, ...resourceIdRule }) ?? '';
      const key = readTargetKey(input);
      input.finish();
      const action = engine.state.scheduledActions.find((a) => a.name === name && sameTarget(a, key));
      if (!action) throw notFoundOnTarget('scheduled action', 'scheduled action name', key, name);
      engine.unarm(action);
      engine.state.scheduledActions = engine.state.scheduledActions.filter((a) => a !== action);
      return {};
    },
  };
}

/** A schedule (at(), rate() or cron()) the parser refuses is a ValidationException naming why. */
function checkScheduleExpression(scheduleText: string): void {
  try {
    parseScheduleExpression(scheduleText);
  } catch (error) {
    if (error instanceof ScheduleExpressionError) throw awsValidation(`Schedule expression ${scheduleText} is invalid: ${error.message}.`);
    throw error;
  }
}

function newScheduledAction(name: string, key: TargetKey, schedule: string, timezone: string, context: RequestContext): ScheduledActionRecord {
  return {
    name,
    arn: `arn:aws:autoscaling:${context.region}:${context.accountId}:scheduledAction:${randomUUID()}:resource/${key.serviceNamespace}/${key.resourceId}:scheduledActionName/${name}`,
    ...key,
    schedule,
    timezone,
    creationTime: context.now(),
  };
}

function describeScheduledAction(a: ScheduledActionRecord): JsonObject {
  return {
    ScheduledActionName: a.name,
    ScheduledActionARN: a.arn,
    ServiceNamespace: a.serviceNamespace,
    Schedule: a.schedule,
    Timezone: a.timezone,
    ResourceId: a.resourceId,
    ScalableDimension: a.scalableDimension,
    ...(a.startTime !== undefined ? { StartTime: epochSeconds(a.startTime) } : {}),
    ...(a.endTime !== undefined ? { EndTime: epochSeconds(a.endTime) } : {}),
    ScalableTargetAction: { ...(a.minCapacity !== undefined ? { MinCapacity: a.minCapacity } : {}), ...(a.maxCapacity !== undefined ? { MaxCapacity: a.maxCapacity } : {}) },
    CreationTime: epochSeconds(a.creationTime),
  };
}
