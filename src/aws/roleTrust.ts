import { type Connection } from './connection';
import { loadSdk, profileCredentials } from './clients';

/** The service principals a trust policy document names (`"Principal": {"Service": …}` of Allow statements). */
export function trustedServices(policyDocument: string): string[] {
  let text = policyDocument;
  try {
    text = decodeURIComponent(policyDocument); // IAM returns the document URL-encoded
  } catch {
    // already plain JSON
  }
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    return [];
  }
  const statements = (policy as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const services = new Set<string>();
  for (const statement of list as { Effect?: unknown; Principal?: { Service?: unknown } }[]) {
    if (statement?.Effect !== 'Allow') continue;
    const service = statement.Principal?.Service;
    for (const name of Array.isArray(service) ? service : [service]) if (typeof name === 'string') services.add(name);
  }
  return [...services];
}

/**
 * Reads whom a role trusts, when the caller may: IAM GetRole. Undefined when the role cannot be read
 * (no iam:GetRole permission, another account's role, or the local emulator, which has no IAM), so
 * the caller goes on without the check rather than refusing a role it cannot see.
 */
export async function readRoleTrust(connection: Connection, roleArn: string): Promise<string[] | undefined> {
  if (connection.kind === 'localEmulator') return undefined;
  const name = /:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn)?.[1];
  if (!name) return undefined;
  const sdk = await loadSdk();
  const iam = new sdk.IAMClient({
    region: connection.region,
    credentials: await profileCredentials(sdk, connection.profile),
    maxAttempts: 2,
  });
  try {
    const role = await iam.send(new sdk.GetRoleCommand({ RoleName: name }));
    return trustedServices(role.Role?.AssumeRolePolicyDocument ?? '');
  } catch {
    return undefined;
  } finally {
    iam.destroy();
  }
}
