import { malformedPolicyDocument } from './iamErrors';

type Statement = Record<string, unknown>;

/**
 * Checks a policy document the way IAM refuses the common mistakes (MalformedPolicyDocument): not
 * JSON, no Statement, a statement without Effect Allow/Deny or without Action, a trust policy
 * statement without Principal, a permission policy statement with one.
 */
export function checkPolicyDocument(document: string, kind: 'trust' | 'permissions'): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw malformedPolicyDocument('This policy contains invalid Json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformedPolicyDocument('Syntax errors in policy.');
  const raw = (parsed as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  if (statements.length === 0) throw malformedPolicyDocument('Syntax errors in policy.');
  for (const statement of statements as Statement[]) {
    if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) throw malformedPolicyDocument('Syntax errors in policy.');
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw malformedPolicyDocument('Syntax errors in policy.');
    if (statement.Action === undefined && statement.NotAction === undefined) throw malformedPolicyDocument('Policy statement must contain actions.');
    const principal = statement.Principal !== undefined || statement.NotPrincipal !== undefined;
    if (kind === 'trust' && !principal) throw malformedPolicyDocument('Missing required field Principal');
    if (kind === 'permissions' && principal) throw malformedPolicyDocument('Policy document should not specify a principal.');
    if (kind === 'permissions' && statement.Resource === undefined && statement.NotResource === undefined) {
      throw malformedPolicyDocument('Policy statement must contain resources.');
    }
  }
}
