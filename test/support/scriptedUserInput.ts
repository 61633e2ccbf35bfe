import {
  type Answer,
  type Choice,
  type InputOptions,
  type InputPageOptions,
  type ReviewAction,
  type ReviewPageOptions,
  type SaveLocationOptions,
  type StepInfo,
  type UserInput,
} from '../../src/prompts/userInput';
import { renderMarkdown, visibleText } from './renderedMarkdown';

/**
 * One scripted answer, used by the next question in order. A pick matches an item's label exactly, by
 * a regular expression, or (pickValue) an item's value by deep equality.
 */
export type ScriptEntry =
  | { kind: 'pick'; label: string | RegExp }
  | { kind: 'pickValue'; value: unknown }
  | { kind: 'pickMany'; labels: (string | RegExp)[] }
  | { kind: 'input'; typed: string[] }
  | { kind: 'review'; action: ReviewAction }
  | { kind: 'confirm'; answer: boolean }
  | { kind: 'save'; path: string }
  | { kind: 'back' }
  | { kind: 'cancel' };

export const pick = (label: string | RegExp): ScriptEntry => ({ kind: 'pick', label });
export const pickValue = (value: unknown): ScriptEntry => ({ kind: 'pickValue', value });
export const pickMany = (...labels: (string | RegExp)[]): ScriptEntry => ({ kind: 'pickMany', labels });
/** Types each value in turn; every value but the last is expected to be refused by the validation. */
export const type = (...typed: string[]): ScriptEntry => ({ kind: 'input', typed });
/** Accepts an input's default value. */
export const accept = (): ScriptEntry => ({ kind: 'input', typed: [] });
export const review = (action: ReviewAction = 'run'): ScriptEntry => ({ kind: 'review', action });
export const confirm = (answer: boolean): ScriptEntry => ({ kind: 'confirm', answer });
/** Chooses this path in a save dialog. */
export const saveAs = (path: string): ScriptEntry => ({ kind: 'save', path });
/** Back on a wizard page. */
export const back = (): ScriptEntry => ({ kind: 'back' });
/** Escape: a page answers `cancel`, a pick or an input undefined, a confirmation false. */
export const cancel = (): ScriptEntry => ({ kind: 'cancel' });

/** What one wizard page showed, and what validation said about the refused values. */
export interface PageRecord {
  kind: 'pick' | 'pickMany' | 'input' | 'review';
  step: StepInfo;
  /** Placeholder (picks), prompt (inputs) or summary (review). */
  text: string;
  items: Choice<unknown>[];
  /** The default value of an input page. */
  value?: string;
  /** The validation messages of the refused values, in order. */
  errors: string[];
}

type QuestionKind = 'pick' | 'pickMany' | 'input' | 'review' | 'confirm' | 'save';

/** The kinds of entry each kind of question takes (besides `cancel`, which every question takes). */
const answersTo: Record<QuestionKind, ScriptEntry['kind'][]> = {
  pick: ['pick', 'pickValue'],
  pickMany: ['pickMany'],
  input: ['input'],
  review: ['review'],
  confirm: ['confirm'],
  save: ['save'],
};

/** Every fake not yet checked: the root hook below checks them after each test. */
const unchecked = new Set<ScriptedUserInput>();

/**
 * The user, as a script: answers every question (single ones and wizard pages) from one list of
 * entries, in order, and records what was asked. It fails the test when a question comes that the
 * script has no answer for (the question throws, and the failure is kept even when the code under test
 * catches it) and when scripted answers are left over: `assertUsed()` checks both, and is called after
 * every test that passed by a root `afterEach` hook for every fake the test created.
 */
export class ScriptedUserInput implements UserInput {
  /** The wizard pages shown, in order. */
  readonly pages: PageRecord[] = [];
  /** The single questions asked, in order: "pick: <title>", "pickMany: <title>", "input: <title>", "confirm: <message>". */
  readonly asked: string[] = [];
  /** The items each single pick (and multi-pick) offered, in order, with their groups and preselection. */
  readonly offered: { title: string; items: Choice<unknown>[] }[] = [];
  readonly confirmations: { message: string; detail?: string }[] = [];
  /** The validation message of each value typed into a single input (undefined: accepted). */
  readonly validationErrors: (string | undefined)[] = [];
  /** Questions the script could not answer. */
  readonly problems: string[] = [];
  private readonly script: ScriptEntry[];

  constructor(script: ScriptEntry[] = []) {
    this.script = [...script];
    unchecked.add(this);
  }

  /** Appends answers to the script. */
  answer(...entries: ScriptEntry[]): this {
    this.script.push(...entries);
    return this;
  }

