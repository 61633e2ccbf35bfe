import { type AccountReader, type InferenceComponentSummary, type ScalingRead } from '../../src/aws/accountReader';
import { type SchedulerRoleListing } from '../../src/aws/schedulerRoles';
import {
  type AlarmSnapshot,
  type EndpointSnapshot,
  type InferenceComponentScaling,
  type InferenceComponentSnapshot,
  type ScalingPolicySnapshot,
} from '../../src/resources/resourceSnapshots';
import { type ModelCatalog } from '../../src/wizards/account/modelCatalog';
import { type WizardEnvironment } from '../../src/wizards/environment';
import { type PlanStep } from '../../src/wizards/plans/plan';
import { type UserInput } from '../../src/prompts/userInput';

/**
 * The emulator's demo account (scenario "demo", packages/emulator/src/scenarios) as plain data, for
 * pure tests that run the wizards without a server: three endpoints with one inference component each
 * (demo-llama3-8b with the blog's whole scale-to-zero setup, an idle timeout of 15 minutes and a
 * weekend schedule, demo-mistral-7b with target tracking and MinCapacity 1, demo-embeddings with the
 * AWS docs' alarm that one request never fires), their models, the execution role and the scheduler role. `apply` adds the inference
 * components a catalogue world creates on top of it. test/integration/wizards/planCatalogOnEmulator.test.ts
 * proves this copy right: every wizard builds the same plans on it as on the running emulator.
 */

const account = '123456789012';
const region = 'us-east-1';
const arn = (kind: string, name: string) => `arn:aws:sagemaker:${region}:${account}:${kind}/${name}`;
const executionRole = `arn:aws:iam::${account}:role/EmulatorSageMakerExecutionRole`;
const schedulerRole = `arn:aws:iam::${account}:role/EmulatorSchedulerRole`;
const autoScalingRole = `arn:aws:iam::${account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`;

interface DemoRow {
  endpoint: string;
  instanceType: string;
  /** The emulator's fallback types for a wake (InstancePools after instanceType). */
  fallbackTypes?: readonly string[];
  instances: number;
  managed: { min: number; max: number };
  component: string;
  image: string;
  copies: number;
  compute: { cpuCores: number; memoryMb: number; accelerators: number };
  /** The scalable target's range, and which wake setup it has (none, the blog's, or the AWS docs' alarm). */
  target: { min: number; max: number };
  wake?: 'blog' | 'docs';
  /** The idle timeout's minutes (target tracking with DisableScaleIn, the set-to-zero policy and the idle alarm), if any. */
  idleMinutes?: number;
}

/** The same table as the emulator's `demoEndpoints`, with its `applyDemoScaling`. */
const demoRows: readonly DemoRow[] = [
  {
    endpoint: 'demo-scale-to-zero', instanceType: 'ml.g5.2xlarge', fallbackTypes: ['ml.g6.2xlarge'], instances: 1, managed: { min: 0, max: 2 },
    component: 'demo-llama3-8b', image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124',
    copies: 1, compute: { cpuCores: 2, memoryMb: 24576, accelerators: 1 }, target: { min: 0, max: 2 }, wake: 'blog', idleMinutes: 15,
  },
  {
    endpoint: 'demo-always-on', instanceType: 'ml.g5.2xlarge', instances: 1, managed: { min: 1, max: 2 },
    component: 'demo-mistral-7b', image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04',
    copies: 1, compute: { cpuCores: 2, memoryMb: 24576, accelerators: 1 }, target: { min: 1, max: 2 },
  },
  {
    endpoint: 'demo-cold', instanceType: 'ml.g5.xlarge', instances: 0, managed: { min: 0, max: 1 },
    component: 'demo-embeddings', image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tei:2.0.1-tei1.4.0-gpu-py310-cu122-ubuntu22.04',
    copies: 0, compute: { cpuCores: 1, memoryMb: 4096, accelerators: 1 }, target: { min: 0, max: 1 }, wake: 'docs',
  },
];

