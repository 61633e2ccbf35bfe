import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

/**
 * Checks a CloudFormation template against the CloudFormation resource specification that the AWS CDK
 * publishes (`@aws-cdk/aws-service-spec`, built from CloudFormation's registry schemas): the template's
 * sections, every resource type, every property name at every level (nested property types included),
 * required properties, value types (string and its allowed values, integer, number, boolean, JSON, tag,
 * list, map, nested type), intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join) naming resources,
 * parameters and attributes that exist, DependsOn naming resources of the template, and no cycle among
 * the resources. What CloudFormation says a Ref returns is not in the specification: a Ref counts as a
 * string. Returns the problems in words, and what it checked.
 */

type SpecType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'integer'; allowedValues?: number[] }
  | { type: 'number' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] };

interface SpecProperty {
  required?: boolean;
  type: SpecType;
}

interface SpecResource {
  cloudFormationType: string;
  properties: Record<string, SpecProperty>;
  attributes: Record<string, { type: SpecType }>;
}

interface SpecTypeDefinition {
  name: string;
  properties: Record<string, SpecProperty>;
}

export interface TemplateCheck {
  problems: string[];
  resources: number;
  /** Property values checked against their specification, at every level. */
  properties: number;
  /** Ref, Fn::GetAtt, Fn::Sub and DependsOn targets checked. */
  references: number;
}

