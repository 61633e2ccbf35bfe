import * as assert from 'node:assert/strict';
import { type EndpointReadiness } from '../../src/readiness/readiness';

/**
 * An endpoint that scales to zero on one GPU type, its components created with the default start
 * settings: every check passes but the fallback-type one (issue 17 item 3: a wake fails when that type
 * has no capacity) and the data-cache one of each component without caching (issue 17 item 4: off by
 * default, so a wake on an instance not yet released downloads the model again). What "ready" meant before issue 17.
 */
export function assertReadyButForSingleType(readiness: EndpointReadiness | undefined): void {
  assert.ok(readiness, 'a readiness verdict');
  const notPassing = [...readiness.checks, ...readiness.components.flatMap((component) => component.checks)].filter((check) => check.status !== 'pass');
  const cacheOff = readiness.components.flatMap((component) => component.checks).filter((check) => check.id === 'dataCache' && check.status === 'warn');
  const expected = ['fallbackTypes: warn', ...cacheOff.map(() => 'dataCache: warn')];
  assert.deepEqual(notPassing.map((check) => `${check.id}: ${check.status}`), expected, JSON.stringify(notPassing));
  assert.equal(readiness.verdict, 'warnings');
}
