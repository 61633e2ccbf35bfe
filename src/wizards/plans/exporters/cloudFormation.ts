import { outputProducers, refsIn } from '../outputRefs';
import { type CreatedResource, isOutputRef, type Plan, type PlanStep, type PlanValue } from '../plan';
import { cloudFormationResourceTypes, createsCloudFormationResources } from './cloudFormationResources';
import { commentText, safeJson } from './escaping';

export { cloudFormationResourceTypes, createsCloudFormationResources };

/** The top-level properties each resource type takes (CloudFormation's names, which differ from the API's in places). */
const allowedProperties: Readonly<Record<string, readonly string[]>> = {
  'AWS::SageMaker::Model': ['Containers', 'EnableNetworkIsolation', 'ExecutionRoleArn', 'InferenceExecutionConfig', 'ModelName', 'PrimaryContainer', 'Tags', 'VpcConfig'],
  'AWS::SageMaker::EndpointConfig': [
    'AsyncInferenceConfig', 'DataCaptureConfig', 'EnableNetworkIsolation', 'EndpointConfigName', 'ExecutionRoleArn', 'ExplainerConfig', 'KmsKeyId',
    'ProductionVariants', 'ShadowProductionVariants', 'Tags', 'VpcConfig',
  ],
  'AWS::SageMaker::Endpoint': ['DeploymentConfig', 'EndpointConfigName', 'EndpointName', 'ExcludeRetainedVariantProperties', 'RetainAllVariantProperties', 'RetainDeploymentConfig', 'Tags'],
  'AWS::SageMaker::InferenceComponent': ['DeploymentConfig', 'EndpointArn', 'EndpointName', 'InferenceComponentName', 'RuntimeConfig', 'Specification', 'Tags', 'VariantName'],
  'AWS::ApplicationAutoScaling::ScalableTarget': ['MaxCapacity', 'MinCapacity', 'ResourceId', 'RoleARN', 'ScalableDimension', 'ScheduledActions', 'ServiceNamespace', 'SuspendedState'],
  'AWS::ApplicationAutoScaling::ScalingPolicy': [
    'PolicyName', 'PolicyType', 'PredictiveScalingPolicyConfiguration', 'ResourceId', 'ScalableDimension', 'ScalingTargetId', 'ServiceNamespace',
    'StepScalingPolicyConfiguration', 'TargetTrackingScalingPolicyConfiguration',
  ],
  'AWS::CloudWatch::Alarm': [
    'ActionsEnabled', 'AlarmActions', 'AlarmDescription', 'AlarmName', 'ComparisonOperator', 'DatapointsToAlarm', 'Dimensions', 'EvaluateLowSampleCountPercentile',
    'EvaluationPeriods', 'ExtendedStatistic', 'InsufficientDataActions', 'MetricName', 'Metrics', 'Namespace', 'OKActions', 'Period', 'Statistic', 'Tags',
    'Threshold', 'ThresholdMetricId', 'TreatMissingData', 'Unit',
  ],
  'AWS::IAM::Role': ['AssumeRolePolicyDocument', 'Description', 'ManagedPolicyArns', 'MaxSessionDuration', 'Path', 'PermissionsBoundary', 'Policies', 'RoleName', 'Tags'],
  'AWS::Scheduler::Schedule': [
    'Description', 'EndDate', 'FlexibleTimeWindow', 'GroupName', 'KmsKeyArn', 'Name', 'ScheduleExpression', 'ScheduleExpressionTimezone', 'StartDate', 'State', 'Target',
  ],
};

/**
 * How a `$ref` to a create call's response member reads in CloudFormation: `Ref` where the CloudFormation
 * User Guide says Ref returns that value, otherwise an attribute the resource specification lists for
 * Fn::GetAtt. A member with neither (a scalable target's ARN: Ref gives CloudFormation's own ID and there
 * is no ARN attribute; an inference component's name: no attribute) becomes a template parameter.
 */
export const outputIntrinsics: Readonly<Record<string, Readonly<Record<string, 'Ref' | string>>>> = {
  CreateModel: { ModelArn: 'Ref', ModelName: 'ModelName' },
  CreateEndpointConfig: { EndpointConfigArn: 'Ref', EndpointConfigName: 'EndpointConfigName' },
  CreateEndpoint: { EndpointArn: 'Ref', EndpointName: 'EndpointName' },
  CreateInferenceComponent: { InferenceComponentArn: 'InferenceComponentArn' },
  PutScalingPolicy: { PolicyARN: 'Arn' },
  PutMetricAlarm: { AlarmArn: 'Arn' },
  CreateSchedule: { ScheduleArn: 'Arn' },
  CreateRole: { 'Role.Arn': 'Arn', 'Role.RoleName': 'Ref', 'Role.RoleId': 'RoleId' },
};

