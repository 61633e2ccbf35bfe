import { cloudFormationResourceTypes } from '../../src/wizards/plans/exporters/cloudFormation';
import { isOutputRef, type Plan, type PlanStep, type PlanValue } from '../../src/wizards/plans/plan';

/**
 * Whether a CloudFormation template (as a parser read it back) holds exactly what the plan asks for:
 * every step is a resource whose properties equal the request's members (a `$ref` as Ref / Fn::GetAtt
 * of the resource that produces it, a policy document as the JSON itself), is folded into its scalable
 * target or IAM role, or is a note that carries its full request; every member left out is named in a
 * note, and no property comes from nowhere. Returns the differences in words.
 */

type Template = {
  Parameters?: Record<string, unknown>;
  Metadata?: { PlanNotes?: string[] };
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};

/** The members that name each resource in a request and in the template. */
const identity: Record<string, string[]> = {
  'AWS::SageMaker::Model': ['ModelName'],
  'AWS::SageMaker::EndpointConfig': ['EndpointConfigName'],
  'AWS::SageMaker::Endpoint': ['EndpointName'],
  'AWS::SageMaker::InferenceComponent': ['InferenceComponentName'],
  'AWS::ApplicationAutoScaling::ScalableTarget': ['ResourceId', 'ScalableDimension'],
  'AWS::ApplicationAutoScaling::ScalingPolicy': ['PolicyName'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::Scheduler::Schedule': ['Name'],
  'AWS::IAM::Role': ['RoleName'],
};

/** Members the API takes as a JSON string, CloudFormation as the document (or the string, when it is not JSON). */
const documents = new Set(['AssumeRolePolicyDocument', 'PolicyDocument']);
/** What Ref returns for each type, as the CloudFormation User Guide's "Return values" say (the API member that holds it). */
export const refReturns: Readonly<Record<string, string>> = {
  'AWS::SageMaker::Model': 'ModelArn',
  'AWS::SageMaker::EndpointConfig': 'EndpointConfigArn',
  'AWS::SageMaker::Endpoint': 'EndpointArn',
  'AWS::ApplicationAutoScaling::ScalingPolicy': 'PolicyARN',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::IAM::Role': 'Role.RoleName',
};
const aimedMembers = ['ResourceId', 'ScalableDimension', 'ServiceNamespace'];

const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
  return value;
}

