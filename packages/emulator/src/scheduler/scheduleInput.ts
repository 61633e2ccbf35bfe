import { isValidTimeZone, parseScheduleExpression, ScheduleExpressionError } from '@s2z/schedule-expressions';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type RequestContext, type RestRequest } from '../services/service';
import { type ScheduleRecord } from './scheduleRecords';
import { checkGroup, defaultGroup } from './scheduleGroups';
import { validation } from './schedulerErrors';
import { isReadOnlyAction, parseUniversalTarget } from './universalTargets';

const namePattern = /^[0-9a-zA-Z-_.]+$/;

/** Reads and validates a CreateSchedule / UpdateSchedule body into the schedule's record. */
export function readSchedule(body: JsonObject, name: string, context: RequestContext, existing?: ScheduleRecord): ScheduleRecord {
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
  checkScheduleExpression(expression);
  if (!isValidTimeZone(timezone)) throw validation(`Invalid ScheduleExpressionTimezone ${timezone}.`);
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate) throw validation('The EndDate must be after the StartDate.');
  checkUniversalTarget(targetArn, target?.raw('Input'));
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

/** The schedule name in the path, with the service's constraint message. */
export function scheduleName(request: RestRequest): string {
  const name = request.params.name;
  if (name.length < 1 || name.length > 64 || !namePattern.test(name)) {
    throw validation(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`);
  }
  return name;
}

function checkScheduleExpression(expression: string): void {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    if (error instanceof ScheduleExpressionError) throw validation(`Invalid Schedule Expression ${expression}.`);
    throw error;
  }
}

/** A universal target (arn:aws:scheduler:::aws-sdk:…) must call a write action, with JSON input. */
function checkUniversalTarget(targetArn: string, input: unknown): void {
  const universal = parseUniversalTarget(targetArn);
  if (universal && isReadOnlyAction(universal.action)) {
    throw validation(`Read-only actions are not supported as universal targets: ${universal.service}:${universal.action}.`);
  }
  if (universal && typeof input === 'string') {
    try {
      JSON.parse(input);
    } catch {
      throw validation('Target Input must be valid JSON for a universal target.');
    }
  }
}