const templateSections = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs']);
const resourceKeys = new Set(['Type', 'Properties', 'DependsOn', 'Metadata', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy']);
const pseudoParameters = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const parameterTypes = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Value<.+>)$/;
const logicalId = /^[A-Za-z0-9]{1,255}$/;
/** CloudFormation's limits (AWS CloudFormation User Guide, "Understand CloudFormation quotas"). */
const limits = { description: 1024, resources: 500, outputs: 200, parameters: 200, bodyBytes: 51_200 };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The one intrinsic function an object is, if it is one (a single key Ref or Fn::…). */
function intrinsicOf(value: Json): { name: string; argument: Json } | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !(keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return undefined;
  return { name: keys[0], argument: value[keys[0]] };
}

export class CloudFormationSpec {
  private constructor(private readonly db: ReturnType<typeof loadAwsServiceSpecSync>) {}

  /** Loads the specification's database (about a second: load it once per test file). */
  static load(): CloudFormationSpec {
    return new CloudFormationSpec(loadAwsServiceSpecSync());
  }

  resource(type: string): SpecResource | undefined {
    const found = this.db.lookup('resource', 'cloudFormationType', 'equals', type);
    return found.length === 1 ? (found[0] as unknown as SpecResource) : undefined;
  }

  private definition(id: string): SpecTypeDefinition | undefined {
    return this.db.get('typeDefinition', id) as unknown as SpecTypeDefinition | undefined;
  }

  check(template: unknown, text?: string): TemplateCheck {
    return new TemplateChecker(this, template, text).run();
  }

  /** The nested property type a `ref` names. */
  typeDefinition(type: { reference: { $ref: string } }): SpecTypeDefinition | undefined {
    return this.definition(type.reference.$ref);
  }
}

/** One template's check: walks its sections, collecting problems and counts. */
class TemplateChecker {
  private readonly problems: string[] = [];
  private properties = 0;
  private references = 0;
  private readonly resources: Record<string, { Type?: Json; Properties?: Json; DependsOn?: Json }> = {};
  private readonly parameters = new Set<string>();
  /** Resource → resources it needs first (Ref, Fn::GetAtt, Fn::Sub, DependsOn). */
  private readonly edges = new Map<string, Set<string>>();

  constructor(
    private readonly spec: CloudFormationSpec,
    private readonly template: unknown,
    private readonly text?: string,
  ) {}

  private problem(where: string, what: string): void {
    this.problems.push(`${where}: ${what}`);
  }

  run(): TemplateCheck {
    const template = this.template;
    if (!isObject(template)) {
      this.problem('template', 'is not an object');
      return this.result();
    }
    if (this.text !== undefined && bytes(this.text) > limits.bodyBytes) this.problem('template', `has ${bytes(this.text)} bytes, more than the ${limits.bodyBytes} a template body may have`);
    for (const section of Object.keys(template)) if (!templateSections.has(section)) this.problem('template', `has no section ${section}`);
    if (template.AWSTemplateFormatVersion !== undefined && template.AWSTemplateFormatVersion !== '2010-09-09') this.problem('AWSTemplateFormatVersion', `is ${JSON.stringify(template.AWSTemplateFormatVersion)}, not "2010-09-09"`);
    if (template.Description !== undefined) {
      if (typeof template.Description !== 'string') this.problem('Description', 'is not a string');
      else if (bytes(template.Description) > limits.description) this.problem('Description', `has ${bytes(template.Description)} bytes, more than ${limits.description}`);
    }
    this.readParameters(template.Parameters);
    const resources = template.Resources;
    if (!isObject(resources) || Object.keys(resources).length === 0) {
      this.problem('Resources', 'CloudFormation needs at least one resource in a template');
    } else {
      if (Object.keys(resources).length > limits.resources) this.problem('Resources', `has ${Object.keys(resources).length} resources, more than ${limits.resources}`);
      for (const [id, resource] of Object.entries(resources)) {
        if (!logicalId.test(id)) this.problem(`Resources.${id}`, 'a logical ID is 1–255 letters and digits');
        if (!isObject(resource)) this.problem(`Resources.${id}`, 'is not an object');
        else this.resources[id] = resource;
      }
      for (const [id, resource] of Object.entries(this.resources)) this.checkResource(id, resource as { [key: string]: Json });
      this.checkCycles();
    }
    this.checkOutputs(template.Outputs);
    return this.result();
  }

  private result(): TemplateCheck {
    return { problems: this.problems, resources: Object.keys(this.resources).length, properties: this.properties, references: this.references };
  }

  private readParameters(parameters: Json | undefined): void {
    if (parameters === undefined) return;
    if (!isObject(parameters)) return this.problem('Parameters', 'is not an object');
    if (Object.keys(parameters).length > limits.parameters) this.problem('Parameters', `has more than ${limits.parameters} parameters`);
    for (const [id, parameter] of Object.entries(parameters)) {
      if (!logicalId.test(id)) this.problem(`Parameters.${id}`, 'a logical ID is 1–255 letters and digits');
      if (!isObject(parameter) || typeof parameter.Type !== 'string' || !parameterTypes.test(parameter.Type)) this.problem(`Parameters.${id}`, `has no valid Type (${JSON.stringify(isObject(parameter) ? parameter.Type : parameter)})`);
      if (isObject(parameter) && typeof parameter.Description === 'string' && bytes(parameter.Description) > 4000) this.problem(`Parameters.${id}`, 'has a Description over 4000 bytes');
      this.parameters.add(id);
    }
  }

  private checkResource(id: string, resource: { [key: string]: Json }): void {
    const where = `Resources.${id}`;
    for (const key of Object.keys(resource)) if (!resourceKeys.has(key)) this.problem(where, `a resource has no attribute ${key}`);
    const type = resource.Type;
    const spec = typeof type === 'string' ? this.spec.resource(type) : undefined;
    if (!spec) {
      this.problem(where, `Type ${JSON.stringify(type)} is not a CloudFormation resource type`);
      return;
    }
    const properties = resource.Properties ?? {};
    if (!isObject(properties)) this.problem(`${where}.Properties`, 'is not an object');
    else this.checkObject(`${where}.Properties`, properties, spec.properties, `${spec.cloudFormationType}`, id);
    const dependsOn = resource.DependsOn;
    if (dependsOn !== undefined) {
      const names = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : [dependsOn];
      for (const name of names) {
        this.references++;
        if (typeof name !== 'string' || !(name in this.resources)) this.problem(`${where}.DependsOn`, `names ${JSON.stringify(name)}, which is no resource of the template`);
        else if (name === id) this.problem(`${where}.DependsOn`, 'names the resource itself');
        else this.edge(id, name);
      }
    }
  }

  private edge(from: string | undefined, to: string): void {
    if (!from) return;
    const set = this.edges.get(from) ?? new Set<string>();
    set.add(to);
    this.edges.set(from, set);
  }

  /** Properties of a resource or nested type: each known, the required ones present, each value of its type. */
  private checkObject(where: string, value: { [key: string]: Json }, properties: Record<string, SpecProperty>, typeName: string, owner: string | undefined): void {
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && value[name] === undefined) this.problem(where, `${typeName} requires ${name}`);
    }
    for (const [name, item] of Object.entries(value)) {
      const property = properties[name];
      if (!property) {
        this.problem(`${where}.${name}`, `${typeName} has no property ${name} (it has ${Object.keys(properties).sort().join(', ')})`);
        continue;
      }
      this.checkValue(`${where}.${name}`, item, property.type, owner);
    }
  }

  private checkValue(where: string, value: Json, type: SpecType, owner: string | undefined): void {
    this.properties++;
    const intrinsic = intrinsicOf(value);
    if (intrinsic) {
      const produces = this.checkIntrinsic(where, intrinsic, owner);
      if (produces && !this.accepts(type, produces)) this.problem(where, `${intrinsic.name} gives a ${describe(produces)} where the specification expects ${describe(type)}`);
      return;
    }
    const mismatch = this.mismatch(where, value, type, owner);
    if (mismatch) this.problem(where, mismatch);
  }

  /** Whether a value of type `produced` (an intrinsic's result) fits `expected`. */
  private accepts(expected: SpecType, produced: SpecType): boolean {
    if (expected.type === 'union') return expected.types.some((type) => this.accepts(type, produced));
    if (expected.type === 'json') return true;
    if (expected.type === 'date-time') return produced.type === 'string';
    return expected.type === produced.type;
  }

  /** Why `value` is not of `type` (undefined when it is); nested values are checked, and count, on the way. */
  private mismatch(where: string, value: Json, type: SpecType, owner: string | undefined): string | undefined {
    switch (type.type) {
      case 'union': {
        const fitting = type.types.find((candidate) => this.quietlyFits(value, candidate));
        if (!fitting) return `${JSON.stringify(value)?.slice(0, 80)} is none of ${type.types.map(describe).join(', ')}`;
        this.properties--;
        this.checkValue(where, value, fitting, owner);
        return undefined;
      }
      case 'string':
        if (typeof value !== 'string') return `expects a string, not ${JSON.stringify(value)}`;
        if (type.allowedValues && !type.allowedValues.includes(value)) return `${JSON.stringify(value)} is not one of the allowed values ${type.allowedValues.join(', ')}`;
        return undefined;
      case 'date-time':
        return typeof value === 'string' ? undefined : `expects a date-time string, not ${JSON.stringify(value)}`;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return `expects an integer, not ${JSON.stringify(value)}`;
        if (type.allowedValues && !type.allowedValues.includes(value)) return `${value} is not one of the allowed values ${type.allowedValues.join(', ')}`;
        return undefined;
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? undefined : `expects a number, not ${JSON.stringify(value)}`;
      case 'boolean':
        return typeof value === 'boolean' ? undefined : `expects a boolean, not ${JSON.stringify(value)}`;
      case 'null':
        return value === null ? undefined : `expects null, not ${JSON.stringify(value)}`;
      case 'json':
        if (typeof value !== 'object' || value === null) return `expects a JSON object, not ${JSON.stringify(value)}`;
        this.checkIntrinsicsWithin(where, value, owner);
        return undefined;
      case 'tag':
        if (!isObject(value)) return `expects a tag { Key, Value }, not ${JSON.stringify(value)}`;
        this.checkObject(where, value, { Key: { required: true, type: { type: 'string' } }, Value: { required: true, type: { type: 'string' } } }, 'Tag', owner);
        return undefined;
      case 'array':
        if (!Array.isArray(value)) return `expects a list, not ${JSON.stringify(value)?.slice(0, 80)}`;
        value.forEach((item, index) => this.checkValue(`${where}[${index}]`, item, type.element, owner));
        return undefined;
      case 'map':
        if (!isObject(value)) return `expects a map, not ${JSON.stringify(value)?.slice(0, 80)}`;
        for (const [key, item] of Object.entries(value)) this.checkValue(`${where}.${key}`, item, type.element, owner);
        return undefined;
      case 'ref': {
        const definition = this.spec.typeDefinition(type);
        if (!definition) return `the specification has no type ${type.reference.$ref}`;
        if (!isObject(value)) return `expects a ${definition.name} object, not ${JSON.stringify(value)?.slice(0, 80)}`;
        this.checkObject(where, value, definition.properties, definition.name, owner);
        return undefined;
      }
    }
  }

  /** Whether a value has the shape of `type` at its top level (to pick a union's member). */
  private quietlyFits(value: Json, type: SpecType): boolean {
    switch (type.type) {
      case 'string':
      case 'date-time':
        return typeof value === 'string' || !!intrinsicOf(value);
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value);
      case 'number':
        return typeof value === 'number';
      case 'boolean':
        return typeof value === 'boolean';
      case 'null':
        return value === null;
      case 'array':
        return Array.isArray(value);
      case 'json':
        return typeof value === 'object' && value !== null;
      case 'map':
      case 'ref':
      case 'tag':
        return isObject(value) && !intrinsicOf(value);
      case 'union':
        return type.types.some((candidate) => this.quietlyFits(value, candidate));
    }
  }

  /** Intrinsics anywhere inside a JSON value (a policy document may hold a Ref). */
  private checkIntrinsicsWithin(where: string, value: Json, owner: string | undefined): void {
    const intrinsic = intrinsicOf(value);
    if (intrinsic) {
      this.checkIntrinsic(where, intrinsic, owner);
      return;
    }
    if (Array.isArray(value)) value.forEach((item, index) => this.checkIntrinsicsWithin(`${where}[${index}]`, item, owner));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) this.checkIntrinsicsWithin(`${where}.${key}`, item, owner);
  }

  /** Checks an intrinsic function's targets; returns the type of what it gives, when known. */
  private checkIntrinsic(where: string, { name, argument }: { name: string; argument: Json }, owner: string | undefined): SpecType | undefined {
    switch (name) {
      case 'Ref':
        this.checkRef(where, argument, owner);
        return { type: 'string' };
      case 'Fn::GetAtt':
        return this.checkGetAtt(where, argument, owner);
      case 'Fn::Sub':
        this.checkSub(where, argument, owner);
        return { type: 'string' };
      case 'Fn::Join':
        if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') this.problem(where, 'Fn::Join takes [delimiter, [values]]');
        else this.checkIntrinsicsWithin(where, argument[1], owner);
        return { type: 'string' };
      default:
        this.problem(where, `${name}: this checker does not know it; add it to test/support/cloudFormationSpecCheck.ts`);
        return undefined;
    }
  }

  private checkRef(where: string, target: Json, owner: string | undefined): void {
    this.references++;
    if (typeof target !== 'string') return this.problem(where, `Ref takes a name, not ${JSON.stringify(target)}`);
    if (pseudoParameters.has(target) || this.parameters.has(target)) return;
    if (!(target in this.resources)) return this.problem(where, `Ref ${target}: no resource or parameter of the template has that logical ID`);
    if (target === owner) return this.problem(where, `Ref ${target}: a resource cannot refer to itself`);
    this.edge(owner, target);
  }

  private checkGetAtt(where: string, argument: Json, owner: string | undefined): SpecType | undefined {
    this.references++;
    const parts = typeof argument === 'string' ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)] : argument;
    if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
      this.problem(where, `Fn::GetAtt takes [logicalId, attribute], not ${JSON.stringify(argument)}`);
      return undefined;
    }
    const [id, attribute] = parts;
    const resource = this.resources[id];
    if (!resource) {
      this.problem(where, `Fn::GetAtt ${id}.${attribute}: no resource of the template has the logical ID ${id}`);
      return undefined;
    }
    if (id === owner) this.problem(where, `Fn::GetAtt ${id}.${attribute}: a resource cannot refer to itself`);
    this.edge(owner, id);
    const spec = typeof resource.Type === 'string' ? this.spec.resource(resource.Type) : undefined;
    if (!spec) return undefined;
    const found = spec.attributes[attribute];
    if (!found) {
      this.problem(where, `Fn::GetAtt ${id}.${attribute}: ${spec.cloudFormationType} has no attribute ${attribute} (it has ${Object.keys(spec.attributes).sort().join(', ')})`);
      return undefined;
    }
    return found.type;
  }

  private checkSub(where: string, argument: Json, owner: string | undefined): void {
    const [text, variables] = typeof argument === 'string' ? [argument, {}] : Array.isArray(argument) ? [argument[0], argument[1] ?? {}] : [undefined, {}];
    if (typeof text !== 'string' || !isObject(variables)) return this.problem(where, 'Fn::Sub takes a string or [string, { variables }]');
    for (const value of Object.values(variables)) this.checkIntrinsicsWithin(where, value, owner);
    for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
      const name = match[1].trim();
      if (name in variables) continue;
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) this.checkGetAtt(where, [name.slice(0, dot), name.slice(dot + 1)], owner);
      else this.checkRef(where, name, owner);
    }
  }

  private checkCycles(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        this.problem('Resources', `circular dependency: ${[...path.slice(path.indexOf(id)), id].join(' → ')}`);
        return;
      }
      state.set(id, 'visiting');
      for (const next of this.edges.get(id) ?? []) visit(next, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of Object.keys(this.resources)) visit(id, []);
  }

  private checkOutputs(outputs: Json | undefined): void {
    if (outputs === undefined) return;
    if (!isObject(outputs)) return this.problem('Outputs', 'is not an object');
    if (Object.keys(outputs).length > limits.outputs) this.problem('Outputs', `has more than ${limits.outputs} outputs`);
    for (const [id, output] of Object.entries(outputs)) {
      const where = `Outputs.${id}`;
      if (!logicalId.test(id)) this.problem(where, 'a logical ID is 1–255 letters and digits');
      if (!isObject(output) || output.Value === undefined) {
        this.problem(where, 'has no Value');
        continue;
      }
      if (typeof output.Description === 'string' && bytes(output.Description) > limits.description) this.problem(where, `has a Description over ${limits.description} bytes`);
      this.checkIntrinsicsWithin(`${where}.Value`, output.Value, undefined);
    }
  }
}

function describe(type: SpecType): string {
  switch (type.type) {
    case 'array':
      return `a list of ${describe(type.element)}`;
    case 'map':
      return `a map of ${describe(type.element)}`;
    case 'union':
      return type.types.map(describe).join(' or ');
    case 'ref':
      return 'a nested property type';
    default:
      return type.type;
  }
}
