#!/usr/bin/env node
// Writes src/protocols/inputConstraints.ts: every constraint AWS's models state on the inputs of the
// operations the emulator implements (required members, min/max lengths and ranges, patterns, enums;
// top-level and nested), read from botocore on this machine through @s2z/service-models, which also
// translates the models' Java patterns to JavaScript. The models are not copied into the repository:
// only what the emulator checks is kept. Run it again when an operation is added (the contract test
// test/contract/inputConstraints.test.ts fails until then):
//
//   node esbuild.mjs --tests && node scripts/input-constraints.mjs > src/protocols/inputConstraints.ts
import { compileJavaPattern, loadServiceModel, locateBotocore } from '@s2z/service-models';

/** The emulator's services (by its names) and botocore's, with the operations it implements. */
const services = {
  sagemaker: ['sagemaker', ['AddTags', 'CreateEndpoint', 'CreateEndpointConfig', 'CreateInferenceComponent', 'CreateModel', 'DeleteEndpoint', 'DeleteEndpointConfig', 'DeleteInferenceComponent', 'DeleteModel', 'DeleteTags', 'DescribeEndpoint', 'DescribeEndpointConfig', 'DescribeInferenceComponent', 'DescribeModel', 'ListEndpointConfigs', 'ListEndpoints', 'ListInferenceComponents', 'ListModels', 'ListTags', 'UpdateEndpoint', 'UpdateInferenceComponent', 'UpdateInferenceComponentRuntimeConfig']],
  'sagemaker-runtime': ['sagemaker-runtime', ['InvokeEndpoint', 'InvokeEndpointWithResponseStream']],
  'application-autoscaling': ['application-autoscaling', ['DeleteScalingPolicy', 'DeleteScheduledAction', 'DeregisterScalableTarget', 'DescribeScalableTargets', 'DescribeScalingActivities', 'DescribeScalingPolicies', 'DescribeScheduledActions', 'PutScalingPolicy', 'PutScheduledAction', 'RegisterScalableTarget']],
  monitoring: ['cloudwatch', ['DeleteAlarms', 'DescribeAlarmHistory', 'DescribeAlarms', 'DisableAlarmActions', 'EnableAlarmActions', 'GetMetricData', 'GetMetricStatistics', 'ListMetrics', 'PutMetricAlarm', 'SetAlarmState']],
  scheduler: ['scheduler', ['CreateSchedule', 'DeleteSchedule', 'GetSchedule', 'GetScheduleGroup', 'ListScheduleGroups', 'ListSchedules', 'UpdateSchedule']],
  logs: ['logs', ['DescribeLogGroups', 'DescribeLogStreams', 'FilterLogEvents', 'GetLogEvents']],
  account: ['account', ['ListRegions']],
  iam: ['iam', ['CreateRole', 'DeleteRole', 'DeleteRolePolicy', 'GetRole', 'GetRolePolicy', 'ListRolePolicies', 'ListRoles', 'PutRolePolicy']],
};

const numbers = new Set(['integer', 'long', 'float', 'double']);

function table(model, operations) {
  const shapes = {};
  const add = (name) => {
    if (Object.hasOwn(shapes, name)) return;
    const shape = model.shapes[name];
    shapes[name] = null;
    const limits = { ...(shape.min !== undefined ? { min: shape.min } : {}), ...(shape.max !== undefined ? { max: shape.max } : {}) };
    if (shape.type === 'structure' && !shape.document) {
      const members = Object.fromEntries(Object.entries(shape.members ?? {}).map(([member, ref]) => [member, ref.shape]));
      const bindings = Object.fromEntries(
        Object.entries(shape.members ?? {}).filter(([, ref]) => ref.location).map(([member, ref]) => [member, [ref.location, ref.locationName ?? member]]),
      );
      shapes[name] = {
        t: 'structure',
        members,
        ...(shape.required?.length ? { required: shape.required } : {}),
        ...(shape.union ? { union: true } : {}),
        ...(Object.keys(bindings).length ? { bindings } : {}),
        ...(shape.payload ? { payload: shape.payload } : {}),
      };
      for (const ref of Object.values(shape.members ?? {})) add(ref.shape);
    } else if (shape.type === 'list') {
      shapes[name] = { t: 'list', member: shape.member.shape, ...limits };
      add(shape.member.shape);
    } else if (shape.type === 'map') {
      shapes[name] = { t: 'map', key: shape.key.shape, value: shape.value.shape, ...limits };
      add(shape.key.shape);
      add(shape.value.shape);
    } else if (shape.type === 'string') {
      const pattern = shape.pattern === undefined ? {} : (() => {
        const regex = compileJavaPattern(shape.pattern);
        return { pattern: shape.pattern, regex: [regex.source, regex.flags] };
      })();
      shapes[name] = { t: 'string', ...limits, ...pattern, ...(shape.enum ? { enum: shape.enum } : {}) };
    } else if (numbers.has(shape.type)) {
      shapes[name] = { t: 'number', ...limits };
    } else if (shape.type === 'blob') {
      shapes[name] = { t: 'blob', ...limits };
    } else {
      shapes[name] = { t: 'other' };
    }
  };
  const ops = {};
  for (const operation of operations) {
    const input = model.operations[operation]?.input?.shape;
    if (!model.operations[operation]) throw new Error(`${model.name} has no operation ${operation}`);
    ops[operation] = input ?? null;
    if (input) add(input);
  }
  const sorted = Object.fromEntries(Object.keys(shapes).sort().map((name) => [name, shapes[name]]));
  return { operations: ops, shapes: sorted };
}

const out = [];
out.push(`// Generated by scripts/input-constraints.mjs from botocore ${locateBotocore().version}; do not edit.`);
out.push('// Every constraint of the input shapes of the operations the emulator implements, with each pattern as the');
out.push('// model writes it (what AWS quotes) and as a JavaScript regular expression matched whole (as the services match).');
out.push("import { type ConstraintTable } from './constraintValidation';");
out.push('');
for (const [service, [botocoreName, operations]] of Object.entries(services)) {
  const variable = service.replace(/-(\w)/g, (_whole, letter) => letter.toUpperCase());
  out.push(`export const ${variable}Constraints: ConstraintTable = ${JSON.stringify(table(loadServiceModel(botocoreName), operations))};`);
}
process.stdout.write(`${out.join('\n')}\n`);
