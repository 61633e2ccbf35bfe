import * as assert from 'node:assert/strict';
import { type EndpointReadiness } from '../../src/readiness/readiness';

/**
 * An endpoint that scales to zero on one GPU type: every check passes but the fallback-type one, which
 * warns (issue 17: a wake fails when that type has no capacity). What "ready" meant before issue 17.
 */
export function assertReadyButForSingleType(readiness: EndpointReadiness | undefined): void {
  assert.ok(readiness, 'a readiness verdict');
  const notPassing = [...readiness.checks, ...readiness.components.flatMap((component) => component.checks)].filter((check) => check.status !== 'pass');
  assert.deepEqual(notPassing.map((check) => `${check.id}: ${check.status}`), ['fallbackTypes: warn'], JSON.stringify(notPassing));
  assert.equal(readiness.verdict, 'warnings');
}
