import { type Answer, type Choice, type StepInfo, type UserInput } from '../../prompts/userInput';
import { type WizardStep } from './wizardRunner';

/** Maps an answer's value, passing Back and Cancel through. */
export function mapAnswer<T, U>(answer: Answer<T>, map: (value: T) => U): Answer<U> {
  return answer.kind === 'value' ? { kind: 'value', value: map(answer.value) } : answer;
}

/** Where a page sits among the wizard's walks (see `WizardStep`). */
export type StepPlacement<S> = Pick<WizardStep<S>, 'parent' | 'section' | 'branches'>;

const placementOf = <S>(options: StepPlacement<S>): StepPlacement<S> => ({ parent: options.parent, section: options.section, branches: options.branches });

export interface InputStepOptions<S> extends StepPlacement<S> {
  id: string;
  when?: (state: S) => boolean;
  prompt: string | ((state: S) => string);
  placeholder?: string | ((state: S) => string | undefined);
  /** The default shown: the previous answer, or a suggestion from earlier answers. */
  value: (state: S) => string | undefined;
  validate: (value: string, state: S) => string | undefined;
  /** Validation that needs the account (e.g. a name already taken), loaded once before asking. */
  load?: (state: S) => Promise<(value: string) => string | undefined>;
  apply: (state: S, value: string) => S;
}

/** A free-text page: the user input validates as the user types, and the answer is validated again here. */
export function inputStep<S>(options: InputStepOptions<S>): WizardStep<S> {
  return {
    id: options.id,
    when: options.when,
    ...placementOf(options),
    async ask(state: S, info: StepInfo, ui: UserInput): Promise<Answer<S>> {
      const extra = options.load ? await options.load(state) : undefined;
      const validate = (value: string) => options.validate(value, state) ?? extra?.(value);
      const text = (v: string | ((s: S) => string | undefined) | undefined) => (typeof v === 'function' ? v(state) : v);
      for (;;) {
        const answer = await ui.inputPage(info, {
          prompt: text(options.prompt) ?? '',
          placeholder: text(options.placeholder),
          value: options.value(state),
          validate,
        });
        // A user input that does not enforce validation (or a scripted one) gets the page again.
        if (answer.kind === 'value' && validate(answer.value) !== undefined) continue;
        return mapAnswer(answer, (value) => options.apply(state, value));
      }
    },
  };
}

export interface PickStepOptions<S, T> extends StepPlacement<S> {
  id: string;
  when?: (state: S) => boolean;
  placeholder: string | ((state: S) => string);
  items: (state: S) => Choice<T>[] | Promise<Choice<T>[]>;
  /** The value to mark as picked (the previous answer or the recommended choice). */
  selected?: (state: S) => T | undefined;
  equals?: (a: T, b: T) => boolean;
  apply: (state: S, value: T) => S;
}

export function pickStep<S, T>(options: PickStepOptions<S, T>): WizardStep<S> {
  return {
    id: options.id,
    when: options.when,
    ...placementOf(options),
    async ask(state: S, info: StepInfo, ui: UserInput): Promise<Answer<S>> {
      const selected = options.selected?.(state);
      const equals = options.equals ?? ((a: T, b: T) => a === b);
      const items = (await options.items(state)).map((item) => ({
        ...item,
        picked: selected !== undefined ? equals(item.value, selected) : item.picked,
      }));
      const placeholder = typeof options.placeholder === 'function' ? options.placeholder(state) : options.placeholder;
      const answer = await ui.pickPage(info, { placeholder, items });
      return mapAnswer(answer, (value) => options.apply(state, value));
    },
  };
}
