import { type OutputRef } from '../plans/plan';

/**
 * A reference to an output of an earlier step. Output names are plan-wide (the plan runner resolves
 * `$ref` by the name an earlier step declares in `outputs: { <name>: '<response member>' }`), so each
 * name is produced once per plan.
 */
export function outputRef(outputName: string): OutputRef {
  return { $ref: outputName };
}
