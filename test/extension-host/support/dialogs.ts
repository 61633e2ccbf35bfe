import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a modal dialog said, and the button the runner pressed (scripts/test-extension-host.mjs). */
export interface SeenDialog {
  message: string;
  detail: string;
  buttons: string[];
  pressed: string;
}

function channel(): string {
  const dir = process.env.S2Z_TEST_DIALOGS;
  if (!dir) throw new Error('S2Z_TEST_DIALOGS is not set: these tests need scripts/test-extension-host.mjs, which answers modal dialogs.');
  return dir;
}

/** Every dialog the runner answered so far, oldest first. */
export function dialogsSeen(): SeenDialog[] {
  const file = join(channel(), 'dialogs.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as SeenDialog);
}

/**
 * Runs `action` while the runner stands ready to press `button` on the next modal dialog; returns what
 * `action` returned (or threw) and the dialog it answered, undefined when none was shown.
 */
export async function withDialogAnswer<T>(button: string, action: () => Thenable<T> | Promise<T>): Promise<{ result?: T; error?: unknown; dialog?: SeenDialog }> {
  const before = dialogsSeen().length;
  const answerFile = join(channel(), 'answer.json');
  writeFileSync(answerFile, JSON.stringify({ button }));
  try {
    const result = await action();
    return { result, dialog: dialogsSeen()[before] };
  } catch (error) {
    return { error, dialog: dialogsSeen()[before] };
  } finally {
    // An answer no dialog used must not press the next test's dialog.
    rmSync(answerFile, { force: true });
  }
}
