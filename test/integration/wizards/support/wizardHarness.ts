import { type SageMakerClient, paginateListModels, DescribeModelCommand, paginateListEndpointConfigs, DescribeEndpointConfigCommand } from '@aws-sdk/client-sagemaker';
import { AccountReader } from '../../../../src/aws/accountReader';
import { createClients, type AwsClients } from '../../../../src/aws/clients';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { createModelCatalog } from '../../../../src/wizards/account/modelCatalog';
import { type WizardEnvironment } from '../../../../src/wizards/environment';
import { type Plan, type PlanStep } from '../../../../src/wizards/plans/plan';
import { ScriptedUserInput, type ScriptEntry } from '../../../support/scriptedUserInput';

/** The emulator's demo account, a real AccountReader and model catalog on it, and a scripted user per run. */
export class WizardHarness {
  private constructor(
    readonly emulator: RunningEmulator,
    readonly clients: AwsClients,
    readonly reader: AccountReader,
    private readonly sageMaker: SageMakerClient,
  ) {}

  static async start(): Promise<WizardHarness> {
    const emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    const clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    return new WizardHarness(emulator, clients, reader, clients.sageMaker as unknown as SageMakerClient);
  }

  environment(script: ScriptEntry[], extra: Partial<WizardEnvironment> = {}): { env: WizardEnvironment; prompter: ScriptedUserInput } {
    const prompter = new ScriptedUserInput(script);
    const env: WizardEnvironment = {
      ui: prompter,
      reader: this.reader,
      region: 'us-east-1',
      now: () => new Date(this.emulator.now()),
      defaultTimeZone: 'Europe/Paris',
      models: createModelCatalog(this.sageMaker, { paginateListModels, DescribeModelCommand, paginateListEndpointConfigs, DescribeEndpointConfigCommand }),
      ...extra,
    };
    return { env, prompter };
  }

  async close(): Promise<void> {
    this.clients.destroy();
    await this.emulator.close();
  }
}

export function stepById(plan: Plan, id: string): PlanStep {
  const step = plan.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`No step ${id} in ${plan.steps.map((s) => s.id).join(', ')}`);
  return step;
}

export function operations(plan: Plan): string[] {
  return plan.steps.map((step) => `${step.operation}`);
}
