/** The container of a new model: image URI, model data URL and environment variables, with SageMaker's limits. */

export function validateImageUri(value: string): string | undefined {
  if (value.length === 0) return 'Enter the container image URI (for example 763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124).';
  if (value.length > 255) return 'The image URI is longer than 255 characters.';
  if (/\s/.test(value)) return 'The image URI may not contain spaces.';
  if (!/^[\w.-]+(:\d+)?\/[\w./-]+(:[\w.-]+|@sha256:[a-f0-9]{64})?$/.test(value)) {
    return 'Expected a registry path such as <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>.';
  }
  return undefined;
}

/** Optional: an empty value means the container downloads its own weights (e.g. from the Hugging Face Hub). */
export function validateModelDataUrl(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > 1024) return 'The model data URL is longer than 1024 characters.';
  if (!/^(https|s3):\/\/([^/]+)\/?(.*)$/.test(value)) return 'The model data URL must start with s3:// or https://.';
  return undefined;
}

export type EnvironmentParse = { ok: true; variables: Record<string, string> } | { ok: false; error: string };

/** `KEY=value, KEY2=value2` (empty for none). At most 100 variables, keys and values up to 1024 characters. */
export function parseEnvironment(value: string): EnvironmentParse {
  // A Map, not an object: names such as `constructor` or `__proto__` are ordinary variable names.
  const variables = new Map<string, string>();
  const text = value.trim();
  if (text.length === 0) return { ok: true, variables: {} };
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.length > 100) return { ok: false, error: `${entries.length} variables: SageMaker allows at most 100.` };
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals <= 0) return { ok: false, error: `"${entry}" is not KEY=value.` };
    const key = entry.slice(0, equals).trim();
    const val = entry.slice(equals + 1).trim();
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) return { ok: false, error: `"${key}" is not a valid variable name (letters, digits and _, not starting with a digit).` };
    if (key.length > 1024 || val.length > 1024) return { ok: false, error: `${key}: names and values are limited to 1024 characters.` };
    if (variables.has(key)) return { ok: false, error: `${key} is set twice.` };
    variables.set(key, val);
  }
  return { ok: true, variables: Object.fromEntries(variables) };
}

export function formatEnvironment(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}
