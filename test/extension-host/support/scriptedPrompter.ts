import { type Choice, type Prompter } from '../../../src/workbench/prompter';

/**
 * Answers the extension's prompts from a script, in order, as a user would; fails loudly when a prompt
 * comes that the script did not expect. Records what was asked, for assertions.
 */
export class ScriptedPrompter implements Prompter {
  private readonly picks: unknown[] = [];
  private readonly inputs: string[] = [];
  private readonly confirms: boolean[] = [];
  readonly asked: string[] = [];
  readonly confirmations: { message: string; detail?: string }[] = [];
  readonly validationErrors: (string | undefined)[] = [];

  /** The value of the choice to pick (compared by deep equality), or a predicate over the choices. */
  answerPick(value: unknown): this {
    this.picks.push(value);
    return this;
  }

  answerInput(value: string): this {
    this.inputs.push(value);
    return this;
  }

  answerConfirm(value: boolean): this {
    this.confirms.push(value);
    return this;
  }

  async pick<T>(options: { title: string; items: Choice<T>[] }): Promise<T | undefined> {
    this.asked.push(`pick: ${options.title}`);
    if (this.picks.length === 0) throw new Error(`Unexpected pick: ${options.title}`);
    const wanted = this.picks.shift();
    const found = options.items.find((item) => JSON.stringify(item.value) === JSON.stringify(wanted));
    if (!found) throw new Error(`No choice ${JSON.stringify(wanted)} in "${options.title}": ${options.items.map((item) => JSON.stringify(item.value)).join(', ')}`);
    return found.value;
  }

  async input(options: { title: string; validate?: (value: string) => string | undefined }): Promise<string | undefined> {
    this.asked.push(`input: ${options.title}`);
    if (this.inputs.length === 0) throw new Error(`Unexpected input: ${options.title}`);
    const value = this.inputs.shift()!;
    const error = options.validate?.(value);
    this.validationErrors.push(error);
    if (error) throw new Error(`The input "${value}" for "${options.title}" was refused: ${error}`);
    return value;
  }

  async confirm(options: { message: string; detail?: string; confirmLabel: string }): Promise<boolean> {
    this.asked.push(`confirm: ${options.message}`);
    this.confirmations.push({ message: options.message, detail: options.detail });
    if (this.confirms.length === 0) throw new Error(`Unexpected confirmation: ${options.message}`);
    return this.confirms.shift()!;
  }
}
