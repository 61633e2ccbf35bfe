import { displayLanguage, t } from './translate';

/**
 * The forms of one counted phrase, each with `{count}` where the number goes: English needs `one` and
 * `other`; a translation may add the categories its language has (`zero`, `two`, `few`, `many`).
 */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

const rulesByLanguage = new Map<string, Intl.PluralRules>();

function pluralRules(language: string): Intl.PluralRules {
  let rules = rulesByLanguage.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    rulesByLanguage.set(language, rules);
  }
  return rules;
}

/**
 * A counted phrase in the form its count takes in the display language, translated:
 * `plural(8, { one: '{count} call', other: '{count} calls' })` is "8 calls", with 1 "1 call".
 * `args` fill the form's other placeholders (`{name}`).
 */
export function plural(count: number, forms: PluralForms, args: Record<string, string | number> = {}): string {
  const category = pluralRules(displayLanguage()).select(count);
  const form = forms[category] ?? forms.other;
  return t(form, { ...args, count });
}
