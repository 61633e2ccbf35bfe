import { isOutputRef, type Plan, type PlanStep, type PlanValue } from './plan';

/**
 * Secrets in plans: container environment variables that hold tokens, keys or passwords (HF_TOKEN is
 * the usual one), found by their names and by values shaped like well-known tokens. The review page
 * never shows their values and exports hold placeholders unless the user asks for the values.
 */

/** Name parts that mark a secret: HF_TOKEN, OPENAI_API_KEY, DB_PASSWORD, AUTH_HEADER, CLIENT_SECRET. */
const secretWords = new Set([
  'token', 'secret', 'password', 'passwd', 'passphrase', 'pwd', 'credential', 'credentials', 'auth', 'authorization',
  'key', 'apikey', 'accesskey', 'privatekey', 'bearer', 'cookie',
]);
/** Glued forms: HFTOKEN, APIKEY, DBPASSWORD, CLIENTSECRET. */
const secretSuffixes = ['token', 'secret', 'password', 'apikey', 'accesskey', 'privatekey', 'credential', 'credentials'];

/** Values shaped like well-known tokens, whatever their name. */
const tokenValuePatterns: readonly RegExp[] = [
  /^hf_[A-Za-z0-9]{20,}$/, // Hugging Face
  /^(AKIA|ASIA)[A-Z0-9]{16}$/, // AWS access key ids
  /^sk-[A-Za-z0-9_-]{20,}$/, // OpenAI, Anthropic (sk-ant-…)
  /^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/, // GitHub
  /^github_pat_[A-Za-z0-9_]{30,}$/,
  /^glpat-[A-Za-z0-9_-]{20,}$/, // GitLab
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/, // Slack
  /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/, // JSON web tokens
  /^Bearer\s+\S{8,}$/i,
  /:\/\/[^/\s:@]+:[^/\s@]+@/, // a URL with a password in it
];

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** A variable name that usually holds a secret (MAX_INPUT_TOKENS, a count, does not). */
export function isSecretName(name: string): boolean {
  return nameWords(name).some((word) => secretWords.has(word) || secretSuffixes.some((suffix) => word.length > suffix.length && word.endsWith(suffix)));
}

/** A value shaped like a well-known token (hf_…, AKIA…, sk-…, ghp_…, a JWT, a URL with a password). */
export function looksLikeToken(value: string): boolean {
  const text = value.trim();
  return tokenValuePatterns.some((pattern) => pattern.test(text));
}

/** Is this environment variable a secret: a secret-looking name with a real value (not empty, a number or a flag), or a token-shaped value? */
export function isSecretVariable(name: string, value: string): boolean {
  const text = value.trim();
  if (/^<redacted: [^>]*>$/.test(text)) return false;
  if (looksLikeToken(text)) return true;
  if (text === '' || /^-?\d+(\.\d+)?$/.test(text) || /^(true|false|yes|no|on|off|none|null)$/i.test(text)) return false;
  return isSecretName(name);
}

/** The secret variables of a container environment, by name. */
export function secretEnvironmentKeys(environment: Record<string, unknown> | undefined): string[] {
  return Object.entries(environment ?? {})
    .filter(([name, value]) => typeof value === 'string' && isSecretVariable(name, value))
    .map(([name]) => name);
}

/** What stands in for a secret's value on the review page and in exports. */
export const secretPlaceholder = (name: string): string => `<redacted: ${name}>`;

const isMap = (value: PlanValue): value is { [key: string]: PlanValue } => value !== null && typeof value === 'object' && !Array.isArray(value) && !isOutputRef(value);

/** A value with its secrets replaced; `found` collects the names replaced. */
function redactValue(value: PlanValue, name: string, found: Set<string>, inEnvironment = false): PlanValue {
  if (typeof value === 'string') {
    if ((inEnvironment && isSecretVariable(name, value)) || looksLikeToken(value)) {
      found.add(name);
      return secretPlaceholder(name);
    }
    // A request carried as JSON text (a schedule's Target.Input): its secrets are replaced inside.
    if (/^\s*[[{]/.test(value)) {
      let parsed: PlanValue;
      try {
        parsed = JSON.parse(value) as PlanValue;
      } catch {
        return value;
      }
      const inner = new Set<string>();
      const redacted = redactValue(parsed, name, inner);
      if (inner.size === 0) return value;
      inner.forEach((key) => found.add(key));
      return JSON.stringify(redacted);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, name, found));
  if (isMap(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, key, found, name === 'Environment')]));
  }
  return value;
}

/** The plan with every secret value replaced by `<redacted: NAME>`, and the names replaced, in order of appearance. */
export function redactPlanSecrets(plan: Plan): { plan: Plan; names: string[] } {
  const found = new Set<string>();
  const steps = plan.steps.map((step): PlanStep => ({ ...step, input: redactValue(step.input, '', found) as PlanStep['input'] }));
  return { plan: found.size === 0 ? plan : { ...plan, steps }, names: [...found] };
}

/** "HF_TOKEN" / "HF_TOKEN and API_KEY" / "A, B and C". */
export function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