/** Members that the API takes as a JSON string and CloudFormation as the JSON document itself. */
const documentMembers: ReadonlySet<string> = new Set(['AssumeRolePolicyDocument', 'PolicyDocument']);

export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

export interface CfnResource {
  Type: string;
  Properties: { [key: string]: CfnValue };
  DependsOn?: string[];
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata?: { [key: string]: CfnValue };
  Parameters?: { [key: string]: { Type: string; Description: string } };
  Resources: { [logicalId: string]: CfnResource };
  Outputs?: { [key: string]: { Description: string; Value: CfnValue } };
}

export interface CloudFormationExport {
  template: CfnTemplate;
  json: string;
  /** The same template as YAML, with the plan's notes and the steps CloudFormation cannot express as comments. */
  yaml: string;
  /** Steps not expressed as resources (changes to existing resources) and properties dropped, in words. */
  notes: string[];
}

function logicalIdOf(step: PlanStep, taken: Set<string>): string {
  const base =
    step.id
      .split(/[^A-Za-z0-9]+/)
      .filter((part) => part.length > 0)
      .map((part) => part[0].toUpperCase() + part.slice(1))
      .join('') || 'Resource';
  let id = /^[A-Za-z]/.test(base) ? base : `R${base}`;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return id;
}

/** The strings in a request that name another resource of the template (for DependsOn). */
function namesOf(resource: CreatedResource): string[] {
  switch (resource.kind) {
    case 'scalableTarget':
    case 'scalingPolicy':
    case 'scheduledAction':
    case 'rolePolicy':
      return [];
    case 'inferenceComponent':
      return [resource.name, `inference-component/${resource.name}`];
    default:
      return [resource.name];
  }
}

function stringsIn(value: PlanValue): string[] {
  if (typeof value === 'string') return [value];
  if (isOutputRef(value)) return [];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The logical ids a template value points at through Ref or Fn::GetAtt. */
function referencedIds(value: CfnValue): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value !== null && typeof value === 'object') {
    const ids: string[] = [];
    if (typeof value.Ref === 'string') ids.push(value.Ref);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') ids.push(getAtt[0]);
    return [...ids, ...Object.values(value).flatMap(referencedIds)];
  }
  return [];
}

/** A scalable target's key in a request: "resourceId|dimension". */
function targetKey(step: PlanStep): string {
  return `${String(step.input.ResourceId)}|${String(step.input.ScalableDimension)}`;
}

/** The members of PutScheduledAction that a scalable target's ScheduledActions entry takes. */
const scheduledActionMembers = ['ScheduledActionName', 'Schedule', 'Timezone', 'StartTime', 'EndTime', 'ScalableTargetAction'];

/** The template's parts, filled in step by step as `toCloudFormation` walks the plan. */
class TemplateBuilder {
  readonly notes: string[] = [];
  readonly resources: { [logicalId: string]: CfnResource } = {};
  readonly parameters: NonNullable<CfnTemplate['Parameters']> = {};
  readonly outputs: NonNullable<CfnTemplate['Outputs']> = {};
  private readonly taken = new Set<string>();
  private readonly logicalIds = new Map<string, string>();
  private readonly targets = new Map<string, string>(); // "resourceId|dimension" → logical id
  private readonly roles = new Map<string, string>(); // role name → logical id
  private readonly named: { logicalId: string; names: string[] }[] = [];

  constructor(private readonly producers: ReturnType<typeof outputProducers>) {}

