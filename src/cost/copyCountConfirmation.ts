import { type EndpointSnapshot } from '../resources/resourceSnapshots';
import { describeHourlyCost, type PriceOverrides } from './pricing';
import { describeSleepBilling, type SleepBilling } from './sleepBilling';
import { plural } from '../l10n/plural';

/**
 * The words of a copy-count change, as "Set Copy Count" confirms it and as the agent tools (wake,
 * sleep) confirm it: one wording for both, vscode-free. What it needs is passed in: the sleep's
 * billing (sleepBilling.ts, from the account's settings) and the idle-timeout warning of a wake
 * (lifecycle/idleTimeoutWake.ts, which this folder does not import).
 */

/** What a copy count costs, for the confirmation: 0 puts the component to sleep, more wakes it. */
export function copyCountConsequence(copies: number): string {
  return copies === 0
    ? 'Requests fail with a no-capacity error until it wakes, and the instances stop billing once managed instance scaling releases them.'
    : plural(copies, { one: 'Instances are started as needed and bill while {count} copy runs; a wake from zero takes several minutes.', other: 'Instances are started as needed and bill while {count} copies run; a wake from zero takes several minutes.' });
}

export interface CopyCountConfirmationInput {
  /** The inference component's name. */
  name: string;
  copies: number;
  /** For 0 copies: what would still bill (sleepBilling); undefined when not known. */
  billing?: SleepBilling;
  /** For a wake: idleTimeoutUndoesWake's warning, when its idle timeout would set 0 copies again. */
  idleTimeoutWarning?: string;
}

/** The modal confirmation of a copy-count change: its question, what it does and costs, and its button. */
export interface CopyCountConfirmation {
  message: string;
  detail: string;
  confirmLabel: string;
  /** True when it is a sleep whose instances keep billing (the message says so). */
  keepsBilling: boolean;
}

/**
 * "Set demo-llama3-8b to 1 copy?" with what it does (a wake: instances bill while it runs, and the
 * idle timeout that would undo it), or for 0 copies either the saving's conditions or, when the
 * instances would keep billing, what bills, what it costs and how to fix it.
 */
export function copyCountConfirmation(input: CopyCountConfirmationInput): CopyCountConfirmation {
  const keepsBilling = input.copies === 0 && Boolean(input.billing?.keepsBilling);
  if (keepsBilling) {
    return {
      message: `Set ${input.name} to 0 copies? Its instances will keep billing.`,
      detail: describeSleepBilling(input.billing!),
      confirmLabel: 'Set 0 Copies Anyway',
      keepsBilling,
    };
  }
  const undone = input.copies > 0 ? input.idleTimeoutWarning : undefined;
  return {
    message: plural(input.copies, { one: 'Set {name} to {count} copy?', other: 'Set {name} to {count} copies?' }, { name: input.name }),
    detail: [copyCountConsequence(input.copies), undone].filter(Boolean).join('\n\n'),
    confirmLabel: input.copies === 0 ? 'Put to Sleep' : 'Set Copy Count',
    keepsBilling,
  };
}

export interface WakeCostInput {
  /** The component's endpoint, as described (its instance type or pools, its running instances). */
  endpoint: EndpointSnapshot | undefined;
  /** Other inference components on the same endpoint that still have copies. */
  othersWithCopies: string[];
}

/**
 * What waking a component (one copy) adds to the bill, from the endpoint's own settings and the price
 * table (the user's prices win): a new instance of its type, unless instances already run on the
 * endpoint (for other components, or kept by its settings), in which case the copy may fit on one
 * and add nothing.
 */
export function describeWakeCost(input: WakeCostInput, overrides: PriceOverrides = {}): string {
  const variant = input.endpoint?.variants[0];
  const pools = [...(variant?.instancePools ?? [])].sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity));
  const instanceType = variant?.instanceType ?? pools[0]?.instanceType;
  if (!instanceType) return 'Its instance type is not known (the endpoint was not read): the cost of a new instance cannot be shown.';
  const fallbacks = pools.map((pool) => pool.instanceType).filter((type) => type !== instanceType);
  const fallback = fallbacks.length > 0 ? ` (or, when ${instanceType} has no capacity, ${fallbacks.map((type) => describeHourlyCost(type, 1, overrides).description).join(', then ')})` : '';
  const newInstance = `${describeHourlyCost(instanceType, 1, overrides).description}${fallback}`;
  const running = variant?.currentInstanceCount ?? 0;
  if (running > 0) {
    const holders =
      input.othersWithCopies.length > 0
        ? `for ${input.othersWithCopies.join(', ')}`
        : 'with no copies (managed instance scaling has not released it yet, or its settings keep it)';
    const runs = plural(running, { one: '{count} instance already runs on endpoint {endpoint} {holders}', other: '{count} instances already run on endpoint {endpoint} {holders}' }, { endpoint: input.endpoint?.name ?? '', holders });
    return `${runs}: the copy may fit on ${running === 1 ? 'it' : 'one of them'} and add nothing to the bill; if it needs a new instance: ${newInstance}.`;
  }
  return `No instance runs on endpoint ${input.endpoint?.name ?? ''}: the wake starts ${newInstance}.`;
}