  /** Picks the choice whose value deep-equals `value`. */
  answerPick(value: unknown): this {
    return this.answer(pickValue(value));
  }

  answerInput(value: string): this {
    return this.answer(type(value));
  }

  answerConfirm(value: boolean): this {
    return this.answer(confirm(value));
  }

  get remaining(): number {
    return this.script.length;
  }

  /** Fails when a question went unanswered or a scripted answer was not used. */
  assertUsed(): void {
    unchecked.delete(this);
    const failures = [...this.problems];
    if (this.script.length > 0) failures.push(`${this.script.length} scripted answer(s) never used: ${this.script.map(describeEntry).join(', ')}`);
    if (failures.length > 0) throw new Error(`The scripted user: ${failures.join(' / ')}`);
  }

  /** The wizard page whose text matches, for assertions (the `occurrence`-th such page). */
  page(text: RegExp, occurrence = 0): PageRecord {
    const found = this.pages.filter((page) => text.test(page.text));
    if (!found[occurrence]) throw new Error(`No page ${String(text)} (#${occurrence}); pages: ${this.pages.map((page) => page.text.split('\n')[0]).join(' | ')}`);
    return found[occurrence];
  }

  async pick<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T | undefined> {
    this.asked.push(`pick: ${options.title}`);
    this.offered.push({ title: options.title, items: options.items });
    const entry = this.next('pick', `pick "${options.title}"`, false);
    return entry.kind === 'cancel' ? undefined : this.choose(options.items, entry, options.title);
  }

  /** A multi-pick: `pickMany(...labels)` chooses those items (none: the preselected ones stay chosen). */
  async pickMany<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T[] | undefined> {
    this.asked.push(`pickMany: ${options.title}`);
    this.offered.push({ title: options.title, items: options.items });
    const entry = this.next('pickMany', `multi-pick "${options.title}"`, false);
    if (entry.kind === 'cancel') return undefined;
    if (entry.kind !== 'pickMany') throw this.fail(`unreachable: ${entry.kind}`);
    if (entry.labels.length === 0) return options.items.filter((item) => item.picked).map((item) => item.value);
    return entry.labels.map((label) => this.choose(options.items, { kind: 'pick', label }, options.title));
  }

  async input(options: InputOptions): Promise<string | undefined> {
    this.asked.push(`input: ${options.title}`);
    const entry = this.next('input', `input "${options.title}"`, false);
    if (entry.kind === 'cancel') return undefined;
    const errors: string[] = [];
    const value = this.typeInto(entry, options.value, options.validate ?? (() => undefined), options.title, errors);
    this.validationErrors.push(...errors, undefined);
    return value;
  }

  async confirm(options: { message: string; detail?: string; confirmLabel: string }): Promise<boolean> {
    this.asked.push(`confirm: ${options.message}`);
    this.confirmations.push({ message: options.message, detail: options.detail });
    const entry = this.next('confirm', `confirmation "${options.message}"`, false);
    return entry.kind === 'confirm' && entry.answer;
  }

  async saveLocation(options: SaveLocationOptions): Promise<string | undefined> {
    this.asked.push(`save: ${options.title} (${options.defaultName})`);
    const entry = this.next('save', `save dialog "${options.title}"`, false);
    return entry.kind === 'save' ? entry.path : undefined;
  }

  async pickPage<T>(step: StepInfo, options: { placeholder: string; items: Choice<T>[] }): Promise<Answer<T>> {
    this.pages.push({ kind: 'pick', step, text: options.placeholder, items: options.items, errors: [] });
    const entry = this.next('pick', pageName('pick', step, options.placeholder), true);
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    return { kind: 'value', value: this.choose(options.items, entry, options.placeholder) };
  }

  async pickManyPage<T>(step: StepInfo, options: { placeholder: string; items: Choice<T>[] }): Promise<Answer<T[]>> {
    this.pages.push({ kind: 'pickMany', step, text: options.placeholder, items: options.items, errors: [] });
    const entry = this.next('pickMany', pageName('pickMany', step, options.placeholder), true);
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    if (entry.kind !== 'pickMany') throw this.fail(`unreachable: ${entry.kind}`);
    return { kind: 'value', value: entry.labels.map((label) => this.choose(options.items, { kind: 'pick', label }, options.placeholder)) };
  }

  async inputPage(step: StepInfo, options: InputPageOptions): Promise<Answer<string>> {
    const page: PageRecord = { kind: 'input', step, text: options.prompt, items: [], value: options.value, errors: [] };
    this.pages.push(page);
    const entry = this.next('input', pageName('input', step, options.prompt), true);
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    return { kind: 'value', value: this.typeInto(entry, options.value, options.validate, options.prompt, page.errors) };
  }