  /** One step: folded into its scalable target, a resource, or (a change to something existing) a note. */
  addStep(step: PlanStep, index: number): void {
    const label = `Step ${index + 1} (${step.id}, ${step.service} ${step.operation})`;
    if (step.operation === 'PutScheduledAction' && !step.modifiesExisting && this.foldScheduledAction(step)) return;
    if (step.operation === 'PutRolePolicy' && this.foldRolePolicy(step)) return;
    const type = cloudFormationResourceTypes[step.operation];
    if (!type || step.modifiesExisting) {
      this.notes.push(`${label}: "${step.description}" changes an existing resource; CloudFormation has no resource for it. Run it separately: ${JSON.stringify(step.input)}`);
      return;
    }
    const logicalId = logicalIdOf(step, this.taken);
    this.logicalIds.set(step.id, logicalId);
    const properties = this.propertiesOf(step, type, label);
    if (type === 'AWS::SageMaker::InferenceComponent') this.completeSchedulingConfig(properties, label);
    if (type === 'AWS::ApplicationAutoScaling::ScalingPolicy') this.aimPolicyAtTarget(step, properties);
    if (type === 'AWS::ApplicationAutoScaling::ScalableTarget') this.targets.set(targetKey(step), logicalId);
    if (type === 'AWS::IAM::Role') this.roles.set(String(step.input.RoleName), logicalId);

    const dependsOn = this.dependenciesOf(step, properties);
    this.resources[logicalId] = { Type: type, Properties: properties, ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}) };
    if (step.creates) this.named.push({ logicalId, names: namesOf(step.creates) });
    this.addOutputs(step);
  }

  /** A scheduled action on a target of the template becomes an entry of its ScheduledActions; false when no such target. */
  private foldScheduledAction(step: PlanStep): boolean {
    const targetId = this.targets.get(targetKey(step));
    if (!targetId) return false;
    const action: { [key: string]: CfnValue } = {};
    for (const member of scheduledActionMembers) {
      if (step.input[member] !== undefined) action[member] = this.convert(step.input[member]);
    }
    const target = this.resources[targetId];
    target.Properties.ScheduledActions = [...((target.Properties.ScheduledActions as CfnValue[] | undefined) ?? []), action];
    return true;
  }

  /** An inline policy of a role of the template becomes an entry of its Policies; false when no such role. */
  private foldRolePolicy(step: PlanStep): boolean {
    const roleId = this.roles.get(String(step.input.RoleName));
    if (!roleId) return false;
    const role = this.resources[roleId];
    const policy = { PolicyName: this.convert(step.input.PolicyName), PolicyDocument: this.document(step.input.PolicyDocument) };
    role.Properties.Policies = [...((role.Properties.Policies as CfnValue[] | undefined) ?? []), policy];
    return true;
  }

  /** A policy document: the API's JSON string as the JSON itself (CloudFormation takes either; the object reads better). */
  private document(value: PlanValue): CfnValue {
    if (typeof value !== 'string') return this.convert(value);
    try {
      return JSON.parse(value) as CfnValue;
    } catch {
      return value;
    }
  }

  /** The request's members that the resource type takes, converted; the others are left out with a note. */
  private propertiesOf(step: PlanStep, type: string, label: string): { [key: string]: CfnValue } {
    const allowed = new Set(allowedProperties[type]);
    const properties: { [key: string]: CfnValue } = {};
    for (const [member, value] of Object.entries(step.input)) {
      if (!allowed.has(member)) {
        this.notes.push(`${label}: ${member} has no CloudFormation property on ${type}; it was left out (${JSON.stringify(value)}).`);
        continue;
      }
      properties[member] = documentMembers.has(member) ? this.document(value) : this.convert(value);
    }
    return properties;
  }

  /**
   * CloudFormation's InferenceComponentSchedulingConfig requires AvailabilityZoneBalance beside
   * PlacementStrategy (the API's model requires only the strategy): a placement without it gets
   * EnforcementMode PERMISSIVE, AWS's only mode (copies are balanced across zones when they can be,
   * never refused for it), and a note says so.
   */
  private completeSchedulingConfig(properties: { [key: string]: CfnValue }, label: string): void {
    const specification = properties.Specification;
    if (!specification || typeof specification !== 'object' || Array.isArray(specification)) return;
    const scheduling = specification.SchedulingConfig;
    if (!scheduling || typeof scheduling !== 'object' || Array.isArray(scheduling) || scheduling.AvailabilityZoneBalance !== undefined) return;
    scheduling.AvailabilityZoneBalance = { EnforcementMode: 'PERMISSIVE' };
    this.notes.push(
      `${label}: CloudFormation requires AvailabilityZoneBalance with SchedulingConfig, which the plan leaves out; the template sets EnforcementMode PERMISSIVE (copies are balanced across Availability Zones when they can be, never refused for it). The boto3 and AWS CLI exports leave it out, as the plan does.`,
    );
  }

  /** CloudFormation takes either the target's id or its three keys, not both: a policy on a target of the template takes its id. */
  private aimPolicyAtTarget(step: PlanStep, properties: { [key: string]: CfnValue }): void {
    const targetId = this.targets.get(targetKey(step));
    if (!targetId) return;
    delete properties.ResourceId;
    delete properties.ScalableDimension;
    delete properties.ServiceNamespace;
    properties.ScalingTargetId = { Ref: targetId };
  }

  /** Earlier resources the request names by string (not already referenced through Ref / GetAtt). */
  private dependenciesOf(step: PlanStep, properties: { [key: string]: CfnValue }): string[] {
    const mentioned = new Set(stringsIn(step.input));
    const refd = new Set(referencedIds(properties));
    return this.named
      .filter((entry) => !refd.has(entry.logicalId) && entry.names.some((name) => mentioned.has(name)))
      .map((entry) => entry.logicalId);
  }

  private addOutputs(step: PlanStep): void {
    for (const name of Object.keys(step.outputs ?? {})) {
      const value = this.resourceIntrinsic(name);
      const outputId = name.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (first) => first.toUpperCase());
      if (value && outputId) this.outputs[outputId] = { Description: `${step.description}: ${step.outputs?.[name]}`, Value: value };
    }
  }

  /** A `$ref` as Ref / Fn::GetAtt of the resource whose step produces it; undefined when no resource of the template gives it. */
  private resourceIntrinsic(refName: string): CfnValue | undefined {
    const producer = this.producers.get(refName);
    const logicalId = producer && this.logicalIds.get(producer.step.id);
    const attribute = producer && outputIntrinsics[producer.step.operation]?.[producer.path];
    if (!logicalId || !attribute) return undefined;
    return attribute === 'Ref' ? { Ref: logicalId } : { 'Fn::GetAtt': [logicalId, attribute] };
  }

  /** A `$ref` as an intrinsic of the resource that produces it, or as a template parameter when none does. */
  private intrinsicFor(refName: string): CfnValue {
    const intrinsic = this.resourceIntrinsic(refName);
    if (intrinsic) return intrinsic;
    const producer = this.producers.get(refName);
    const parameter = refName.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (first) => first.toUpperCase()) || 'Output';
    if (!this.parameters[parameter] && producer && this.logicalIds.has(producer.step.id)) {
      this.notes.push(`The output "${refName}" (${producer.path} of step ${producer.step.id}) cannot be read from ${this.logicalIds.get(producer.step.id)} in CloudFormation: it is a template parameter; fill it in after the resource exists.`);
    }
    this.parameters[parameter] = { Type: 'String', Description: `The "${refName}" output of ${producer ? `step ${producer.step.id}` : 'an earlier run'}.` };
    return { Ref: parameter };
  }

  private convert(value: PlanValue): CfnValue {
    if (isOutputRef(value)) return this.intrinsicFor(value.$ref);
    if (Array.isArray(value)) return value.map((item) => this.convert(item));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.convert(item)]));
    return value;
  }
}

