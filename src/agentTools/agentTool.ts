import { type AccountReader } from '../aws/accountReader';
import { type AwsClients } from '../aws/clients';
import { type PriceOverrides } from '../cost/pricing';
import { type Inventory } from '../explorer/inventory/inventory';
import { type WizardEnvironment } from '../wizards/environment';
import { type Plan } from '../wizards/plans/plan';
import { type WizardRunReport } from '../wizards/plans/wizardRunReport';

/**
 * The language model tools an agent in the editor calls (contributes.languageModelTools): what each
 * one reads or proposes, vscode-free. `src/agentTools/ui/` adapts them to `vscode.lm.registerTool`;
 * `toolRunner.ts` holds what every tool shares (input errors, the confirmed plan, the run's outcome).
 */

/** The account a tool reads and acts on: the connection in use, with the real SDK clients. */
export interface ToolAccount {
  /** Where the tool looked, for its answer: "local emulator (us-east-1)", "AWS profile dev in eu-west-1". */
  label: string;
  region: string;
  clients: AwsClients;
  reader: AccountReader;
  /** The Endpoints view's live picture of the account (what the tree shows). */
  inventory: Inventory;
  /** The account's clock (the emulator's virtual one). */
  now(): Date;
  /** The user's own instance prices (setting `pricing.hourlyUsd`), over the built-in table. */
  priceOverrides: PriceOverrides;
  /** The machine's IANA time zone: the default of a schedule's zone. */
  defaultTimeZone: string;
  /** The wizards' environment, for the wizards' own plan builders; its `ui` refuses every question (tools ask nothing). */
  wizardEnvironment(): Promise<WizardEnvironment>;
  /**
   * Runs `plan` through the wizards' plan session, as wizard `wizard` would: its progress notification
   * (with Cancel), and on a failure the same choice (retry, roll back, leave) and record of what it created.
   */
  executePlan(wizard: string, plan: Plan): Promise<WizardRunReport>;
}

/** A tool's input, checked: the value, or one plain sentence naming the field and the rule it breaks. */
export type ParsedInput<I> = { ok: true; input: I } | { ok: false; message: string };

interface ToolBase<I> {
  /** As contributed in package.json (`contributes.languageModelTools[].name`). */
  name: string;
  /** Checks the raw input with the services' rules (the wizards' validators), whatever a model sends. */
  parseInput(raw: unknown): ParsedInput<I>;
  /** The progress line while it runs: "Reading the readiness of demo-llama…". */
  invocationMessage(input: I): string;
}

/** A tool that only reads: no confirmation. Its answer is short structured text (Markdown) the agent can quote. */
export interface ReadTool<I> extends ToolBase<I> {
  kind: 'read';
  answer(input: I, account: ToolAccount, signal?: AbortSignal): Promise<string>;
}

/** The confirmation VS Code shows before an acting tool runs: the UI dialog's words (title) and what it does and costs (Markdown). */
export interface ToolConfirmation {
  title: string;
  message: string;
}

/**
 * What an acting tool proposes for an input, read from the account now: nothing to do or a refusal
 * (`answer`, no confirmation, nothing changes), or a plan that runs only after its confirmation.
 */
export type ActionProposal =
  | { kind: 'answer'; text: string }
  | {
      kind: 'plan';
      /** The wizard whose plan session runs it ("Enable Scale to Zero"): a plan left half-built is resumed or rolled back there. */
      wizard: string;
      plan: Plan;
      confirmation: ToolConfirmation;
      /**
       * What to tell the agent after a successful run, beside the calls made ("it takes about 5 minutes to wake…"),
       * or how to read it then (e.g. the readiness read again); not part of what was confirmed.
       */
      afterSuccess?: string | (() => Promise<string>);
    };

/** A tool that changes the account: it proposes, the user confirms, the plan session runs the plan. */
export interface ActingTool<I> extends ToolBase<I> {
  kind: 'act';
  propose(input: I, account: ToolAccount): Promise<ActionProposal>;
}

/** Any tool, its input type erased (the methods take what its own `parseInput` returned). */
export type AgentTool = ReadTool<unknown> | ActingTool<unknown>;
