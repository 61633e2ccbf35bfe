/** One IAM role as the emulator keeps it (plain JSON, saved in the state file). */
export interface RoleRecord {
  name: string;
  path: string;
  /** AROA… */
  id: string;
  arn: string;
  /** Epoch milliseconds (simulated time). */
  createDate: number;
  /** The trust policy as it was given (IAM answers it URL-encoded). */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: { Key: string; Value: string }[];
  /** Inline policies, in the order they were first put. */
  inlinePolicies: { name: string; document: string }[];
}

export interface IamState {
  roles: RoleRecord[];
}

export function emptyIamState(): IamState {
  return { roles: [] };
}

/** True for a value read from a state file that has the shape of an IamState. */
export function isIamState(value: unknown): value is IamState {
  const roles = (value as Partial<IamState> | undefined)?.roles;
  return (
    Array.isArray(roles) &&
    roles.every((role: Partial<RoleRecord>) => typeof role?.name === 'string' && typeof role.arn === 'string' && Array.isArray(role.inlinePolicies) && Array.isArray(role.tags))
  );
}

const trustsScheduler = (document: string): boolean => {
  try {
    const raw = (JSON.parse(document) as { Statement?: unknown }).Statement;
    const statements = (Array.isArray(raw) ? raw : [raw]) as { Effect?: unknown; Action?: unknown; Principal?: { Service?: unknown } }[];
    return statements.some((statement) => {
      const actions = [statement?.Action].flat();
      const services = [statement?.Principal?.Service].flat();
      return statement?.Effect === 'Allow' && actions.some((action) => action === 'sts:AssumeRole' || action === 'sts:*' || action === '*') && services.includes('scheduler.amazonaws.com');
    });
  } catch {
    return false;
  }
};

/**
 * Whether EventBridge Scheduler may assume the role named by `roleArn` at `now`: a role IAM knows must
 * trust scheduler.amazonaws.com and be older than the propagation delay (IAM's eventual consistency).
 * A role IAM does not know is let through: the emulator does not model other accounts' roles.
 */
export function schedulerCanAssume(state: IamState, roleArn: string, now: number, propagationMs: number): boolean {
  const role = state.roles.find((candidate) => candidate.arn === roleArn);
  if (!role) return true;
  return now - role.createDate >= propagationMs && trustsScheduler(role.assumeRolePolicyDocument);
}
