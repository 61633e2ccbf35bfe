import { type AwsClients, loadSdk } from './clients';
import { trustedServices } from './policyDocuments';

export { trustedServices } from './policyDocuments';

/** The role's name from its ARN (`arn:aws:iam::123456789012:role/path/Name` → Name). */
export function roleNameOf(roleArn: string): string | undefined {
  return /:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn)?.[1];
}

/**
 * Reads whom a role trusts, when the caller may: IAM GetRole. Undefined when the role cannot be read
 * (no iam:GetRole permission, another account's role), so the caller goes on without the check rather
 * than refusing a role it cannot see.
 */
export async function readRoleTrust(clients: Pick<AwsClients, 'iam'>, roleArn: string): Promise<string[] | undefined> {
  const name = roleNameOf(roleArn);
  if (!name) return undefined;
  const sdk = await loadSdk();
  try {
    const role = await clients.iam.send(new sdk.GetRoleCommand({ RoleName: name }));
    return trustedServices(role.Role?.AssumeRolePolicyDocument ?? '');
  } catch {
    return undefined;
  }
}
