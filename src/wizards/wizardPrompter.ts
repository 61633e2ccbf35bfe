/**
 * The questions a wizard asks, independent of VS Code: the UI layer implements it with a multi-step
 * quick input (title, "Step 2 of 7", a Back button, validation as you type); unit tests implement it
 * with a script. Every method may answer `back` (the user pressed Back) or `cancel` (Escape).
 */

export type Answer<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export interface StepInfo {
  /** The wizard's title: "Create Scale-to-Zero Endpoint". */
  title: string;
  step: number;
  totalSteps: number;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Shown as a separator heading above this item (groups such as instance families). */
  group?: string;
  picked?: boolean;
}

export interface WizardPrompter {
  pick<T>(step: StepInfo, options: { placeholder: string; items: PickItem<T>[] }): Promise<Answer<T>>;
  pickMany<T>(step: StepInfo, options: { placeholder: string; items: PickItem<T>[] }): Promise<Answer<T[]>>;
  /** `validate` returns an error message (the service's rule, in words) or undefined when valid. */
  input(
    step: StepInfo,
    options: { prompt: string; value?: string; placeholder?: string; validate: (value: string) => string | undefined },
  ): Promise<Answer<string>>;
  /** The plan preview: the user runs it, exports it, or goes back. */
  review(
    step: StepInfo,
    options: { summary: string; items: PickItem<'run' | 'exportBoto3' | 'exportCli' | 'exportCloudFormation'>[] },
  ): Promise<Answer<'run' | 'exportBoto3' | 'exportCli' | 'exportCloudFormation'>>;
}
