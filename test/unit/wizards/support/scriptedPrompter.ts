import {
  type Answer,
  type PickItem,
  type StepInfo,
  type WizardPrompter,
} from '../../../../src/wizards/wizardPrompter';

type ReviewAction = 'run' | 'exportBoto3' | 'exportCli' | 'exportCloudFormation';

/** One scripted answer. Labels match an item's label exactly, or by a regular expression. */
export type ScriptEntry =
  | { kind: 'pick'; label: string | RegExp }
  | { kind: 'pickMany'; labels: (string | RegExp)[] }
  | { kind: 'input'; typed: string[] }
  | { kind: 'review'; action: ReviewAction }
  | { kind: 'back' }
  | { kind: 'cancel' };

export const pick = (label: string | RegExp): ScriptEntry => ({ kind: 'pick', label });
export const pickMany = (...labels: (string | RegExp)[]): ScriptEntry => ({ kind: 'pickMany', labels });
/** Types each value in turn; every value but the last is expected to be refused by the page's validation. */
export const type = (...typed: string[]): ScriptEntry => ({ kind: 'input', typed });
export const review = (action: ReviewAction = 'run'): ScriptEntry => ({ kind: 'review', action });
export const back = (): ScriptEntry => ({ kind: 'back' });
export const cancel = (): ScriptEntry => ({ kind: 'cancel' });

/** What one page showed, and what validation said about the refused values. */
export interface PageRecord {
  kind: 'pick' | 'pickMany' | 'input' | 'review';
  step: StepInfo;
  /** Placeholder (picks), prompt (inputs) or summary (review). */
  text: string;
  items: PickItem<unknown>[];
  /** The default value of an input page. */
  value?: string;
  /** The validation messages of the refused values, in order. */
  errors: string[];
}

function matches(item: PickItem<unknown>, label: string | RegExp): boolean {
  return typeof label === 'string' ? item.label === label : label.test(item.label);
}

/** A WizardPrompter that answers from a script and records every page it was shown. */
export class ScriptedPrompter implements WizardPrompter {
  readonly pages: PageRecord[] = [];
  private readonly script: ScriptEntry[];

  constructor(script: ScriptEntry[]) {
    this.script = [...script];
  }

  get remaining(): number {
    return this.script.length;
  }

  private next(kind: PageRecord['kind'], page: PageRecord): ScriptEntry {
    this.pages.push(page);
    const entry = this.script.shift();
    if (!entry) throw new Error(`Script exhausted at ${kind} page ${page.step.step}/${page.step.totalSteps}: "${page.text.split('\n')[0]}"`);
    if (entry.kind !== 'back' && entry.kind !== 'cancel' && entry.kind !== kind) {
      throw new Error(`Script expected a ${entry.kind} page but got ${kind} page ${page.step.step}: "${page.text.split('\n')[0]}"`);
    }
    return entry;
  }

  private pickItem<T>(items: PickItem<T>[], label: string | RegExp, text: string): T {
    const found = items.find((item) => matches(item, label));
    if (!found) throw new Error(`No item ${String(label)} on "${text}": ${items.map((item) => item.label).join(' | ')}`);
    return found.value;
  }

  async pick<T>(step: StepInfo, options: { placeholder: string; items: PickItem<T>[] }): Promise<Answer<T>> {
    const entry = this.next('pick', { kind: 'pick', step, text: options.placeholder, items: options.items, errors: [] });
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    if (entry.kind !== 'pick') throw new Error('unreachable');
    return { kind: 'value', value: this.pickItem(options.items, entry.label, options.placeholder) };
  }

  async pickMany<T>(step: StepInfo, options: { placeholder: string; items: PickItem<T>[] }): Promise<Answer<T[]>> {
    const entry = this.next('pickMany', { kind: 'pickMany', step, text: options.placeholder, items: options.items, errors: [] });
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    if (entry.kind !== 'pickMany') throw new Error('unreachable');
    return { kind: 'value', value: entry.labels.map((label) => this.pickItem(options.items, label, options.placeholder)) };
  }

  async input(
    step: StepInfo,
    options: { prompt: string; value?: string; placeholder?: string; validate: (value: string) => string | undefined },
  ): Promise<Answer<string>> {
    const page: PageRecord = { kind: 'input', step, text: options.prompt, items: [], value: options.value, errors: [] };
    const entry = this.next('input', page);
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    if (entry.kind !== 'input') throw new Error('unreachable');
    const typed = entry.typed.length ? entry.typed : [options.value ?? ''];
    for (const [index, value] of typed.entries()) {
      const error = options.validate(value);
      const last = index === typed.length - 1;
      if (!last) {
        if (error === undefined) throw new Error(`"${value}" was expected to be refused on "${options.prompt}"`);
        page.errors.push(error);
      } else if (error !== undefined) {
        throw new Error(`"${value}" was refused on "${options.prompt}": ${error}`);
      }
    }
    return { kind: 'value', value: typed[typed.length - 1] };
  }

  async review(
    step: StepInfo,
    options: { summary: string; items: PickItem<ReviewAction>[] },
  ): Promise<Answer<ReviewAction>> {
    const entry = this.next('review', { kind: 'review', step, text: options.summary, items: options.items, errors: [] });
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    if (entry.kind !== 'review') throw new Error('unreachable');
    if (!options.items.some((item) => item.value === entry.action)) throw new Error(`No review action ${entry.action}`);
    return { kind: 'value', value: entry.action };
  }

  /** The input pages' defaults and the pages by prompt text, for assertions. */
  page(text: RegExp, occurrence = 0): PageRecord {
    const found = this.pages.filter((page) => text.test(page.text));
    if (!found[occurrence]) throw new Error(`No page ${String(text)} (#${occurrence}); pages: ${this.pages.map((page) => page.text.split('\n')[0]).join(' | ')}`);
    return found[occurrence];
  }
}

/** `type()` with no values accepts the page's default. */
export const accept = (): ScriptEntry => ({ kind: 'input', typed: [] });
