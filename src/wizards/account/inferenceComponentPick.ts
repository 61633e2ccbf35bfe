import { type AccountReader } from '../../aws/accountReader';
import { type WizardStep } from '../framework/wizardRunner';
import { type Answer, type StepInfo, type UserInput } from '../../prompts/userInput';

/** The page that picks an inference component of the account, grouped by endpoint; `apply` may read more about it. */
export function pickInferenceComponentStep<S>(options: {
  when?: (state: S) => boolean;
  /** The component picked may change the pages that follow (see `WizardStep.branches`). */
  branches?: WizardStep<S>['branches'];
  reader: AccountReader;
  placeholder: string;
  selected: (state: S) => string | undefined;
  apply: (state: S, name: string) => Promise<S>;
}): WizardStep<S> {
  return {
    id: 'inferenceComponent',
    when: options.when,
    branches: options.branches,
    async ask(state: S, info: StepInfo, ui: UserInput): Promise<Answer<S>> {
      const components = await options.reader.listInferenceComponents();
      const selected = options.selected(state);
      const sorted = [...components].sort((a, b) => a.endpointName.localeCompare(b.endpointName) || a.name.localeCompare(b.name));
      const answer = await ui.pickPage(info, {
        placeholder: components.length ? options.placeholder : 'This account and region have no inference components',
        items: sorted.map((ic) => ({
          label: ic.name,
          description: ic.status,
          detail: `on endpoint ${ic.endpointName}${ic.variantName ? ` (${ic.variantName})` : ''}`,
          group: ic.endpointName,
          value: ic.name,
          picked: ic.name === selected,
        })),
      });
      if (answer.kind !== 'value') return answer;
      return { kind: 'value', value: await options.apply(state, answer.value) };
    },
  };
}
