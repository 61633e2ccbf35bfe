import { type UserInput } from '../../src/prompts/userInput';
import { createEndpointWizard } from '../../src/wizards/createEndpoint/createEndpointWizard';
import { enableScaleToZeroWizard } from '../../src/wizards/enableScaleToZero/enableScaleToZeroWizard';
import { type WizardEnvironment } from '../../src/wizards/environment';
import { type WizardResult } from '../../src/wizards/framework/wizardResult';
import { type Plan, type PlanStep } from '../../src/wizards/plans/plan';
import { scheduleWizard } from '../../src/wizards/schedule/scheduleWizard';
import { setIdleTimeoutWizard } from '../../src/wizards/enableScaleToZero/setIdleTimeoutWizard';
import { addInferenceComponentWizard } from '../../src/wizards/addInferenceComponent/addInferenceComponentWizard';
import { addAdapterWizard } from '../../src/wizards/adapters/addAdapterWizard';
import { updateModelWizard } from '../../src/wizards/updateModel/updateModelWizard';
import { DemoAccount } from './demoAccount';
import { accept, pick, pickMany, review, ScriptedUserInput, type ScriptEntry, type } from './scriptedUserInput';
import { createEndpointDefaultsScript, createEndpointScript } from './wizardScripts';

/**
 * Every kind of plan the three wizards produce, each built by the wizard itself from a scripted user
 * on the emulator's demo account: wizard 1 with the defaults, with advanced settings, without the
 * scale-to-zero setup and with a new model; wizard 2 on a component with no setup, with a partial one
 * (parts created and parts rewritten in place), with the docs' wrong alarm and with a complete one;
 * wizard 3 with each method (copy count and delete/recreate through EventBridge Scheduler, Application
 * Auto Scaling scheduled actions), each role choice (listed, typed, created by the plan) and each way
 * of handling secrets in a recreated container.
 *
 * Used by the exporters' tests: `await demoPlanCatalog()` needs no server. To run an entry against the
 * emulator, start it with the "demo" scenario, run `world.setup` (plan steps, e.g. with the plan
 * runner), then the entry's plan: test/integration/wizards/planCatalogOnEmulator.test.ts does exactly
 * that for every entry, after checking that the emulator gives the same plans as the copy.
 */
export interface CatalogEntry {
  /** Unique, says which wizard and which situation: "enable: no setup yet". */
  name: string;
  wizard: 'createEndpoint' | 'enableScaleToZero' | 'schedule' | 'setIdleTimeout' | 'addInferenceComponent' | 'addAdapter' | 'updateModel';
  plan: Plan;
  /** The account the plan was built on: the emulator's demo scenario, then these calls in order. */
  world: { scenario: 'demo'; setup: PlanStep[] };
}

/** Where the catalogue builds its plans: the demo account plus a world's setup, and a wizard environment on it. */
export interface CatalogAccount {
  /** A fresh demo account with `setup` applied. */
  prepare(setup: PlanStep[]): Promise<void>;
  /** A wizard environment on the prepared account, asking `ui`; it must list scheduler roles (listSchedulerRoles). */
  environment(ui: UserInput): WizardEnvironment;
}

const typedRole = 'arn:aws:iam::123456789012:role/EmulatorSchedulerRole';
const image = '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124';

/** An inference component on demo-scale-to-zero, created before the wizard runs. */
function componentSetup(name: string, specification: PlanStep['input']): PlanStep {
  return {
    id: `setup-${name}`,
    service: 'sagemaker',
    operation: 'CreateInferenceComponent',
    description: `Create inference component ${name} (catalogue world)`,
    input: {
      InferenceComponentName: name,
      EndpointName: 'demo-scale-to-zero',
      VariantName: 'AllTraffic',
      Specification: { ...specification, ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 } },
      RuntimeConfig: { CopyCount: 1 },
    },
    creates: { kind: 'inferenceComponent', name },
  };
}

