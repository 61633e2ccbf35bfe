// Every plan a wizard builds (test/support/planCatalog.ts), exported as CloudFormation and checked the
// way CloudFormation and its users would read it: the JSON by JSON.parse and the YAML by a YAML 1.1
// parser (as the AWS CLI's PyYAML reads it: yes/no/on/off are booleans, 0777 octal, 1:20 sexagesimal)
// and a YAML 1.2 one, each giving back exactly the template, and the template holding exactly the
// plan's values; the template validated against the CloudFormation resource specification
// (@aws-cdk/aws-service-spec: types, property names at every level, required properties, value types,
// Ref / Fn::GetAtt targets and attributes, DependsOn). The titles report the counts.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { reviewItems } from '../../../../src/wizards/framework/planSummary';
import {
  createsCloudFormationResources,
  NoCloudFormationResourcesError,
  outputIntrinsics,
  cloudFormationResourceTypes,
  toCloudFormation,
} from '../../../../src/wizards/plans/exporters/cloudFormation';
import { exportablePlan, exportPlan } from '../../../../src/wizards/plans/exporters/planExport';
import { isOutputRef, type Plan, type PlanValue } from '../../../../src/wizards/plans/plan';
import { CloudFormationSpec } from '../../../support/cloudFormationSpecCheck';
import { demoPlanCatalog, type CatalogEntry } from '../../../support/planCatalog';
import { refReturns, templateDifferences } from '../../../support/templateFidelity';

/** The YAML the user gets, read as YAML 1.1 and as YAML 1.2: both must give the same template. */
function readYaml(text: string, where: string): unknown {
  const yaml11 = parseYaml(text, { version: '1.1' }) as unknown;
  const yaml12 = parseYaml(text, { version: '1.2' }) as unknown;
  assert.deepEqual(yaml12, yaml11, `${where}: YAML 1.1 and 1.2 read the template differently`);
  return yaml11;
}

/**
 * The same YAML texts read by PyYAML's safe_load, the YAML 1.1 reader of the AWS CLI (and cfn-lint),
 * stricter than the yaml package: `5e-7` without a dot is a string to it. Needs python3 with PyYAML.
 */
function readWithPyYaml(texts: string[]): unknown[] {
  const reader = 'import json, sys, yaml\nprint(json.dumps([yaml.safe_load(t) for t in json.load(sys.stdin)], default=lambda o: {"not JSON": repr(o)}))';
  const found = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
  assert.equal(found.status, 0, `python3 with PyYAML is needed to read the templates as the AWS CLI does, and is missing (apt-get install python3-yaml): ${found.error?.message ?? found.stderr}`);
  return JSON.parse(execFileSync('python3', ['-c', reader], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as unknown[];
}

/** The exports a user can get of a plan: secrets as placeholders (the default), and with their values. */
function exportsOf(entry: CatalogEntry): { where: string; plan: Plan; includeSecrets: boolean }[] {
  return [false, true].map((includeSecrets) => ({ where: `${entry.name}${includeSecrets ? ' (secrets included)' : ''}`, plan: exportablePlan(entry.plan, { includeSecrets }), includeSecrets }));
}

/**
 * Strings YAML 1.1 reads as something else when left plain: booleans, null, octal, hex, binary and
 * sexagesimal numbers, floats, timestamps, the merge key, and indicators that start other nodes.
 */
const yaml11Traps = [
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'null', 'Null', 'NULL', '~', '', '0777', '0o17', '0x1F', '0b101', '1_000', '1:20', '190:20:30', '+12', '-.5e3', '.inf', '-.Inf', '.NaN', '1e3', '6.8523015e+5',
  '685_230.15', '2030-01-07', '2001-12-14t21:59:43.10-05:00', '2030-01-07 08:00:00', '<<', '=', '- a', '? x', ': y', '#c', '&a', '*a', '!t', '%d', '@x', '`x',
  '|', '>', "'", '"', 'a: b', 'a #b', ' lead', 'trail ', '\t', '0', '-0', '1.0', '12e03',
];

/** Numbers whose shortest text (`5e-7`) YAML 1.1 reads as a string: its floats need a dot. */
const numberTraps = [5e-7, 1e21, 1.5e300, 2.5e-300, 1e-7, 0.1, 123456.789];

/** The plan with each distinct string (and each environment variable's name) replaced by a trap, the same one each time, and each number by a number trap. */
function trapped(plan: Plan): Plan {
  let numbers = 0;
  const mapping = new Map<string, string>();
  const trap = (text: string) => {
    if (!mapping.has(text)) mapping.set(text, mapping.size < yaml11Traps.length ? yaml11Traps[mapping.size] : `${yaml11Traps[mapping.size % yaml11Traps.length]}\n${mapping.size}`);
    return mapping.get(text)!;
  };
  const walk = (value: PlanValue, keysToo: boolean): PlanValue => {
    if (typeof value === 'string') return trap(value);
    if (typeof value === 'number') return numberTraps[numbers++ % numberTraps.length];
    if (isOutputRef(value) || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, false));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [keysToo ? trap(key) : key, walk(item, key === 'Environment')]));
  };
  return { ...plan, title: trap(plan.title), steps: plan.steps.map((step) => ({ ...step, input: walk(step.input, false) as Plan['steps'][number]['input'] })) };
}

