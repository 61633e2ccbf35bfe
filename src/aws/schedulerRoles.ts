import { accessDeniedCodes } from './awsErrorCodes';
import { type AwsClients, loadSdk } from './clients';
import { policyAllows, trustsService } from './policyDocuments';

export const schedulerPrincipal = 'scheduler.amazonaws.com';

/** A role EventBridge Scheduler may assume (its trust policy says so). */
export interface SchedulerRole {
  name: string;
  arn: string;
  path: string;
  description?: string;
  /**
   * Whether the role's inline policies allow the action on the resource asked about: `true` (named:
   * `allowedBy`), `false` (its inline policies were read and none does; an attached managed policy
   * still may), undefined (not read: too many roles, or reading them was refused).
   */
  allows?: boolean;
  allowedBy?: string;
}

export type SchedulerRoleListing =
  | { kind: 'listed'; roles: SchedulerRole[]; /** Roles left unread past the listing cap. */ truncated: boolean }
  | { kind: 'unavailable'; denied: boolean; message: string };

export interface ListSchedulerRolesOptions {
  /** What the role must be allowed to do, checked in its inline policies (cheap: 2 calls per role). */
  permission?: { action: string; resource: string };
  /** At most this many roles are listed (ListRoles pages of 1000). */
  maxRoles?: number;
  /** The inline policies of at most this many roles are read. */
  maxPolicyReads?: number;
}

/**
 * The account's roles whose trust policy lets scheduler.amazonaws.com assume them (IAM ListRoles,
 * every page up to `maxRoles`), by name, each marked with whether its inline policies allow
 * `permission`. ListRoles refused or failing: `unavailable`, with the reason in words.
 */
export async function listSchedulerRoles(clients: Pick<AwsClients, 'iam'>, options: ListSchedulerRolesOptions = {}): Promise<SchedulerRoleListing> {
  const sdk = await loadSdk();
  const maxRoles = options.maxRoles ?? 5000;
  const trusted: SchedulerRole[] = [];
  let seen = 0;
  let marker: string | undefined;
  try {
    do {
      const page = await clients.iam.send(new sdk.ListRolesCommand({ Marker: marker, MaxItems: 1000 }));
      for (const role of page.Roles ?? []) {
        seen++;
        if (!role.RoleName || !role.Arn || !trustsService(role.AssumeRolePolicyDocument ?? '', schedulerPrincipal)) continue;
        trusted.push({ name: role.RoleName, arn: role.Arn, path: role.Path ?? '/', ...(role.Description ? { description: role.Description } : {}) });
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker && seen < maxRoles);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const denied = accessDeniedCodes.has(name) || accessDeniedCodes.has(name.replace(/Exception$/, ''));
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: 'unavailable',
      denied,
      message: denied ? 'You may not list the account\'s IAM roles (iam:ListRoles is denied)' : `The account's IAM roles could not be listed: ${reason}`,
    };
  }
  trusted.sort((a, b) => a.name.localeCompare(b.name));
  if (options.permission) await markPermissions(clients, sdk, trusted.slice(0, options.maxPolicyReads ?? 10), options.permission);
  return { kind: 'listed', roles: trusted, truncated: marker !== undefined };
}

/** Reads each role's inline policies (ListRolePolicies, GetRolePolicy) and marks whether one allows the permission. */
async function markPermissions(
  clients: Pick<AwsClients, 'iam'>,
  sdk: Awaited<ReturnType<typeof loadSdk>>,
  roles: SchedulerRole[],
  permission: { action: string; resource: string },
): Promise<void> {
  await Promise.all(
    roles.map(async (role) => {
      try {
        const names = (await clients.iam.send(new sdk.ListRolePoliciesCommand({ RoleName: role.name, MaxItems: 20 }))).PolicyNames ?? [];
        for (const policyName of names) {
          const policy = await clients.iam.send(new sdk.GetRolePolicyCommand({ RoleName: role.name, PolicyName: policyName }));
          if (policyAllows(policy.PolicyDocument ?? '', permission.action, permission.resource)) {
            role.allows = true;
            role.allowedBy = policyName;
            return;
          }
        }
        role.allows = false;
      } catch {
        // Not readable: nothing is claimed about this role's permissions.
      }
    }),
  );
}
