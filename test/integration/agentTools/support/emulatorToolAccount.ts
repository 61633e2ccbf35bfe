import { type RunningEmulator } from '@s2z/emulator';
import { type AgentTool, type ToolAccount } from '../../../../src/agentTools/agentTool';
import { AgentToolRunner } from '../../../../src/agentTools/toolRunner';
import { type AwsClients } from '../../../../src/aws/clients';
import { type Inventory } from '../../../../src/explorer/inventory/inventory';
import { Logger } from '../../../../src/logging/logger';
import { type UserInput } from '../../../../src/prompts/userInput';
import { type WizardEnvironment } from '../../../../src/wizards/environment';
import { PlanSession, type PlanFeedback, type PlanTarget } from '../../../../src/wizards/plans/planSession';
import { type WizardRunReport } from '../../../../src/wizards/plans/wizardRunReport';

/** A logger that keeps nothing. */
export const silentLogger = new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });

export interface EmulatorToolAccountOptions {
  emulator: RunningEmulator;
  clients: AwsClients;
  inventory: Inventory;
  label?: string;
  defaultTimeZone?: string;
  /** Answers the plan session's question after a failed run (retry, roll back, leave). Without it, no plan runs. */
  ui?: UserInput;
  /** The wizards' environment for the plan builders. Without it, a tool that asks for one fails. */
  wizardEnvironment?: () => Promise<WizardEnvironment>;
  /** Each run's report, once the session is done with it. */
  onReport?: (report: WizardRunReport) => void;
  /** Each progress notification's title. */
  onProgress?: (title: string) => void;
}

/**
 * The account the tools see in the extension, on an emulator with the real SDK clients: plans run
 * through a real PlanSession (waits advance the emulator's clock; the inventory is read again after
 * each run), as `toolAccountOf` wires it in VS Code.
 */
export function emulatorToolAccount(options: EmulatorToolAccountOptions): ToolAccount {
  const { emulator, clients, inventory } = options;
  const feedback: PlanFeedback = {
    progress: (title, task) => {
      options.onProgress?.(title);
      return task(() => undefined);
    },
    ask: async () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const session = new PlanSession({ feedback, logger: silentLogger, onTransitionStarted: () => undefined });
  const target: PlanTarget = {
    clients,
    region: 'us-east-1',
    connectionKey: 'emulator',
    endsWithWindow: true,
    wait: async (ms) => {
      emulator.advance(ms / 1000);
    },
    refresh: async () => {
      await inventory.refreshAfterChange(undefined, { full: true });
    },
  };
  const now = () => new Date(emulator.now());
  return {
    label: options.label ?? 'local emulator (us-east-1)',
    region: 'us-east-1',
    clients,
    reader: inventory.reader,
    inventory,
    now,
    priceOverrides: {},
    defaultTimeZone: options.defaultTimeZone ?? 'Europe/Paris',
    wizardEnvironment: options.wizardEnvironment ?? (() => Promise.reject(new Error('these tools build no wizard plan'))),
    executePlan: async (wizard, plan) => {
      if (!options.ui) throw new Error('these tools run no plan');
      const report: WizardRunReport = { plan, action: 'run', runs: [] };
      await session.execute(wizard, target, options.ui, plan, report);
      options.onReport?.(report);
      return report;
    },
  };
}

/** The tools on `account`, through the runner as the extension calls them. */
export function toolRunnerOn(account: ToolAccount, tools: readonly AgentTool[]): AgentToolRunner {
  return new AgentToolRunner({ tools, account: () => account, logger: silentLogger });
}
