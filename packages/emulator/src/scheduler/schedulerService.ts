import { ServiceError } from '../http/serviceError';
import { JsonReader, parseJsonObject, type JsonObject } from '../protocols/jsonReader';
import { sendRestJson } from '../protocols/restJsonProtocol';
import { type RequestContext, type RestJsonService, type RestRequest } from '../services/service';
import { type ScheduleRecord } from './scheduleRecords';
import { parseScheduleExpression, ScheduleExpressionError } from '@s2z/schedule-expressions';
import { type ScheduleRunner } from './scheduleRunner';
import { isValidTimeZone } from '@s2z/schedule-expressions';
import { isReadOnlyAction, parseUniversalTarget } from './universalTargets';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const namePattern = /^[0-9a-zA-Z-_.]+$/;
const defaultGroup = 'default';

const validation = (message: string) => new ServiceError('ValidationException', message, 400);
const notFound = (message: string) => new ServiceError('ResourceNotFoundException', message, 404);
const conflict = (message: string) => new ServiceError('ConflictException', message, 409);

/** EventBridge Scheduler (restJson1): schedules in the default group, fired on the virtual clock. */
export function createSchedulerService(runner: ScheduleRunner): RestJsonService {
  const find = (name: string, group: string) => runner.state.schedules.find((s) => s.name === name && s.groupName === group);

  function checkGroup(group: string): void {
    if (group !== defaultGroup) throw notFound(`Schedule group ${group} does not exist.`);
  }

  function readSchedule(body: JsonObject, name: string, context: RequestContext, existing?: ScheduleRecord): ScheduleRecord {
    const input = JsonReader.of(body);
    const group = input.string('GroupName', { min: 1, max: 64, pattern: namePattern }) ?? defaultGroup;
    const expression = input.string('ScheduleExpression', { required: true, min: 1, max: 256 }) ?? '';
    const startDate = input.timestamp('StartDate');
    const endDate = input.timestamp('EndDate');
    const description = input.string('Description', { max: 512 });
    const timezone = input.string('ScheduleExpressionTimezone', { min: 1, max: 50 }) ?? 'UTC';
    const state = (input.string('State', { enum: ['ENABLED', 'DISABLED'] }) ?? 'ENABLED') as ScheduleRecord['state'];
    const kmsKeyArn = input.string('KmsKeyArn', { min: 1, max: 2048 });
    const target = input.object('Target', { required: true });
    const targetArn = target?.string('Arn', { required: true, min: 1, max: 1600 }) ?? '';
    target?.string('RoleArn', { required: true, min: 1, max: 1600, pattern: /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/ });
    target?.string('Input', { min: 1 });
    const window = input.object('FlexibleTimeWindow', { required: true });
    const mode = window?.string('Mode', { required: true, enum: ['OFF', 'FLEXIBLE'] });
    const windowMinutes = window?.integer('MaximumWindowInMinutes', { min: 1, max: 1440 });
    input.string('ClientToken', { min: 1, max: 64 });
    const after = (input.string('ActionAfterCompletion', { enum: ['NONE', 'DELETE'] }) ?? 'NONE') as ScheduleRecord['actionAfterCompletion'];
    input.finish();
    checkGroup(group);
    if (mode === 'FLEXIBLE' && windowMinutes === undefined) throw validation('MaximumWindowInMinutes is required when the FlexibleTimeWindow mode is FLEXIBLE.');
    try {
      parseScheduleExpression(expression);
    } catch (error) {
      if (error instanceof ScheduleExpressionError) throw validation(`Invalid Schedule Expression ${expression}.`);
      throw error;
    }
    if (!isValidTimeZone(timezone)) throw validation(`Invalid ScheduleExpressionTimezone ${timezone}.`);
    if (startDate !== undefined && endDate !== undefined && endDate <= startDate) throw validation('The EndDate must be after the StartDate.');
    const universal = parseUniversalTarget(targetArn);
    if (universal && isReadOnlyAction(universal.action)) {
      throw validation(`Read-only actions are not supported as universal targets: ${universal.service}:${universal.action}.`);
    }
    if (universal) {
      const raw = target?.raw('Input');
      if (typeof raw === 'string') {
        try {
          JSON.parse(raw);
        } catch {
          throw validation('Target Input must be valid JSON for a universal target.');
        }
      }
    }
    const now = context.now();
    return {
      name,
      groupName: group,
      arn: `arn:aws:scheduler:${context.region}:${context.accountId}:schedule/${group}/${name}`,
      expression,
      timezone,
      startDate,
      endDate,
      description,
      state,
      target: body.Target as Record<string, unknown>,
      flexibleTimeWindow: body.FlexibleTimeWindow as Record<string, unknown>,
      actionAfterCompletion: after,
      kmsKeyArn,
      creationDate: existing?.creationDate ?? now,
      lastModificationDate: now,
    };
  }

  function nameOf(request: RestRequest): string {
    const name = request.params.name;
    if (name.length < 1 || name.length > 64 || !namePattern.test(name)) {
      throw validation(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`);
    }
    return name;
  }

  const view = (s: ScheduleRecord) => ({
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
  });

  const schedulePath = /^\/schedules\/(?<name>[^/]+)$/;
  return {
    protocol: 'restJson',
    name: 'scheduler',
    signingName: 'scheduler',
    pathPrefixes: ['/schedules', '/schedule-groups', '/tags'],
    routes: [
      {
        method: 'POST',
        pattern: schedulePath,
        operation: 'CreateSchedule',
        handle: async (request, context) => {
          const name = nameOf(request);
          const schedule = readSchedule(parseJsonObject(request.body), name, context);
          if (find(name, schedule.groupName)) throw conflict(`Schedule ${name} already exists.`);
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
          const name = nameOf(request);
          const body = parseJsonObject(request.body);
          const group = typeof body.GroupName === 'string' ? body.GroupName : defaultGroup;
          const existing = find(name, group);
          if (!existing) {
            checkGroup(group);
            throw notFound(`Schedule ${name} does not exist.`);
          }
          const updated = readSchedule(body, name, context, existing);
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
          const name = nameOf(request);
          const group = request.query.get('groupName') ?? defaultGroup;
          checkGroup(group);
          const schedule = find(name, group);
          if (!schedule) throw notFound(`Schedule ${name} does not exist.`);
          sendRestJson(request.response, context.requestId, 200, view(schedule));
        },
      },
      {
        method: 'DELETE',
        pattern: schedulePath,
        operation: 'DeleteSchedule',
        handle: async (request, context) => {
          const name = nameOf(request);
          const group = request.query.get('groupName') ?? defaultGroup;
          checkGroup(group);
          const schedule = find(name, group);
          if (!schedule) throw notFound(`Schedule ${name} does not exist.`);
          runner.remove(schedule);
          sendRestJson(request.response, context.requestId, 200, {});
        },
      },
      {
        method: 'GET',
        pattern: /^\/schedules\/?$/,
        operation: 'ListSchedules',
        handle: async (request, context) => {
          const group = request.query.get('ScheduleGroup') ?? undefined;
          const prefix = request.query.get('NamePrefix') ?? undefined;
          const state = request.query.get('State') ?? undefined;
          const maxText = request.query.get('MaxResults');
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
          const token = request.query.get('NextToken');
          const start = token === null ? 0 : Number.parseInt(Buffer.from(token, 'base64').toString('utf8'), 10);
          if (!Number.isInteger(start) || start < 0) throw validation('Invalid NextToken.');
          const slice = items.slice(start, start + max);
          const next = start + max < items.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
          sendRestJson(request.response, context.requestId, 200, {
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
          });
        },
      },
      {
        method: 'GET',
        pattern: /^\/schedule-groups\/(?<name>[^/]+)$/,
        operation: 'GetScheduleGroup',
        handle: async (request, context) => {
          checkGroup(request.params.name);
          sendRestJson(request.response, context.requestId, 200, {
            Arn: `arn:aws:scheduler:${context.region}:${context.accountId}:schedule-group/default`,
            Name: defaultGroup,
            State: 'ACTIVE',
          });
        },
      },
      {
        method: 'GET',
        pattern: /^\/schedule-groups\/?$/,
        operation: 'ListScheduleGroups',
        handle: async (request, context) => {
          sendRestJson(request.response, context.requestId, 200, {
            ScheduleGroups: [{ Arn: `arn:aws:scheduler:${context.region}:${context.accountId}:schedule-group/default`, Name: defaultGroup, State: 'ACTIVE' }],
          });
        },
      },
    ],
  };
}