/** An adapter (a LoRA on a base component's copies) of `base`, created before the wizard runs. */
function adapterSetup(name: string, base: string, endpointName = 'demo-scale-to-zero'): PlanStep {
  return {
    id: `setup-${name}`,
    service: 'sagemaker',
    operation: 'CreateInferenceComponent',
    description: `Create adapter ${name} on ${base} (catalogue world)`,
    input: { InferenceComponentName: name, EndpointName: endpointName, Specification: { BaseInferenceComponentName: base, Container: { ArtifactUrl: `s3://catalog-bucket/adapters/${name}/` } } },
    creates: { kind: 'inferenceComponent', name },
  };
}

/** A component with no auto scaling at all, from the demo's llama model. */
const bareComponent = componentSetup('catalog-bare', { ModelName: 'demo-llama3-8b-model' });
/** Components whose container environment holds a Hugging Face token, with and without a model. */
const gatedEnvironment = { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', HF_TOKEN: 'hf_catalogueExampleToken0000', MAX_INPUT_TOKENS: '4096' };
const gatedWithModel = componentSetup('catalog-gated-llm', { ModelName: 'demo-llama3-8b-model', Container: { Image: image, Environment: gatedEnvironment } });
const gatedContainer = componentSetup('catalog-gated-container', { Container: { Image: image, Environment: gatedEnvironment } });
/** A component with one copy and no start settings, for rolling updates of its model. */
const rollingComponent: PlanStep = { ...componentSetup('catalog-rolling', { ModelName: 'demo-llama3-8b-model' }), waitFor: 'inferenceComponentInService' };

interface Recipe {
  name: string;
  wizard: CatalogEntry['wizard'];
  setup?: PlanStep[];
  /** The component (the endpoint, for Add Inference Component) the wizard is opened on (from its row in the tree); absent: picked in the script. */
  component?: string;
  script: ScriptEntry[];
}

/** The schedule wizard's pages after the method: zone, preset, wake copies, the two names (then the role, for Scheduler). */
const timing = (zone: string, preset: RegExp, copies: string, prefix: string): ScriptEntry[] => [type(zone), pick(preset), type(copies), type(`${prefix}-sleep`), type(`${prefix}-wake`)];

const recipes: readonly Recipe[] = [
  // Wizard 1: create a scale-to-zero endpoint.
  { name: 'create: the defaults, an existing model', wizard: 'createEndpoint', script: createEndpointDefaultsScript('catalog-defaults') },
  { name: 'create: advanced settings and custom scaling', wizard: 'createEndpoint', script: createEndpointScript('catalog-advanced') },
  { name: 'create: custom scaling with a 5-minute idle timeout', wizard: 'createEndpoint', script: createEndpointScript('catalog-idle', '5') },
  {
    name: 'create: advanced settings, scale-to-zero skipped',
    wizard: 'createEndpoint',
    script: [
      pick('demo-llama3-8b-model'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('catalog-no-scaling'),
      pick('ml.g5.2xlarge'),
      pick('Change advanced settings…'),
      accept(),
      type('1'),
      pick('Idle release'),
      pick('Random'),
      type('catalog-no-scaling-ic'),
      type('1'),
      type('16384'),
      type('1'),
      type('1'),
      pickMany(),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick(/^Skip/),
      review('run'),
    ],
  },
  {
    name: 'create: consolidation scale-in with its own step and cooldown',
    wizard: 'createEndpoint',
    script: [
      pick('demo-llama3-8b-model'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('catalog-consolidation'),
      pick('ml.g5.12xlarge'),
      pick('Change advanced settings…'),
      accept(),
      type('3'),
      pick('Consolidation with my own step and cooldown…'),
      type('2'),
      type('45'),
      pick('Least outstanding requests'),
      type('catalog-consolidation-ic'),
      type('1'),
      type('16384'),
      type('1'),
      type('1'),
      pickMany(),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick('Add the scale-to-zero auto scaling'),
      review('run'),
    ],
  },
  {
    name: 'create: fallback instance types (InstancePools)',
    wizard: 'createEndpoint',
    script: [
      pick('demo-llama3-8b-model'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('catalog-pools'),
      pick('ml.g5.2xlarge'),
      pick('Change advanced settings…'),
      accept(),
      type('2'),
      pick('Release an instance once it is empty'),
      pick('Least outstanding requests'),
      type('catalog-pools-ic'),
      type('1'),
      type('16384'),
      type('1'),
      type('1'),
      pickMany(/^ml\.g6\.2xlarge$/, /^ml\.g6e\.xlarge$/),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick('Add the scale-to-zero auto scaling'),
      review('run'),
    ],
  },
  {
    name: 'create: endpoint settings (AMI, reserved capacity, 10-second enhanced metrics)',
    wizard: 'createEndpoint',
    script: [
      pick('demo-llama3-8b-model'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('catalog-settings'),
      pick('ml.g5.2xlarge'),
      pick('Change advanced settings…'),
      accept(),
      type('2'),
      pick('Release an instance once it is empty'),
      pick('Least outstanding requests'),
      type('catalog-settings-ic'),
      type('1'),
      type('16384'),
      type('1'),
      type('1'),
      pickMany(),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(/GPU driver/, /Reserved capacity/, /more often/),
      pick('al2-ami-sagemaker-inference-gpu-3-1'),
      type('arn:aws:sagemaker:us-east-1:123456789012:training-plan/catalog-g5-plan'),
      pick('Every 10 s'),
      pick('Add the scale-to-zero auto scaling'),
      review('run'),
    ],
  },
  {
    name: 'create: start settings (StartupParameters, DataCacheConfig, SchedulingConfig)',
    wizard: 'createEndpoint',
    script: [
      pick('demo-llama3-8b-model'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('catalog-starts'),
      pick('ml.g5.12xlarge'),
      pick('Change advanced settings…'),
      accept(),
      type('2'),
      pick('Release an instance once it is empty'),
      pick('Least outstanding requests'),
      type('catalog-starts-ic'),
      type('1'),
      type('16384'),
      type('1'),
      type('2'),
      pickMany(),
      pickMany('Download timeout', 'Health-check timeout', 'Data cache', 'Availability Zone balance'),
      type('1800'),
      type('900'),
      pick('Spread copies out'),
      type('1'),
      pickMany(), // endpoint settings: AWS's defaults
      pick('Add the scale-to-zero auto scaling'),
      review('run'),
    ],
  },
  {
    name: 'create: a new model from a container image',
    wizard: 'createEndpoint',
    script: [
      pick('Create a new model…'),
      type('catalog-new-model'),
      type(image),
      type('s3://catalog-bucket/llama/model.tar.gz'),
      type('HF_MODEL_ID=meta-llama/Llama-3.1-8B-Instruct, OPTION_MAX_MODEL_LEN=8192'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('catalog-new'),
      pick('ml.g5.2xlarge'),
      pick('Use these defaults'),
      review('run'),
    ],
  },

  // Wizard 2: enable scale to zero.
  { name: 'enable: no setup yet', wizard: 'enableScaleToZero', setup: [bareComponent], component: 'catalog-bare', script: [accept(), pick(/Concurrent requests/), accept(), accept(), accept(), accept(), review('run')] },
  {
    name: 'enable: no setup yet, sleeps after 5 idle minutes',
    wizard: 'enableScaleToZero',
    setup: [componentSetup('catalog-bare-idle', { ModelName: 'demo-llama3-8b-model' })],
    component: 'catalog-bare-idle',
    script: [accept(), pick(/Concurrent requests/), accept(), accept(), accept(), type('5'), review('run')],
  },
  {
    name: 'enable: repair a partial setup (target rewritten, step policy and alarm created)',
    wizard: 'enableScaleToZero',
    component: 'demo-mistral-7b',
    script: [pickMany(/MinCapacity to 0/, /step policy/, /NoCapacity alarm/), type('3'), review('run')],
  },
  { name: 'enable: only the alarm picked, its missing step policy added', wizard: 'enableScaleToZero', component: 'demo-mistral-7b', script: [pickMany(/NoCapacity alarm/), review('run')] },
  { name: 'enable: replace the docs\' alarm, aimed at the existing step policy', wizard: 'enableScaleToZero', component: 'demo-embeddings', script: [pickMany(/Replace the wake alarm/), review('run')] },
  {
    name: 'enable: rewrite a complete setup in place',
    wizard: 'enableScaleToZero',
    component: 'demo-llama3-8b',
    script: [pick(/^Rewrite/), type('4'), pick('Invocations per copy'), type('12'), type('600'), type('120'), accept(), review('run')],
  },
  {
    name: 'enable: rewrite a complete setup in place with a 30-minute idle timeout',
    wizard: 'enableScaleToZero',
    component: 'demo-llama3-8b',
    script: [pick(/^Rewrite/), accept(), pick(/Concurrent requests/), accept(), accept(), accept(), type('30'), review('run')],
  },

  // Set Idle Timeout… from a component's row: on one without an idle timeout, target tracking loses its scale-in, the
  // set-to-zero policy and idle alarm are new; on the demo's demo-llama3-8b (15 minutes) the alarm is rewritten or all is undone.
  { name: 'set idle timeout: 5 minutes on a component with the docs\' setup', wizard: 'setIdleTimeout', component: 'demo-embeddings', script: [type('5'), review('run')] },
  { name: 'set idle timeout: the demo\'s 15 minutes changed to 5', wizard: 'setIdleTimeout', component: 'demo-llama3-8b', script: [type('5'), review('run')] },
  { name: 'set idle timeout: the demo\'s 15 minutes turned off', wizard: 'setIdleTimeout', component: 'demo-llama3-8b', script: [type(''), review('run')] },

  // Add Inference Component… (issue 18 item 2): a second model on demo-scale-to-zero, whose one GPU demo-llama3-8b holds, so
  // the copy needs the second instance its MaxInstanceCount 2 allows; from the row with the defaults, and from the palette
  // with a new model, start settings and a 5-minute idle timeout.
  {
    name: 'add component: a second model beside demo-llama3-8b, on a new instance',
    wizard: 'addInferenceComponent',
    component: 'demo-scale-to-zero',
    script: [pick('demo-embeddings-model'), type('catalog-second-ic'), accept(), type('8192'), type('1'), accept(), pickMany('Data cache'), pick('Add the scale-to-zero auto scaling'), review('run')],
  },
  {
    name: 'add component: a new model from the palette, start settings and a 5-minute idle timeout',
    wizard: 'addInferenceComponent',
    script: [
      pick('demo-scale-to-zero'),
      pick('Create a new model…'),
      type('catalog-second-model'),
      type(image),
      type(''),
      type('HF_MODEL_ID=BAAI/bge-base-en-v1.5'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('catalog-second-new-ic'),
      accept(),
      type('4096'),
      type('1'),
      accept(),
      // Placement alone: a SchedulingConfig without AvailabilityZoneBalance, which the API's model allows and CloudFormation's
      // schema refuses; the template adds AvailabilityZoneBalance PERMISSIVE with a note, and the check against the schema holds it.
      pickMany('Health-check timeout', 'Data cache', 'Placement of copies'),
      type('900'),
      pick('Pack copies together'),
      pick('Add it and change its settings…'),
      type('1'),
      pick(/Concurrent requests/),
      accept(),
      accept(),
      accept(),
      type('5'),
      review('run'),
    ],
  },
  // Add Adapter… on a base component's row: on the demo's demo-llama3-8b (it scales to zero) the plan adds the adapter's
  // wake alarm aimed at the base's step policy; on a component without auto scaling, the adapter alone.
  { name: 'add adapter: on a base that scales to zero, with its wake alarm', wizard: 'addAdapter', component: 'demo-llama3-8b', script: [type('catalog-tone'), type('s3://catalog-bucket/adapters/tone/'), review('run')] },
  { name: 'add adapter: on a base without auto scaling', wizard: 'addAdapter', setup: [bareComponent], component: 'catalog-bare', script: [type('catalog-bare-tone'), type('https://example.com/adapters/tone.tar.gz'), review('run')] },
  // Enable Scale to Zero on a base whose adapter has no wake path: every check of the base passes, its adapter's alarm is added.
  {
    name: 'enable: the wake alarm of an adapter of a complete setup',
    wizard: 'enableScaleToZero',
    setup: [adapterSetup('catalog-llama-sql', 'demo-llama3-8b')],
    component: 'demo-llama3-8b',
    script: [pick(/^Add the wake alarm/), review('run')],
  },
  {
    name: 'enable: no setup yet, with an adapter (its wake alarm aimed at the new step policy)',
    wizard: 'enableScaleToZero',
    setup: [componentSetup('catalog-bare-base', { ModelName: 'demo-llama3-8b-model' }), adapterSetup('catalog-bare-base-tone', 'catalog-bare-base')],
    component: 'catalog-bare-base',
    script: [accept(), pick(/Concurrent requests/), accept(), accept(), accept(), accept(), review('run')],
  },
  // Update Model… (rolling updates): another model with the default policy and no alarm; a container image with changed
  // requirements, a batch in percent, a timeout, a rollback batch and an alarm that rolls it back.
  {
    name: 'update model: another model of the account, the default rolling policy, no alarm',
    wizard: 'updateModel',
    setup: [rollingComponent],
    component: 'catalog-rolling',
    script: [pick('demo-mistral-7b-model'), pick('Keep them'), pick('Use these defaults'), pickMany(), review('run')],
  },
  {
    name: 'update model: a container image, new requirements, a batch in percent, a rollback batch and an alarm',
    wizard: 'updateModel',
    setup: [rollingComponent],
    component: 'catalog-rolling',
    script: [
      pick(/^A container image/),
      type('763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.32.0-lmi14.0.0-cu126'),
      type('s3://catalog-models/llama/model.tar.gz'),
      pick(/^Change them/),
      type('0'),
      type('2048'),
      type('1'),
      pick(/^Change the rolling policy/),
      pick('Percent of the copies'),
      type('50'),
      type('60'),
      type('1200'),
      pick('By copies…'),
      type('1'),
      pickMany(/demo-llama3-8b-no-capacity/),
      review('run'),
    ],
  },

  // Wizard 3: schedule sleep and wake.
  {
    name: 'schedule: copy count, a listed role',
    wizard: 'schedule',
    component: 'demo-llama3-8b',
    script: [pick('Set the copy count'), ...timing('Europe/Paris', /^Weekdays/, '2', 'catalog-llama'), pick('EmulatorSchedulerRole'), review('run')],
  },
  {
    name: 'schedule: copy count, a typed role ARN, no scalable target',
    wizard: 'schedule',
    setup: [bareComponent],
    component: 'catalog-bare',
    script: [pick('Set the copy count'), ...timing('UTC', /^Nights off/, '1', 'catalog-bare'), pick('Enter a role ARN…'), type(typedRole), review('run')],
  },
  {
    name: 'schedule: copy count, a role created by the plan',
    wizard: 'schedule',
    component: 'demo-mistral-7b',
    script: [pick('Set the copy count'), ...timing('America/New_York', /^Weekends off/, '1', 'catalog-mistral'), pick('Create a role for EventBridge Scheduler…'), type('service-role/CatalogScheduler'), review('run')],
  },
  {
    name: 'schedule: delete and recreate, custom expressions, a typed role ARN',
    wizard: 'schedule',
    component: 'demo-mistral-7b',
    script: [
      pick('Delete and recreate the inference component'),
      type('Asia/Tokyo'),
      pick('Custom expressions…'),
      type('cron(30 22 ? * MON-FRI *)'),
      type('at(2030-01-07T08:00:00)'),
      type('1'),
      type('catalog-recreate-sleep'),
      type('catalog-recreate-wake'),
      pick('Enter a role ARN…'),
      type(typedRole),
      review('run'),
    ],
  },
  {
    name: 'schedule: delete and recreate, a role created by the plan',
    wizard: 'schedule',
    component: 'demo-embeddings',
    script: [pick('Delete and recreate the inference component'), ...timing('Europe/Paris', /^Nights off/, '1', 'catalog-embeddings'), pick('Create a role for EventBridge Scheduler…'), accept(), review('run')],
  },
  ...(['Reference the model', 'Leave HF_TOKEN out', 'Copy HF_TOKEN into the schedule'] as const).map(
    (choice): Recipe => ({
      name: `schedule: delete and recreate a component with a secret, "${choice}"`,
      wizard: 'schedule',
      setup: [gatedWithModel],
      component: 'catalog-gated-llm',
      script: [pick('Delete and recreate the inference component'), pick(new RegExp(`^${choice}`)), ...timing('UTC', /^Weekends off/, '1', 'catalog-gated'), pick('Enter a role ARN…'), type(typedRole), review('run')],
    }),
  ),
  {
    name: 'schedule: delete and recreate a container without a model, its secret left out',
    wizard: 'schedule',
    setup: [gatedContainer],
    component: 'catalog-gated-container',
    script: [pick('Delete and recreate the inference component'), pick(/^Leave HF_TOKEN out/), ...timing('UTC', /^Nights off/, '1', 'catalog-container'), pick('Enter a role ARN…'), type(typedRole), review('run')],
  },
  {
    name: 'schedule: Application Auto Scaling scheduled actions',
    wizard: 'schedule',
    component: 'demo-llama3-8b',
    script: [pick('Application Auto Scaling scheduled actions'), ...timing('Europe/Paris', /^Weekends off/, '2', 'catalog-actions'), review('run')],
  },
];

const wizards: Record<CatalogEntry['wizard'], (env: WizardEnvironment, component?: string) => Promise<WizardResult>> = {
  createEndpoint: (env) => createEndpointWizard(env),
  enableScaleToZero: enableScaleToZeroWizard,
  schedule: scheduleWizard,
  setIdleTimeout: setIdleTimeoutWizard,
  addInferenceComponent: addInferenceComponentWizard,
  addAdapter: addAdapterWizard,
  updateModel: updateModelWizard,
};

/** Builds every entry on `account`, each on a fresh world; fails when a script no longer fits its wizard. */
export async function buildPlanCatalog(account: CatalogAccount): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  for (const recipe of recipes) {
    const setup = recipe.setup ?? [];
    await account.prepare(setup);
    const ui = new ScriptedUserInput(recipe.script);
    const result = await wizards[recipe.wizard](account.environment(ui), recipe.component).catch((error: unknown) => {
      throw new Error(`Plan catalogue, "${recipe.name}": ${error instanceof Error ? error.message : String(error)}`);
    });
    ui.assertUsed();
    if (result.kind !== 'plan') throw new Error(`Plan catalogue, "${recipe.name}": the wizard ended without a plan.`);
    entries.push({ name: recipe.name, wizard: recipe.wizard, plan: result.plan, world: { scenario: 'demo', setup } });
  }
  return entries;
}

/** The wizards' clock while the catalogue is built (their previews and notes depend on it, the requests do not). */
export const catalogNow = new Date('2026-12-07T10:00:00Z');

/** The catalogue on the plain-data copy of the demo account (test/support/demoAccount.ts): no server, no network. */
export async function demoPlanCatalog(now = catalogNow): Promise<CatalogEntry[]> {
  let account = new DemoAccount(now);
  return buildPlanCatalog({
    prepare: async (setup) => {
      account = new DemoAccount(now);
      account.apply(setup);
    },
    environment: (ui) => account.environment(ui),
  });
}