/** A plan that only changes existing resources: CloudFormation has nothing to create, and a template needs a resource. */
export class NoCloudFormationResourcesError extends Error {
  constructor(plan: Plan) {
    super(
      `"${plan.title}" only changes resources that already exist (${plan.steps.map((step) => step.operation).join(', ')}): a CloudFormation template needs at least one resource to create, and CloudFormation cannot change resources outside its stacks. Export the plan as a boto3 script or AWS CLI commands instead.`,
    );
    this.name = 'NoCloudFormationResourcesError';
  }
}

/**
 * The plan as a CloudFormation template: one resource per create step with CloudFormation's types and
 * property names, `$ref`s as Ref / Fn::GetAtt, dependencies on resources named by earlier steps,
 * scheduled actions folded into their scalable target and inline policies into their IAM role. Steps that change existing resources have no
 * CloudFormation equivalent: they are listed as notes (comments in the YAML, Metadata in both). A plan
 * with nothing to create has no template (NoCloudFormationResourcesError; the review page does not offer it).
 */
export function toCloudFormation(plan: Plan): CloudFormationExport {
  if (!createsCloudFormationResources(plan)) throw new NoCloudFormationResourcesError(plan);
  const producers = outputProducers(plan);
  const builder = new TemplateBuilder(producers);
  for (const [index, step] of plan.steps.entries()) builder.addStep(step, index);
  for (const step of plan.steps) {
    for (const ref of refsIn(step.input)) if (!producers.has(ref)) builder.notes.push(`The output "${ref}" used by step ${step.id} comes from no step: it is a template parameter.`);
  }
  return exportOf(plan, builder);
}