interface Component {
  snapshot: InferenceComponentSnapshot;
  description: Record<string, unknown>;
  scaling: InferenceComponentScaling;
}

const policyArn = (ic: string, policy: string) => `arn:aws:autoscaling:${region}:${account}:scalingPolicy:00000000-0000-4000-8000-000000000000:resource/sagemaker/inference-component/${ic}:policyName/${policy}`;

function demoScaling(row: DemoRow): InferenceComponentScaling {
  const ic = row.component;
  const tracking: ScalingPolicySnapshot = {
    name: `${ic}-target-tracking`,
    arn: policyArn(ic, `${ic}-target-tracking`),
    type: 'TargetTrackingScaling',
    metric: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
    targetValue: 5,
    scaleInCooldown: 300,
    scaleOutCooldown: 300,
    disableScaleIn: row.idleMinutes !== undefined,
    // With DisableScaleIn, Application Auto Scaling creates no low alarm.
    alarmNames: [`TargetTracking-inference-component/${ic}-AlarmHigh`, ...(row.idleMinutes !== undefined ? [] : [`TargetTracking-inference-component/${ic}-AlarmLow`])],
  };
  const trackingAlarm = (high: boolean): AlarmSnapshot => ({
    name: `TargetTracking-inference-component/${ic}-Alarm${high ? 'High' : 'Low'}`,
    namespace: 'AWS/SageMaker',
    metricName: 'ConcurrentRequestsPerCopy',
    dimensions: { InferenceComponentName: ic },
    statistic: 'Maximum',
    period: 10,
    evaluationPeriods: high ? 6 : 90,
    datapointsToAlarm: high ? 6 : 90,
    threshold: high ? 5 : 4.5,
    comparisonOperator: high ? 'GreaterThanThreshold' : 'LessThanThreshold',
    treatMissingData: 'missing',
    actionsEnabled: true,
    alarmActions: [tracking.arn],
    state: 'INSUFFICIENT_DATA',
  });
  const policies = [tracking];
  const alarms = row.idleMinutes !== undefined ? [trackingAlarm(true)] : [trackingAlarm(true), trackingAlarm(false)];
  if (row.wake) {
    const step: ScalingPolicySnapshot = {
      name: `${ic}-step-scaling`,
      arn: policyArn(ic, `${ic}-step-scaling`),
      type: 'StepScaling',
      adjustmentType: 'ChangeInCapacity',
      metricAggregationType: 'Maximum',
      cooldown: 60,
      stepAdjustments: [{ lowerBound: 0, adjustment: 1 }],
      alarmNames: row.wake === 'blog' ? [`${ic}-no-capacity`] : [],
    };
    policies.push(step);
    alarms.push({
      name: `${ic}-no-capacity`,
      namespace: 'AWS/SageMaker',
      metricName: 'NoCapacityInvocationFailures',
      dimensions: { InferenceComponentName: ic },
      ...(row.wake === 'blog'
        ? { statistic: 'Maximum', period: 30, comparisonOperator: 'GreaterThanOrEqualToThreshold' }
        : { statistic: 'Sum', period: 60, comparisonOperator: 'GreaterThanThreshold' }),
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 1,
      treatMissingData: 'missing',
      actionsEnabled: true,
      alarmActions: [step.arn],
      state: 'INSUFFICIENT_DATA',
    });
  }
  if (row.idleMinutes !== undefined) {
    const idle: ScalingPolicySnapshot = {
      name: `${ic}-idle-scale-in-to-zero`,
      arn: policyArn(ic, `${ic}-idle-scale-in-to-zero`),
      type: 'StepScaling',
      adjustmentType: 'ExactCapacity',
      metricAggregationType: 'Maximum',
      cooldown: 60,
      stepAdjustments: [{ upperBound: 0, adjustment: 0 }],
      alarmNames: [`${ic}-idle-timeout`],
    };
    policies.push(idle);
    const dimensions = { InferenceComponentName: ic };
    const stat = (id: string, metricName: string) => ({ id, returnData: false, namespace: 'AWS/SageMaker', metricName, dimensions, stat: 'Sum', period: 30 });
    alarms.push({
      name: `${ic}-idle-timeout`,
      dimensions,
      metrics: [stat('m1', 'Invocations'), stat('m2', 'NoCapacityInvocationFailures'), { id: 'requests', returnData: true, expression: 'FILL(m1,0) + FILL(m2,0)' }],
      period: 30,
      evaluationPeriods: row.idleMinutes * 2,
      datapointsToAlarm: row.idleMinutes * 2,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      actionsEnabled: true,
      alarmActions: [idle.arn],
      state: 'INSUFFICIENT_DATA',
    });
  }
  const schedule = (name: string, expression: string, copyCount: number) => ({
    name,
    group: 'default',
    expression,
    timezone: 'Europe/Paris',
    enabled: true,
    action: { kind: 'setCopyCount' as const, inferenceComponentName: ic, copyCount },
  });
  return {
    target: { resourceId: `inference-component/${ic}`, minCapacity: row.target.min, maxCapacity: row.target.max, roleArn: autoScalingRole, suspended: false },
    policies,
    alarms,
    activities: [],
    schedules:
      ic === 'demo-llama3-8b'
        ? [schedule('demo-llama3-8b-monday-scale-out', 'cron(0 7 ? * 2 *)', 1), schedule('demo-llama3-8b-weekend-scale-to-zero', 'cron(0 18 ? * 6 *)', 0)]
        : [],
    scheduledActions: [],
  };
}

