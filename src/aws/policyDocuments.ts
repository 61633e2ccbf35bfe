/**
 * Reading IAM policy documents as IAM returns them (URL-encoded JSON; statements as an object or a
 * list; Action, Principal.Service and Resource as a string or a list). Nothing here throws: a document
 * that cannot be read grants and trusts nothing.
 */

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** The statements of a document, URL-encoded or plain; empty when it is not a policy. */
export function policyStatements(document: string): Statement[] {
  let text = document;
  try {
    text = decodeURIComponent(document); // IAM returns documents URL-encoded
  } catch {
    // not URL-encoded: plain JSON, or nothing readable
  }
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof policy !== 'object' || policy === null) return [];
  const statements = (policy as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements !== undefined ? [statements] : [];
  return list.filter((statement): statement is Statement => typeof statement === 'object' && statement !== null && !Array.isArray(statement));
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

/** An IAM wildcard pattern (`*`, `?`) against a value, case-insensitively for actions. */
function matches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

const namesAction = (statement: Statement, action: string) => strings(statement.Action).some((pattern) => matches(pattern, action, true));

/**
 * The service principals a trust policy lets assume the role: `Principal.Service` (a string or a list)
 * of the Allow statements whose Action includes `sts:AssumeRole` (or a wildcard that covers it).
 */
export function trustedServices(document: string): string[] {
  const services = new Set<string>();
  for (const statement of policyStatements(document)) {
    if (statement.Effect !== 'Allow' || !namesAction(statement, 'sts:AssumeRole')) continue;
    const principal = statement.Principal;
    if (typeof principal !== 'object' || principal === null) continue;
    for (const service of strings((principal as { Service?: unknown }).Service)) services.add(service);
  }
  return [...services];
}

/** True when the trust policy lets `service` (e.g. scheduler.amazonaws.com) assume the role. */
export function trustsService(document: string, service: string): boolean {
  return trustedServices(document).includes(service);
}

/**
 * Whether a permission policy allows `action` on `resource`: an Allow statement names both (wildcards
 * count) and no Deny statement does. Conditions are not evaluated: a statement with one counts as
 * allowing nothing, so the answer never claims more than the policy says.
 */
export function policyAllows(document: string, action: string, resource: string): boolean {
  let allowed = false;
  for (const statement of policyStatements(document)) {
    const coversResource = strings(statement.Resource).some((pattern) => matches(pattern, resource, false));
    if (!namesAction(statement, action) || !coversResource) continue;
    if (statement.Effect === 'Deny') return false;
    if (statement.Effect === 'Allow' && statement.Condition === undefined) allowed = true;
  }
  return allowed;
}