/** The finished template as JSON and as YAML with the notes as a comment header. */
/** The longest start of `text` within `limit` UTF-8 bytes, never splitting a character (CloudFormation counts a description's bytes). */
function withinBytes(text: string, limit: number): string {
  const encoder = new TextEncoder();
  let kept = '';
  let bytes = 0;
  for (const character of text) {
    bytes += encoder.encode(character).length;
    if (bytes > limit) break;
    kept += character;
  }
  return kept;
}

/** CloudFormation creates a role with a name only when the deployer acknowledges it (AWS CloudFormation User Guide, IAM capabilities). */
function capabilityNotes(resources: { [logicalId: string]: CfnResource }): string[] {
  const named = Object.values(resources).filter((resource) => resource.Type === 'AWS::IAM::Role' && typeof resource.Properties.RoleName === 'string');
  if (named.length === 0) return [];
  return [
    `This template creates the IAM role ${named.map((resource) => String(resource.Properties.RoleName)).join(', ')} by name: deploy it with --capabilities CAPABILITY_NAMED_IAM (aws cloudformation deploy or create-stack), or tick the IAM acknowledgement in the console.`,
  ];
}

function exportOf(plan: Plan, { notes, parameters, resources, outputs }: TemplateBuilder): CloudFormationExport {
  const deploy = capabilityNotes(resources);
  const template: CfnTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: withinBytes(`${plan.title} (generated by SageMaker Scale to Zero)`, 1024),
    ...(notes.length > 0 || deploy.length > 0 || plan.notes?.length ? { Metadata: { PlanNotes: [...deploy, ...(plan.notes ?? []), ...notes] } } : {}),
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    Resources: resources,
    ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {}),
  };
  const header = [
    `# ${plan.title}`,
    '# Generated by SageMaker Scale to Zero from a plan.',
    ...(plan.cost ? [`# Cost: ${plan.cost.description}`] : []),
    ...deploy.map((note) => `# Deploy: ${note}`),
    ...(plan.notes ?? []).map((note) => `# Note: ${note}`),
    ...notes.map((note) => `# Not in this template: ${note}`),
  ].map((line) => `# ${commentText(line.slice(2))}`);
  return { template, json: `${safeJson(template, 2)}\n`, yaml: `${header.join('\n')}\n${toYaml(template as unknown as CfnValue)}`, notes };
}

/**
 * A number as text YAML 1.1 reads back as that number: JavaScript's shortest form of a very small or
 * large one (`5e-7`, `1e+21`) has no dot, and YAML 1.1 (PyYAML, the AWS CLI) reads it as a string;
 * `5.0e-7` is a float to YAML 1.1, YAML 1.2 and JSON alike.
 */
function yamlNumber(value: number): string {
  const text = String(value);
  return text.includes('e') && !text.includes('.') ? text.replace('e', '.0e') : text;
}

function yamlScalar(value: CfnValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return safeJson(value);
  if (typeof value === 'number') return yamlNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '[]';
  return '{}';
}

function isBlock(value: CfnValue): boolean {
  return value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

/** Plain scalars YAML 1.1 reads as booleans or null rather than as the string (`On`, `no`, `Y`, `null`). */
const yaml11Special = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_:.-]*$/.test(key) && !key.endsWith(':') && !yaml11Special.test(key) ? key : safeJson(key);
}

/**
 * A small block-style YAML writer: strings double-quoted (JSON escapes are valid YAML), with every line
 * break and control character escaped, so nothing is misread by a YAML 1.1 or 1.2 parser.
 */
export function toYaml(value: CfnValue, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (!isBlock(value)) return `${pad}${yamlScalar(value)}\n`;
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (!isBlock(item)) return `${pad}- ${yamlScalar(item)}\n`;
        const nested = toYaml(item, indent + 2);
        return `${pad}- ${nested.slice(indent + 2)}`;
      })
      .join('');
  }
  return Object.entries(value as { [key: string]: CfnValue })
    .map(([key, item]) => (isBlock(item) ? `${pad}${yamlKey(key)}:\n${toYaml(item, indent + 2)}` : `${pad}${yamlKey(key)}: ${yamlScalar(item)}\n`))
    .join('');
}