/** The logical ids a value points at through Ref, Fn::GetAtt or Fn::Sub. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const own = typeof object.Ref === 'string' ? [object.Ref] : Array.isArray(object['Fn::GetAtt']) ? [String(object['Fn::GetAtt'][0])] : [];
  return [...own, ...Object.values(object).flatMap(referencedIds)];
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The name other resources use for a resource, where they can use one. */
function nameOf(resource: { Type: string; Properties: Record<string, unknown> }): string | undefined {
  const member = ({
    'AWS::SageMaker::Model': 'ModelName',
    'AWS::SageMaker::EndpointConfig': 'EndpointConfigName',
    'AWS::SageMaker::Endpoint': 'EndpointName',
    'AWS::SageMaker::InferenceComponent': 'InferenceComponentName',
    'AWS::IAM::Role': 'RoleName',
  } as Record<string, string>)[resource.Type];
  const name = member && resource.Properties[member];
  return typeof name === 'string' ? name : undefined;
}

describe('CloudFormation exports of every plan the wizards build (issue 16, item 3)', function () {
  this.timeout(60_000);
  let spec: CloudFormationSpec;
  let catalog: CatalogEntry[];
  let withResources: CatalogEntry[];

  before(async () => {
    spec = CloudFormationSpec.load();
    catalog = await demoPlanCatalog();
    withResources = catalog.filter((entry) => createsCloudFormationResources(entry.plan));
  });

  it('every template the review page offers is accepted by the CloudFormation resource specification', function () {
    const problems: string[] = [];
    const totals = { templates: 0, resources: 0, properties: 0, references: 0 };
    for (const entry of withResources) {
      for (const { where, plan } of exportsOf(entry)) {
        const exported = toCloudFormation(plan);
        for (const [format, template] of [['JSON', JSON.parse(exported.json)], ['YAML', readYaml(exported.yaml, where)]] as const) {
          const check = spec.check(template, exported.json);
          problems.push(...check.problems.map((problem) => `${where}, ${format}: ${problem}`));
          totals.templates++;
          totals.resources += check.resources;
          totals.properties += check.properties;
          totals.references += check.references;
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(totals.resources > 0 && totals.properties > totals.resources);
    this.test!.title += ` (${catalog.length} plans, ${withResources.length} with resources; ${totals.templates} templates, ${totals.resources} resources, ${totals.properties} property values, ${totals.references} references checked)`;
  });

  it('read back as JSON, YAML 1.1 (yaml and PyYAML) and YAML 1.2, each template gives exactly the plan\'s values, and what it leaves out is in a note', () => {
    const differences: string[] = [];
    const yamlTexts: { where: string; yaml: string; json: string }[] = [];
    for (const entry of withResources) {
      for (const { where, plan, includeSecrets } of exportsOf(entry)) {
        const exported = toCloudFormation(plan);
        const shown = exportPlan(entry.plan, 'exportCloudFormation', { includeSecrets });
        assert.equal(shown.content, exported.yaml, `${where}: the review page's export is this template`);
        const fromJson = JSON.parse(exported.json) as Parameters<typeof templateDifferences>[1];
        const fromYaml = readYaml(exported.yaml, where) as Parameters<typeof templateDifferences>[1];
        assert.deepEqual(fromYaml, fromJson, `${where}: the YAML and the JSON are one template`);
        yamlTexts.push({ where, yaml: exported.yaml, json: exported.json });
        differences.push(...templateDifferences(plan, fromYaml).map((difference) => `${where}: ${difference}`));
      }
    }
    const byPyYaml = readWithPyYaml(yamlTexts.map((text) => text.yaml));
    for (const [index, { where, json }] of yamlTexts.entries()) assert.deepEqual(byPyYaml[index], JSON.parse(json), `${where}: PyYAML reads another template`);
    assert.deepEqual(differences, []);
  });

  it('strings that YAML 1.1 would read as booleans, numbers, dates or null stay strings, and numbers stay numbers', function () {
    const differences: string[] = [];
    const exports = withResources.map((entry) => ({ entry, plan: trapped(entry.plan) })).map(({ entry, plan }) => ({ entry, plan, exported: toCloudFormation(plan) }));
    const byPyYaml = readWithPyYaml(exports.map(({ exported }) => exported.yaml));
    for (const [index, { entry, plan, exported }] of exports.entries()) {
      const fromJson = JSON.parse(exported.json) as Parameters<typeof templateDifferences>[1];
      assert.deepEqual(readYaml(exported.yaml, entry.name), fromJson, `${entry.name}: the yaml package reads another template`);
      assert.deepEqual(byPyYaml[index], fromJson, `${entry.name}: PyYAML reads another template`);
      differences.push(...templateDifferences(plan, fromJson).map((difference) => `${entry.name} (trapped): ${difference}`));
    }
    assert.deepEqual(differences, []);
    const used = new Set(exports.flatMap(({ plan }) => JSON.stringify(plan.steps).match(/"(?:[^"\\]|\\.)*"/g) ?? []));
    assert.ok(used.size > yaml11Traps.length, 'every trap was used');
    this.test!.title += ` (${withResources.length} plans, ${yaml11Traps.length} string and ${numberTraps.length} number traps)`;
  });

  it('a resource that names another resource of the template waits for it (DependsOn, Ref or Fn::GetAtt)', function () {
    const problems: string[] = [];
    let named = 0;
    for (const entry of withResources) {
      const template = JSON.parse(toCloudFormation(entry.plan).json) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }> };
      const resources = Object.entries(template.Resources);
      const needs = new Map(resources.map(([id, resource]) => [id, new Set([...(resource.DependsOn ?? []), ...referencedIds(resource.Properties)])]));
      const waitsFor = (from: string, to: string, seen = new Set<string>()): boolean =>
        needs.get(from)!.has(to) || [...needs.get(from)!].some((next) => !seen.has(next) && (seen.add(next), waitsFor(next, to, seen)));
      for (const [id, resource] of resources) {
        const strings = stringsOf(resource.Properties);
        for (const [otherId, other] of resources) {
          const name = nameOf(other);
          if (otherId === id || !name) continue;
          const mentions = strings.some((text) => text === name || text.endsWith(`/${name}`) || text.includes(`"${name}"`));
          if (!mentions) continue;
          named++;
          if (!waitsFor(id, otherId)) problems.push(`${entry.name}: ${id} names ${otherId} (${name}) but may be created before it`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(named > 0);
    this.test!.title += ` (${named} names checked)`;
  });

  it('a template that creates a named IAM role says to deploy it with CAPABILITY_NAMED_IAM, and one without says nothing of it', () => {
    let roles = 0;
    for (const entry of withResources) {
      const exported = toCloudFormation(entry.plan);
      const named = Object.values(exported.template.Resources).some((resource) => resource.Type === 'AWS::IAM::Role' && typeof resource.Properties.RoleName === 'string');
      roles += named ? 1 : 0;
      assert.equal(/^# Deploy: .*--capabilities CAPABILITY_NAMED_IAM/m.test(exported.yaml), named, entry.name);
      assert.equal((exported.template.Metadata?.PlanNotes as string[] | undefined)?.some((note) => note.includes('CAPABILITY_NAMED_IAM')) ?? false, named, entry.name);
    }
    assert.ok(roles > 0);
  });

  it('keeps the description within CloudFormation\'s 1024 bytes without splitting a character', () => {
    const [entry] = withResources;
    for (const title of ['é'.repeat(600), `${'a'.repeat(1021)}😀😀`, '中'.repeat(400)]) {
      const exported = toCloudFormation({ ...entry.plan, title });
      const description = JSON.parse(exported.json).Description as string;
      assert.ok(Buffer.byteLength(description) <= 1024, `${Buffer.byteLength(description)} bytes`);
      assert.ok(description.length > 300 && title.startsWith(description), 'a start of the title, cut between characters');
      assert.deepEqual(spec.check(JSON.parse(exported.json)).problems, []);
    }
  });

  it('a plan that only changes existing resources has no template, and the review page does not offer one', () => {
    const without = catalog.filter((entry) => !createsCloudFormationResources(entry.plan));
    assert.ok(without.length > 0, 'the catalogue has repairs and scheduled actions on existing targets');
    for (const entry of catalog) {
      const offered = reviewItems(entry.plan).some((item) => item.value === 'exportCloudFormation');
      assert.equal(offered, createsCloudFormationResources(entry.plan), entry.name);
    }
    for (const entry of without) {
      assert.throws(() => toCloudFormation(entry.plan), (error: unknown) => error instanceof NoCloudFormationResourcesError && /boto3 script or AWS CLI commands/.test(error.message), entry.name);
    }
  });

  it('every $ref a create call can answer reads as an attribute the specification lists, or as Ref where the User Guide says Ref gives it', () => {
    const problems: string[] = [];
    for (const [operation, outputs] of Object.entries(outputIntrinsics)) {
      const type = cloudFormationResourceTypes[operation];
      const resource = spec.resource(type);
      if (!resource) {
        problems.push(`${operation}: ${type} is not in the specification`);
        continue;
      }
      for (const [path, intrinsic] of Object.entries(outputs)) {
        if (intrinsic === 'Ref') {
          if (refReturns[type] !== path) problems.push(`${operation} ${path}: Ref of ${type} gives ${refReturns[type] ?? 'nothing the User Guide names'}`);
        } else if (!resource.attributes[intrinsic]) {
          problems.push(`${operation} ${path}: ${type} has no attribute ${intrinsic} (it has ${Object.keys(resource.attributes).join(', ')})`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
  it('a placement without zone balance (allowed by the API) gets AvailabilityZoneBalance PERMISSIVE, which CloudFormation requires, with a note', () => {
    const entry = catalog.find((candidate) => candidate.name.startsWith('add component: a new model from the palette'));
    assert.ok(entry, 'the catalogue has the palette entry with placement alone');
    const create = entry.plan.steps.find((step) => step.operation === 'CreateInferenceComponent');
    const planned = (create?.input.Specification as { SchedulingConfig?: Record<string, unknown> } | undefined)?.SchedulingConfig;
    assert.deepEqual(planned, { PlacementStrategy: 'BINPACK' }, 'the plan itself (and so boto3 and the AWS CLI) leaves zone balance out');
    const exported = toCloudFormation(entry.plan);
    const template = JSON.parse(exported.json) as { Resources: Record<string, { Type: string; Properties: { Specification?: { SchedulingConfig?: unknown } } }> };
    const component = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::SageMaker::InferenceComponent');
    assert.deepEqual(component?.Properties.Specification?.SchedulingConfig, { PlacementStrategy: 'BINPACK', AvailabilityZoneBalance: { EnforcementMode: 'PERMISSIVE' } });
    assert.match(exported.yaml, /# Not in this template: .*CloudFormation requires AvailabilityZoneBalance with SchedulingConfig/);
  });
});
