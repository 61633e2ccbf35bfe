import * as l10n from '@vscode/l10n';

/**
 * The one way code strings reach the user in the display language: `t('Deleted {name}.', { name })`.
 * Works in plain Node (tests, the emulator-backed logic) with the English text; the extension hands
 * it VS Code's translation bundle and display language at activation, so translations can be added
 * later without touching the callers: a translation is `l10n/bundle.l10n.<language>.json` (keys are the
 * English strings, plural forms included), named by `"l10n": "./l10n"` in package.json and shipped by a
 * `!l10n/*.json` line in .vscodeignore; `npx @vscode/l10n-dev export src` lists the `t(...)` strings (the
 * forms given to `plural()` are added by hand).
 */
export const t = l10n.t;

let language = 'en';

/** The language plural forms are chosen for: VS Code's display language once configured, else English. */
export function displayLanguage(): string {
  return language;
}

/** Called once at activation with `vscode.l10n.bundle` (undefined in English) and `vscode.env.language`. */
export function configureTranslations(options: { bundle?: Record<string, string>; language?: string }): void {
  if (options.bundle) l10n.config({ contents: options.bundle });
  language = supportedLanguage(options.language) ?? 'en';
}

/** The language tag when Intl knows it ("de", "pt-br"), else undefined. */
function supportedLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.PluralRules.supportedLocalesOf([tag]).length > 0 ? tag : undefined;
  } catch {
    return undefined;
  }
}