function documentOf(value: PlanValue): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function templateDifferences(plan: Plan, template: Template): string[] {
  const differences: string[] = [];
  const notes = template.Metadata?.PlanNotes ?? [];
  const resources = Object.entries(template.Resources ?? {});
  const used = new Map<string, Set<string>>(resources.map(([id]) => [id, new Set()]));

  const resourceOf = (step: PlanStep): [string, { Type: string; Properties: Record<string, unknown> }] | undefined => {
    const type = cloudFormationResourceTypes[step.operation];
    const keys = identity[type] ?? [];
    const found = resources.filter(([, resource]) => resource.Type === type && keys.every((key) => same(resource.Properties[key], step.input[key])));
    return found.length === 1 ? found[0] : undefined;
  };

  /** The note that stands for a whole step: names it and carries its request, exactly. */
  const noted = (step: PlanStep): boolean => {
    const label = `(${step.id}, ${step.service} ${step.operation})`;
    return notes.some((note) => {
      if (!note.includes(label)) return false;
      const request = note.slice(note.indexOf('Run it separately: ') + 'Run it separately: '.length);
      try {
        return same(JSON.parse(request), step.input);
      } catch {
        return false;
      }
    });
  };

  /** What a request value becomes in the template. */
  const expected = (value: PlanValue, where: string, actual: unknown): boolean => {
    if (isOutputRef(value)) return refMatches(value.$ref, where, actual);
    if (Array.isArray(value)) return Array.isArray(actual) && actual.length === value.length && value.every((item, index) => expected(item, `${where}[${index}]`, actual[index]));
    if (value !== null && typeof value === 'object') {
      if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
      const keys = Object.keys(value);
      return same(keys.sort(), Object.keys(actual).sort()) && keys.every((key) => expected(value[key], `${where}.${key}`, (actual as Record<string, unknown>)[key]));
    }
    return Object.is(value, actual);
  };

  const refMatches = (ref: string, where: string, actual: unknown): boolean => {
    const producer = plan.steps.find((step) => step.outputs && ref in step.outputs);
    const path = producer?.outputs?.[ref] ?? '';
    const target = producer && resourceOf(producer);
    const value = actual as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    if (!target) {
      const ok = typeof value?.Ref === 'string' && !!template.Parameters?.[value.Ref];
      if (!ok) differences.push(`${where}: "${ref}" comes from no resource of the template, so it should be a parameter, not ${JSON.stringify(actual)}`);
      return ok;
    }
    const [logicalId, resource] = target;
    if (value?.Ref === logicalId) {
      if (refReturns[resource.Type] === path) return true;
      differences.push(`${where}: Ref ${logicalId} gives ${refReturns[resource.Type] ?? 'something the User Guide does not say'} for ${resource.Type}, not ${path}`);
      return false;
    }
    const getAtt = value?.['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[0] === logicalId && path.toLowerCase().endsWith(String(getAtt[1]).toLowerCase())) return true;
    if (typeof value?.Ref === 'string' && template.Parameters?.[value.Ref] && notes.some((note) => note.includes(`"${ref}"`) && note.includes('parameter'))) return true;
    differences.push(`${where}: "${ref}" (${path} of ${logicalId}) reads as ${JSON.stringify(actual)}`);
    return false;
  };

  for (const step of plan.steps) {
    const where = `step ${step.id} (${step.operation})`;
    const type = cloudFormationResourceTypes[step.operation];
    if (step.operation === 'PutScheduledAction' || step.operation === 'PutRolePolicy') {
      const owner = step.operation === 'PutScheduledAction'
        ? resources.find(([, r]) => r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget' && same(r.Properties.ResourceId, step.input.ResourceId) && same(r.Properties.ScalableDimension, step.input.ScalableDimension))
        : resources.find(([, r]) => r.Type === 'AWS::IAM::Role' && same(r.Properties.RoleName, step.input.RoleName));
      if (step.modifiesExisting || !owner) {
        if (!noted(step)) differences.push(`${where}: neither in the template nor in a note with its request`);
        continue;
      }
      const [ownerId, resource] = owner;
      const list = step.operation === 'PutScheduledAction' ? 'ScheduledActions' : 'Policies';
      const nameKey = step.operation === 'PutScheduledAction' ? 'ScheduledActionName' : 'PolicyName';
      used.get(ownerId)?.add(list);
      const entry = ((resource.Properties[list] ?? []) as Record<string, unknown>[]).find((item) => same(item[nameKey], step.input[nameKey]));
      if (!entry) {
        differences.push(`${where}: ${ownerId}.${list} has no entry ${String(step.input[nameKey])}`);
        continue;
      }
      const keysOfOwner = step.operation === 'PutScheduledAction' ? aimedMembers : ['RoleName'];
      for (const [member, value] of Object.entries(step.input)) {
        if (keysOfOwner.includes(member)) continue;
        const ok = documents.has(member) ? same(entry[member], documentOf(value)) : expected(value, `${where}.${member}`, entry[member]);
        if (!ok) differences.push(`${where}.${member}: the plan holds ${JSON.stringify(value)}, ${ownerId}.${list} ${JSON.stringify(entry[member])}`);
      }
      for (const key of Object.keys(entry)) if (!(key in step.input)) differences.push(`${where}: ${ownerId}.${list} has ${key}, which the request does not`);
      continue;
    }
    if (!type || step.modifiesExisting) {
      if (!noted(step)) differences.push(`${where}: neither in the template nor in a note with its request`);
      continue;
    }
    const found = resourceOf(step);
    if (!found) {
      differences.push(`${where}: no single ${type} named by ${identity[type]?.join(', ')} in the template`);
      continue;
    }
    const [logicalId, resource] = found;
    const properties = resource.Properties;
    for (const [member, value] of Object.entries(step.input)) {
      if (member in properties) {
        used.get(logicalId)?.add(member);
        const actual = type === 'AWS::SageMaker::InferenceComponent' && member === 'Specification' ? withoutNotedZoneBalance(value, properties[member], notes) : properties[member];
        const ok = documents.has(member) ? same(actual, documentOf(value)) : expected(value, `${where}.${member}`, actual);
        if (!ok) differences.push(`${where}.${member}: the plan holds ${JSON.stringify(value)}, the template ${JSON.stringify(properties[member])}`);
        continue;
      }
      const aimed = type === 'AWS::ApplicationAutoScaling::ScalingPolicy' && aimedMembers.includes(member) && properties.ScalingTargetId !== undefined;
      if (aimed) {
        const targetId = (properties.ScalingTargetId as { Ref?: string }).Ref ?? '';
        const target = template.Resources[targetId];
        used.get(logicalId)?.add('ScalingTargetId');
        if (target?.Type !== 'AWS::ApplicationAutoScaling::ScalableTarget' || !same(target.Properties[member], value)) differences.push(`${where}.${member}: ScalingTargetId names ${targetId}, whose ${member} is not ${JSON.stringify(value)}`);
        continue;
      }
      if (!notes.some((note) => note.includes(`(${step.id}, `) && note.includes(`${member} has no CloudFormation property on ${type}`) && note.includes(JSON.stringify(value)))) {
        differences.push(`${where}.${member}: left out of ${logicalId} without a note saying so`);
      }
    }
  }
  for (const [logicalId, resource] of resources) {
    for (const property of Object.keys(resource.Properties)) {
      if (!used.get(logicalId)?.has(property)) differences.push(`${logicalId}.${property}: no step of the plan asks for it`);
    }
  }
  return differences;
}

/**
 * The template's inference component Specification without the AvailabilityZoneBalance the exporter
 * adds (EnforcementMode PERMISSIVE) where the plan has a SchedulingConfig without one, as CloudFormation
 * requires: only when a note says so, so that an addition nobody explains still counts as a difference.
 */
function withoutNotedZoneBalance(planned: unknown, actual: unknown, notes: readonly string[]): unknown {
  const plannedScheduling = (planned as { SchedulingConfig?: Record<string, unknown> } | undefined)?.SchedulingConfig;
  const actualSpec = actual as { SchedulingConfig?: Record<string, unknown> } | undefined;
  const added = actualSpec?.SchedulingConfig?.AvailabilityZoneBalance as { EnforcementMode?: unknown } | undefined;
  const explained = notes.some((note) => note.includes('CloudFormation requires AvailabilityZoneBalance with SchedulingConfig'));
  if (!plannedScheduling || plannedScheduling.AvailabilityZoneBalance !== undefined || added?.EnforcementMode !== 'PERMISSIVE' || !explained) return actual;
  const { AvailabilityZoneBalance: _added, ...scheduling } = actualSpec!.SchedulingConfig!;
  return { ...actualSpec, SchedulingConfig: scheduling };
}
