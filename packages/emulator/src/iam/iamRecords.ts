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
