/**
 * IAM's rules for a role's name and path (the service model, botocore iam/2010-05-08: roleNameType
 * 1–64 characters of [\w+=,.@-]; pathType "/" or "/…/" of printable ASCII, at most 512).
 */
const roleNameCharacters = /^[\w+=,.@-]+$/;
const pathPattern = /^(\/|\/[\u0021-\u007E]+\/)$/;

/** A role name as IAM accepts it; undefined when valid. */
export function validateRoleName(value: string): string | undefined {
  if (value.length === 0) return 'Enter a role name.';
  if (value.length > 64) return `A role name has at most 64 characters (this one has ${value.length}).`;
  if (!roleNameCharacters.test(value)) {
    const bad = [...new Set([...value].filter((char) => !/[\w+=,.@-]/.test(char)))].map((char) => (char === ' ' ? 'space' : `"${char}"`));
    return `A role name may hold letters, digits and + = , . @ _ - only (not ${bad.join(', ')}).`;
  }
  return undefined;
}

/** A role path as IAM accepts it ("/" or "/service-role/"); undefined when valid. */
export function validateRolePath(value: string): string | undefined {
  if (value.length > 512) return 'A role path has at most 512 characters.';
  if (!pathPattern.test(value)) return 'A role path starts and ends with "/" and holds printable characters without spaces, e.g. /service-role/.';
  return undefined;
}

/**
 * "Name" or "path/Name" as typed (e.g. "service-role/SchedulerRole"): the path and the name, or the
 * first rule broken.
 */
export function parseRoleNameWithPath(value: string): { path: string; name: string } | { error: string } {
  const trimmed = value.trim();
  const slash = trimmed.lastIndexOf('/');
  const name = trimmed.slice(slash + 1);
  const path = slash < 0 ? '/' : `/${trimmed.slice(0, slash).replace(/^\/+/, '')}/`.replace(/\/\/$/, '/');
  const error = validateRoleName(name) ?? validateRolePath(path);
  return error ? { error } : { path, name };
}
