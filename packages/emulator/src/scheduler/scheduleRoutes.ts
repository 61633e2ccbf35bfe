import { parseJsonObject, type JsonObject } from '../protocols/jsonReader';
import { schedulerInputs } from '../protocols/inputShapes';
import { validateInput } from '../protocols/shapeValidation';
import { sendRestJson } from '../protocols/restJsonProtocol';
import { type RestJsonRoute, type RestRequest } from '../services/service';
import { type ScheduleRecord } from './scheduleRecords';
import { checkGroup, defaultGroup } from './scheduleGroups';
import { conflict, notFound, validation } from './schedulerErrors';
import { readSchedule, scheduleName } from './scheduleInput';
import { type ScheduleRunner } from './scheduleRunner';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const schedulePath = /^\/schedules\/(?<name>[^/]+)$/;

/** EventBridge Scheduler's answer when it cannot assume the target's role (not trusted, or just created). */
export const roleNotAssumable = 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.';

/**
 * CreateSchedule, UpdateSchedule, GetSchedule, DeleteSchedule and ListSchedules. `canAssume` tells
 * whether Scheduler may assume a target's role now (absent: every role may be).
 */
export function scheduleRoutes(runner: ScheduleRunner, canAssume: (roleArn: string, now: number) => boolean = () => true): RestJsonRoute[] {
  const checkRole = (schedule: ScheduleRecord, now: number) => {
    const role = schedule.target.RoleArn;
    if (typeof role === 'string' && !canAssume(role, now)) throw validation(roleNotAssumable);
  };
  const find = (name: string, group: string) => runner.state.schedules.find((s) => s.name === name && s.groupName === group);
  /** GetSchedule's and DeleteSchedule's schedule: named in the path, its group in the query. */
  const requireSchedule = (request: RestRequest): ScheduleRecord => {
    const name = scheduleName(request);
    const group = request.query.get('groupName') ?? defaultGroup;
    checkGroup(group);
    const schedule = find(name, group);
    if (!schedule) throw notFound(`Schedule ${name} does not exist.`);
    return schedule;
  };
  return [
    {
      method: 'POST',
      pattern: schedulePath,
      operation: 'CreateSchedule',
      handle: async (request, context) => {
        const name = scheduleName(request);
        const input = parseJsonObject(request.body);
        validateInput(schedulerInputs, 'CreateSchedule', input);
        const schedule = readSchedule(input, name, context);
        if (find(name, schedule.groupName)) throw conflict(`Schedule ${name} already exists.`);
        checkRole(schedule, context.now());
        runner.state.schedules.push(schedule);
        runner.arm(schedule);
        sendRestJson(request.response, context.requestId, 200, { ScheduleArn: schedule.arn });
      },
    },
    {
      method: 'PUT',
      pattern: schedulePath,
      operation: 'UpdateSchedule',
      handle: async (request, context) => {
        const name = scheduleName(request);
        const body = parseJsonObject(request.body);
        validateInput(schedulerInputs, 'UpdateSchedule', body);
        const group = typeof body.GroupName === 'string' ? body.GroupName : defaultGroup;
        const existing = find(name, group);
        if (!existing) {
          checkGroup(group);
          throw notFound(`Schedule ${name} does not exist.`);
        }
        const updated = readSchedule(body, name, context, existing);
        checkRole(updated, context.now());
        Object.assign(existing, updated);
        runner.arm(existing);
        sendRestJson(request.response, context.requestId, 200, { ScheduleArn: existing.arn });
      },
    },
    {
      method: 'GET',
      pattern: schedulePath,
      operation: 'GetSchedule',
      handle: async (request, context) => {
        const schedule = requireSchedule(request);
        sendRestJson(request.response, context.requestId, 200, describeSchedule(schedule));
      },
    },
    {
      method: 'DELETE',
      pattern: schedulePath,
      operation: 'DeleteSchedule',
      handle: async (request, context) => {
        const schedule = requireSchedule(request);
        runner.remove(schedule);
        sendRestJson(request.response, context.requestId, 200, {});
      },
    },
    {
      method: 'GET',
      pattern: /^\/schedules\/?$/,
      operation: 'ListSchedules',
      handle: async (request, context) => sendRestJson(request.response, context.requestId, 200, listSchedules(runner, request.query)),
    },
  ];
}

/** ListSchedules: filtered by group, name prefix and state, by name, in pages of MaxResults (at most 100). */
function listSchedules(runner: ScheduleRunner, query: URLSearchParams): JsonObject {
  const group = query.get('ScheduleGroup') ?? undefined;
  const prefix = query.get('NamePrefix') ?? undefined;
  const state = query.get('State') ?? undefined;
  const maxText = query.get('MaxResults');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw validation(`1 validation error detected: Value '${maxText}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`);
  }
  if (state !== undefined && state !== 'ENABLED' && state !== 'DISABLED') {
    throw validation(`1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`);
  }
  const items = runner.state.schedules
    .filter((s) => (!group || s.groupName === group) && (!prefix || s.name.startsWith(prefix)) && (!state || s.state === state))
    .sort((a, b) => a.name.localeCompare(b.name));
  const token = query.get('NextToken');
  const start = token === null ? 0 : Number.parseInt(Buffer.from(token, 'base64').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw validation('Invalid NextToken.');
  const slice = items.slice(start, start + max);
  const next = start + max < items.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
  return {
    Schedules: slice.map((s) => ({
      Arn: s.arn,
      Name: s.name,
      GroupName: s.groupName,
      State: s.state,
      CreationDate: seconds(s.creationDate),
      LastModificationDate: seconds(s.lastModificationDate),
      Target: { Arn: String(s.target.Arn ?? '') },
    })),
    ...(next ? { NextToken: next } : {}),
  };
}

/** GetSchedule's answer. */
function describeSchedule(s: ScheduleRecord): JsonObject {
  return {
    Arn: s.arn,
    GroupName: s.groupName,
    Name: s.name,
    ScheduleExpression: s.expression,
    ...(s.startDate !== undefined ? { StartDate: seconds(s.startDate) } : {}),
    ...(s.endDate !== undefined ? { EndDate: seconds(s.endDate) } : {}),
    ...(s.description !== undefined ? { Description: s.description } : {}),
    ScheduleExpressionTimezone: s.timezone,
    State: s.state,
    CreationDate: seconds(s.creationDate),
    LastModificationDate: seconds(s.lastModificationDate),
    ...(s.kmsKeyArn ? { KmsKeyArn: s.kmsKeyArn } : {}),
    Target: s.target,
    FlexibleTimeWindow: s.flexibleTimeWindow,
    ActionAfterCompletion: s.actionAfterCompletion,
  };
}