  async reviewPage(step: StepInfo, options: ReviewPageOptions): Promise<Answer<ReviewAction>> {
    // What the user reads: the page's lines, then the full plan beside it, as its preview shows it.
    const document = visibleText(renderMarkdown(options.document));
    this.pages.push({ kind: 'review', step, text: `${options.summary}\n\n${document}`, items: options.items, errors: [] });
    const entry = this.next('review', pageName('review', step, options.summary), true);
    if (entry.kind === 'back' || entry.kind === 'cancel') return { kind: entry.kind };
    if (entry.kind !== 'review') throw this.fail(`unreachable: ${entry.kind}`);
    if (!options.items.some((item) => item.value === entry.action)) throw this.fail(`No review action ${entry.action}`);
    return { kind: 'value', value: entry.action };
  }

  /** The next entry, checked against the question: a mismatch or an exhausted script fails the test. */
  private next(kind: QuestionKind, question: string, isPage: boolean): ScriptEntry {
    const entry = this.script.shift();
    if (!entry) throw this.fail(`no scripted answer for the ${question}`);
    const fits = entry.kind === 'cancel' || (isPage && entry.kind === 'back') || answersTo[kind].includes(entry.kind);
    if (!fits) throw this.fail(`the script answers ${describeEntry(entry)} but the next question is the ${question}`);
    return entry;
  }

  private choose<T>(items: Choice<T>[], entry: ScriptEntry, where: string): T {
    const found = items.find((item) =>
      entry.kind === 'pickValue'
        ? JSON.stringify(item.value) === JSON.stringify(entry.value)
        : entry.kind === 'pick' && (typeof entry.label === 'string' ? item.label === entry.label : entry.label.test(item.label)),
    );
    if (!found) throw this.fail(`no item ${describeEntry(entry)} on "${where}": ${items.map((item) => item.label).join(' | ')}`);
    return found.value;
  }

  /** Types each scripted value: all but the last must be refused (their messages go to `errors`), the last accepted. */
  private typeInto(entry: ScriptEntry, initial: string | undefined, validate: (value: string) => string | undefined, where: string, errors: string[]): string {
    if (entry.kind !== 'input') throw this.fail(`unreachable: ${entry.kind}`);
    const typed = entry.typed.length ? entry.typed : [initial ?? ''];
    for (const [index, value] of typed.entries()) {
      const error = validate(value);
      const last = index === typed.length - 1;
      if (!last) {
        if (error === undefined) throw this.fail(`"${value}" was expected to be refused on "${where}"`);
        errors.push(error);
      } else if (error !== undefined) {
        throw this.fail(`"${value}" was refused on "${where}": ${error}`);
      }
    }
    return typed[typed.length - 1];
  }

  private fail(problem: string): Error {
    this.problems.push(problem);
    return new Error(`The scripted user: ${problem}`);
  }
}

function pageName(kind: string, step: StepInfo, text: string): string {
  return `${kind} page ${step.step}/${step.totalSteps} "${text.split('\n')[0]}"`;
}

function describeEntry(entry: ScriptEntry): string {
  switch (entry.kind) {
    case 'pick':
      return `pick ${String(entry.label)}`;
    case 'pickValue':
      return `pick the value ${JSON.stringify(entry.value)}`;
    case 'pickMany':
      return `pick ${entry.labels.map(String).join(', ')}`;
    case 'input':
      return `type ${entry.typed.length ? entry.typed.map((value) => JSON.stringify(value)).join(', ') : 'the default'}`;
    case 'review':
      return `review: ${entry.action}`;
    case 'confirm':
      return `confirm: ${entry.answer}`;
    default:
      return entry.kind;
  }
}

/**
 * Checks every fake the finished test created. A test that failed already is not failed again (the
 * leftover answers are its consequence); its fakes are only forgotten.
 */
export function checkScriptedUserInputs(testPassed: boolean): void {
  const fakes = [...unchecked];
  unchecked.clear();
  if (!testPassed) return;
  for (const fake of fakes) fake.assertUsed();
}

// Registered once, on the root suite, when the first test file that uses the fake is loaded. The
// failure goes to the test (the hook's `error()`), so that the other tests still run.
if (typeof afterEach === 'function') {
  afterEach(function checkScriptedUsers() {
    try {
      checkScriptedUserInputs(this.currentTest?.state !== 'failed');
    } catch (error) {
      (this.test as Mocha.Hook).error(error);
    }
  });
}
