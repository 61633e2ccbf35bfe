import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One request a test sends on purpose although AWS's model forbids it (to see how an error is handled). */
export interface DeliberateViolation {
  /** botocore's service name, e.g. `sagemaker`. */
  service: string;
  operation: string;
  /** The member path the model's validator names, e.g. `DesiredRuntimeConfig.CopyCount`. */
  path: string;
  /** The rule it breaks: required, unknown, type, min, max, pattern, enum. */
  rule: string;
  /** Why the test sends it. */
  reason: string;
}

/** The file beside the emulator's recording where tests declare the model violations they send on purpose. */
export const deliberateViolationsFile = 'deliberate-violations.jsonl';

/**
 * Declares that the running test sends a request the model forbids, on purpose: the check of the
 * recorded requests (scripts/validate-recorded-requests.mjs) then expects that violation from this test
 * and fails if it does not come (a declaration cannot outlive its request). Only while the emulator
 * records (S2Z_EMULATOR_RECORD); otherwise it does nothing.
 */
export function declareDeliberateViolation(context: Mocha.Context, violation: DeliberateViolation): void {
  const directory = process.env.S2Z_EMULATOR_RECORD;
  if (!directory) return;
  const test = context.test?.fullTitle();
  if (!test) throw new Error('declareDeliberateViolation is called from a test, with its mocha context (this).');
  mkdirSync(directory, { recursive: true });
  appendFileSync(join(directory, deliberateViolationsFile), `${JSON.stringify({ test, ...violation })}\n`);
}