/** A component as DescribeInferenceComponent and the AccountReader show it, from its create request. */
function componentFrom(input: Record<string, unknown>, created: Date): Component {
  const name = String(input.InferenceComponentName);
  const endpointName = String(input.EndpointName);
  const specification = (input.Specification ?? {}) as Record<string, unknown>;
  const compute = (specification.ComputeResourceRequirements ?? {}) as Record<string, number | undefined>;
  const copies = ((input.RuntimeConfig ?? {}) as { CopyCount?: number }).CopyCount ?? 0;
  const container = specification.Container as Record<string, unknown> | undefined;
  if (typeof specification.BaseInferenceComponentName === 'string') return adapterFrom(input, specification, created);
  return {
    snapshot: {
      name,
      arn: arn('inference-component', name),
      endpointName,
      variantName: String(input.VariantName ?? 'AllTraffic'),
      status: 'InService',
      creationTime: created,
      lastModifiedTime: created,
      currentCopyCount: copies,
      desiredCopyCount: copies,
      ...(typeof specification.ModelName === 'string' ? { modelName: specification.ModelName } : {}),
      compute: { memoryMb: compute.MinMemoryRequiredInMb, accelerators: compute.NumberOfAcceleratorDevicesRequired, cpuCores: compute.NumberOfCpuCoresRequired },
    },
    description: {
      InferenceComponentName: name,
      InferenceComponentArn: arn('inference-component', name),
      EndpointName: endpointName,
      EndpointArn: arn('endpoint', endpointName),
      CreationTime: created,
      LastModifiedTime: created,
      VariantName: String(input.VariantName ?? 'AllTraffic'),
      Specification: {
        ...specification,
        ...(container ? { Container: { ...container, DeployedImage: { SpecifiedImage: container.Image, ResolvedImage: container.Image } } } : {}),
        // In the order DescribeInferenceComponent gives them, which is the order a recreate copies.
        ComputeResourceRequirements: Object.fromEntries(
          (['MinMemoryRequiredInMb', 'NumberOfCpuCoresRequired', 'NumberOfAcceleratorDevicesRequired'] as const).filter((key) => compute[key] !== undefined).map((key) => [key, compute[key]]),
        ),
      },
      RuntimeConfig: { DesiredCopyCount: copies, CurrentCopyCount: copies },
      InferenceComponentStatus: 'InService',
    },
    scaling: { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] },
  };
}

