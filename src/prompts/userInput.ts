/**
 * Every question the extension asks the user, independent of VS Code. The workbench implements it
 * with quick picks, input boxes and modal dialogs (src/workbench/vsCodeUserInput.ts); tests implement
 * it with a script (test/support/scriptedUserInput.ts).
 *
 * Two kinds of questions: single ones (`pick`, `pickMany`, `input`, `confirm`), asked by commands, answered with a
 * value or undefined when dismissed; and a wizard's pages (`pickPage`, `pickManyPage`, `inputPage`,
 * `reviewPage`), titled "<wizard> (step/total)" with a Back button, answered with an {@link Answer}.
 */

/** A wizard page's answer: a value, `back` (the user pressed Back) or `cancel` (Escape). */
export type Answer<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

/**
 * Where a page sits in its wizard. `step` and `totalSteps` count the pages of the page's own walk (the
 * wizard's main pages and its plan, or the pages of one section such as "Advanced settings"): a user
 * input shows them once, either as VS Code's "(step/total)" or, when estimated, in the title's words
 * (see `pageTitle`), never both.
 */
export interface StepInfo {
  /** The wizard's title, with the section for a section's pages: "Create Scale-to-Zero Endpoint: Advanced settings". */
  title: string;
  step: number;
  totalSteps: number;
  /** The total may still change: a page not answered yet adds or removes pages ("about N"). */
  estimated: boolean;
  /** Back is offered: every page but the first one the wizard showed. */
  canGoBack: boolean;
}

/** One choice of a pick. */
export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Shown as a separator heading above this item (groups such as instance families, or a profile's SSO session). */
  group?: string;
  /** Preselected (in `pickMany` and the pages). */
  picked?: boolean;
}

/** What the user may do with a reviewed plan. */
export type ReviewAction = 'run' | 'exportBoto3' | 'exportCli' | 'exportCloudFormation';

export interface InputOptions {
  title: string;
  prompt?: string;
  value?: string;
  placeholder?: string;
  /** Returns an error message (the service's rule, in words) or undefined when valid. */
  validate?: (value: string) => string | undefined;
}

export interface SaveLocationOptions {
  title: string;
  /** The file name offered (in the workspace folder, or the home folder without one). */
  defaultName: string;
  filters?: Record<string, string[]>;
}

export interface InputPageOptions {
  prompt: string;
  value?: string;
  placeholder?: string;
  validate: (value: string) => string | undefined;
}

export interface ReviewPageOptions {
  /** A few short lines: the plan's title, cost and calls by name. */
  summary: string;
  /** The full plan as Markdown: every call and parameter, the costs and notes. */
  document: string;
  items: Choice<ReviewAction>[];
}

export interface UserInput {
  /** One choice; undefined when dismissed. */
  pick<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T | undefined>;
  /** Several choices (the `picked` ones preselected); undefined when dismissed. */
  pickMany<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T[] | undefined>;
  /** Free text, validated as typed; undefined when dismissed. */
  input(options: InputOptions): Promise<string | undefined>;
  /** A modal confirmation; true only when the user chose `confirmLabel`. */
  confirm(options: { message: string; detail?: string; confirmLabel: string }): Promise<boolean>;
  /**
   * Where to save a file (a save dialog): its absolute path, or undefined when dismissed.
   * `filters` maps a name to extensions without the dot ({ Markdown: ['md'] }).
   */
  saveLocation(options: SaveLocationOptions): Promise<string | undefined>;

  /** A wizard's page with one choice. */
  pickPage<T>(step: StepInfo, options: { placeholder: string; items: Choice<T>[] }): Promise<Answer<T>>;
  /** A wizard's page with several choices. */
  pickManyPage<T>(step: StepInfo, options: { placeholder: string; items: Choice<T>[] }): Promise<Answer<T[]>>;
  /** A wizard's free-text page. */
  inputPage(step: StepInfo, options: InputPageOptions): Promise<Answer<string>>;
  /**
   * The plan preview, the wizard's last page: the user runs it, exports it, or goes back. `summary` is a
   * few short lines shown on the page; `document` the full plan as Markdown, shown beside the page
   * while it is open.
   */
  reviewPage(step: StepInfo, options: ReviewPageOptions): Promise<Answer<ReviewAction>>;
}