/** An adapter (it names a base): no copies and no compute of its own, no RuntimeConfig in its description (as the emulator answers). */
function adapterFrom(input: Record<string, unknown>, specification: Record<string, unknown>, created: Date): Component {
  const name = String(input.InferenceComponentName);
  const endpointName = String(input.EndpointName);
  const artifactUrl = (specification.Container as { ArtifactUrl?: string } | undefined)?.ArtifactUrl;
  return {
    snapshot: {
      name,
      arn: arn('inference-component', name),
      endpointName,
      variantName: 'AllTraffic',
      status: 'InService',
      creationTime: created,
      lastModifiedTime: created,
      startSettings: { caching: false },
      baseComponentName: String(specification.BaseInferenceComponentName),
      ...(artifactUrl ? { artifactUrl } : {}),
    },
    description: {
      InferenceComponentName: name,
      InferenceComponentArn: arn('inference-component', name),
      EndpointName: endpointName,
      EndpointArn: arn('endpoint', endpointName),
      CreationTime: created,
      LastModifiedTime: created,
      VariantName: 'AllTraffic',
      Specification: specification,
      InferenceComponentStatus: 'InService',
    },
    scaling: { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] },
  };
}

function demoComponent(row: DemoRow, created: Date): Component {
  const component = componentFrom(
    {
      InferenceComponentName: row.component,
      EndpointName: row.endpoint,
      VariantName: 'AllTraffic',
      Specification: {
        ModelName: `${row.component}-model`,
        StartupParameters: { ModelDataDownloadTimeoutInSeconds: 1200, ContainerStartupHealthCheckTimeoutInSeconds: 1200 },
        ComputeResourceRequirements: {
          MinMemoryRequiredInMb: row.compute.memoryMb,
          NumberOfCpuCoresRequired: row.compute.cpuCores,
          NumberOfAcceleratorDevicesRequired: row.compute.accelerators,
        },
      },
      RuntimeConfig: { CopyCount: row.copies },
    },
    created,
  );
  return { ...component, scaling: demoScaling(row) };
}

function demoEndpoint(row: DemoRow, created: Date): EndpointSnapshot {
  return {
    name: row.endpoint,
    arn: arn('endpoint', row.endpoint),
    status: 'InService',
    configName: `${row.endpoint}-config`,
    creationTime: created,
    lastModifiedTime: created,
    variants: [
      {
        name: 'AllTraffic',
        instanceType: row.instanceType,
        ...(row.fallbackTypes
          ? {
              instancePools: [row.instanceType, ...row.fallbackTypes].map((instanceType, index) => ({
                instanceType,
                priority: index + 1,
                currentInstanceCount: index === 0 ? row.instances : 0,
              })),
            }
          : {}),
        currentInstanceCount: row.instances,
        desiredInstanceCount: row.instances,
        managedScaling: { enabled: true, min: row.managed.min, max: row.managed.max },
        routingStrategy: 'LEAST_OUTSTANDING_REQUESTS',
        statuses: [],
      },
    ],
    inferenceComponentBased: true,
  };
}

/** The scheduler role's inline policy allows UpdateInferenceComponentRuntimeConfig on every component, nothing else. */
function schedulerRoles(permission: { action: string; resource: string }): SchedulerRoleListing {
  const allows = permission.action === 'sagemaker:UpdateInferenceComponentRuntimeConfig' && permission.resource.startsWith(arn('inference-component', ''));
  return {
    kind: 'listed',
    roles: [
      {
        name: 'EmulatorSchedulerRole',
        arn: schedulerRole,
        path: '/',
        description: 'Lets EventBridge Scheduler put the demo components to sleep and wake them',
        allows,
        ...(allows ? { allowedBy: 'SetInferenceComponentCopies' } : {}),
      },
    ],
    truncated: false,
  };
}

export class DemoAccount {
  private readonly components = new Map<string, Component>();
  private readonly endpoints = new Map<string, EndpointSnapshot>();

  /** The demo account as the emulator seeds it, created an hour before `now`. */
  constructor(readonly now: Date) {
    const created = new Date(now.getTime() - 3600_000);
    for (const row of demoRows) {
      this.components.set(row.component, demoComponent(row, created));
      this.endpoints.set(row.endpoint, demoEndpoint(row, created));
    }
  }

  /** Adds what a catalogue world creates on top of the demo: inference components (the only calls worlds use). */
  apply(steps: PlanStep[]): void {
    for (const step of steps) {
      if (step.operation !== 'CreateInferenceComponent') throw new Error(`The demo account copy cannot apply ${step.operation}: add it to test/support/demoAccount.ts.`);
      const component = componentFrom(step.input as Record<string, unknown>, this.now);
      this.components.set(component.snapshot.name, component);
    }
  }

  /** A wizard environment on this account: its reader, models, scheduler roles and the given user. */
  environment(ui: UserInput): WizardEnvironment {
    return {
      ui,
      reader: this.reader(),
      region,
      now: () => this.now,
      defaultTimeZone: 'Europe/Paris',
      models: this.models(),
      listSchedulerRoles: async (permission) => schedulerRoles(permission),
    };
  }

  private component(name: string): Component {
    const found = this.components.get(name);
    if (!found) throw Object.assign(new Error(`Could not find inference component "${name}".`), { name: 'ValidationException' });
    return found;
  }

  private reader(): AccountReader {
    const summaries = (endpointName?: string): InferenceComponentSummary[] =>
      [...this.components.values()]
        .filter(({ snapshot }) => !endpointName || snapshot.endpointName === endpointName)
        .map(({ snapshot }) => ({ name: snapshot.name, arn: snapshot.arn, endpointName: snapshot.endpointName, variantName: snapshot.variantName, status: snapshot.status, lastModifiedTime: snapshot.lastModifiedTime }))
        .sort((a, b) => a.name.localeCompare(b.name));
    const reader: Partial<AccountReader> = {
      listEndpoints: async () =>
        [...this.endpoints.values()]
          .map((endpoint) => ({ name: endpoint.name, arn: endpoint.arn, status: endpoint.status, creationTime: endpoint.creationTime, lastModifiedTime: endpoint.lastModifiedTime }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      listInferenceComponents: async (endpointName?: string) => summaries(endpointName),
      listAlarms: async () => [...this.components.values()].flatMap(({ scaling }) => scaling.alarms).sort((a, b) => a.name.localeCompare(b.name)),
      describeInferenceComponent: async (name: string) => this.component(name).snapshot,
      describeEndpoint: async (name: string) => {
        const endpoint = this.endpoints.get(name);
        if (!endpoint) throw new Error(`Could not find endpoint "${name}".`);
        return endpoint;
      },
      rawDescription: async (kind: 'endpoint' | 'inferenceComponent', name: string) => {
        if (kind !== 'inferenceComponent') throw new Error('The demo account copy describes inference components only.');
        return this.component(name).description;
      },
      readScaling: async (names: string[]): Promise<ScalingRead> => ({
        byComponent: new Map(names.map((name) => [name, this.component(name).scaling])),
        problems: [],
      }),
    };
    return reader as AccountReader;
  }

  private models(): ModelCatalog {
    return {
      listModels: async () =>
        demoRows.map((row) => ({ name: `${row.component}-model`, executionRoleArn: executionRole, image: row.image, creationTime: new Date(this.now.getTime() - 3600_000) })),
      listExecutionRoleArns: async () => [executionRole],
      listEndpointConfigNames: async () => demoRows.map((row) => `${row.endpoint}-config`),
    };
  }
}
