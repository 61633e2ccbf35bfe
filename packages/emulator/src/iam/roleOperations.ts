import { ServiceError } from '../http/serviceError';
import { createHash } from 'node:crypto';
import { queryList, type XmlValue } from '../protocols/queryXml';
import { type QueryHandler, type RequestContext } from '../services/service';
import { deleteConflict, entityAlreadyExists, invalidInput, limitExceeded, noSuchEntity, validationErrors } from './iamErrors';
import { type IamState, type RoleRecord } from './iamRecords';
import { checkPolicyDocument } from './policyDocuments';

/** The constraints of the service model's shapes (botocore iam/2010-05-08 service-2.json): tab, line feed and carriage return are allowed in documents. */
/* eslint-disable no-control-regex */
const shapes = {
  RoleName: { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, source: '[\\w+=,.@-]+' },
  PolicyName: { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, source: '[\\w+=,.@-]+' },
  Path: { min: 1, max: 512, pattern: /^(\/|\/[\u0021-\u007E]+\/)$/, source: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' },
  PathPrefix: { min: 1, max: 512, pattern: /^\/[\u0021-\u007F]*$/, source: '\\u002F[\\u0021-\\u007F]*' },
  PolicyDocument: { min: 1, max: 131072, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, source: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  AssumeRolePolicyDocument: { min: 1, max: 131072, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, source: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  Description: { min: 0, max: 1000, pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/, source: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' },
  Marker: { min: 1, max: 320, pattern: /^[\u0020-\u00FF]+$/, source: '[\\u0020-\\u00FF]+' },
  TagKey: { min: 1, max: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, source: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' },
  TagValue: { min: 0, max: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, source: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' },
} as const;
/* eslint-enable no-control-regex */

/** Reads a request's members, collecting every constraint violation before failing (as AWS reports them together). */
class Members {
  readonly violations: string[] = [];
  constructor(private readonly params: Map<string, string>) {}

  string(member: keyof typeof shapes, options: { required?: boolean; as?: string } = {}): string | undefined {
    const value = this.params.get(options.as ?? member);
    return this.check(member, value, options.required ?? false, options.as ?? member);
  }

  check(member: keyof typeof shapes, value: string | undefined, required: boolean, label: string): string | undefined {
    const at = label.charAt(0).toLowerCase() + label.slice(1);
    if (value === undefined) {
      if (required) this.violations.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    const shape = shapes[member];
    const shown = value.length > 100 ? `${value.slice(0, 100)}…` : value;
    if (value.length < shape.min) this.violations.push(`Value '${shown}' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`);
    else if (value.length > shape.max) this.violations.push(`Value '${shown}' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`);
    else if (!shape.pattern.test(value)) this.violations.push(`Value '${shown}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.source}`);
    return value;
  }

  integer(member: string, min: number, max: number): number | undefined {
    const raw = this.params.get(member);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    const at = member.charAt(0).toLowerCase() + member.slice(1);
    if (!Number.isInteger(value)) this.violations.push(`Value '${raw}' at '${at}' failed to satisfy constraint: Member must be an integer`);
    else if (value < min) this.violations.push(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    else if (value > max) this.violations.push(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    return value;
  }

  done(): void {
    if (this.violations.length > 0) throw validationErrors(this.violations);
  }
}

/** IAM answers trust policies URL-encoded (RFC 3986, as `encodeURIComponent` does). */
function encodedDocument(document: string): string {
  return encodeURIComponent(document);
}

function roleXml(role: RoleRecord, withTags: boolean): XmlValue {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: new Date(role.createDate),
    AssumeRolePolicyDocument: encodedDocument(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: withTags && role.tags.length > 0 ? role.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) : undefined,
  };
}

/** A role id the way IAM spells them (AROA + 17 characters), the same for the same role and date. */
function roleId(arn: string, createDate: number): string {
  const digest = createHash('sha256').update(`${arn}@${createDate}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'AROA';
  for (let index = 0; index < 17; index++) id += alphabet[digest[index] % alphabet.length];
  return id;
}

const maxRoles = 1000;
const maxTags = 50;

/** Pagination of IAM lists: an opaque Marker (the next item's key), IsTruncated, MaxItems (default 100). */
function page<T>(items: T[], key: (item: T) => string, marker: string | undefined, maxItems: number | undefined): { items: T[]; next?: string } {
  let start = 0;
  if (marker !== undefined) {
    const after = /^[\w-]+$/.test(marker) ? Buffer.from(marker, 'base64url').toString('utf8') : '';
    // Not InvalidInput: ListRoles models no such error; ValidationError is the common one for input the service cannot use.
    if (after === '') throw new ServiceError('ValidationError', 'Invalid Marker.', 400);
    start = items.findIndex((item) => key(item) >= after);
    if (start < 0) start = items.length;
  }
  const size = maxItems ?? 100;
  const slice = items.slice(start, start + size);
  const following = items[start + size];
  return { items: slice, next: following === undefined ? undefined : Buffer.from(key(following), 'utf8').toString('base64url') };
}

/** Role operations on IAM's state (what the wizards use: list, read, create, inline policies, delete). */
export function roleOperations(state: () => IamState): Record<string, QueryHandler> {
  const find = (name: string): RoleRecord => {
    const role = state().roles.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return role;
  };
  return {
    ListRoles(params) {
      const members = new Members(params);
      const prefix = members.string('PathPrefix') ?? '/';
      const marker = members.string('Marker');
      const maxItems = members.integer('MaxItems', 1, 1000);
      members.done();
      const roles = state()
        .roles.filter((role) => role.path.startsWith(prefix))
        .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
      const listed = page(roles, (role) => role.name.toLowerCase(), marker, maxItems);
      return { Roles: listed.items.map((role) => roleXml(role, false)), IsTruncated: listed.next !== undefined, Marker: listed.next };
    },

    GetRole(params) {
      const members = new Members(params);
      const name = members.string('RoleName', { required: true })!;
      members.done();
      return { Role: roleXml(find(name), true) };
    },

    CreateRole(params, context: RequestContext) {
      const members = new Members(params);
      const name = members.string('RoleName', { required: true })!;
      const path = members.string('Path') ?? '/';
      const document = members.string('AssumeRolePolicyDocument', { required: true })!;
      const description = members.string('Description');
      const maxSessionDuration = members.integer('MaxSessionDuration', 3600, 43200);
      const tags = queryList(params, 'Tags').map((tag, index) => ({
        Key: members.check('TagKey', tag.get('Key'), true, `tags.${index + 1}.member.key`) ?? '',
        Value: members.check('TagValue', tag.get('Value'), true, `tags.${index + 1}.member.value`) ?? '',
      }));
      if (tags.length > maxTags) members.violations.push(`Value '[…]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${maxTags}`);
      members.done();
      if (new Set(tags.map((tag) => tag.Key.toLowerCase())).size !== tags.length) throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
      checkPolicyDocument(document, 'trust');
      const roles = state().roles;
      if (roles.some((role) => role.name.toLowerCase() === name.toLowerCase())) throw entityAlreadyExists(`Role with name ${name} already exists.`);
      if (roles.length >= maxRoles) throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${maxRoles}.`);
      const createDate = Math.floor(context.now() / 1000) * 1000;
      const arn = `arn:aws:iam::${context.accountId}:role${path}${name}`;
      const role: RoleRecord = {
        name,
        path,
        id: roleId(arn, createDate),
        arn,
        createDate,
        assumeRolePolicyDocument: document,
        ...(description !== undefined ? { description } : {}),
        maxSessionDuration: maxSessionDuration ?? 3600,
        tags,
        inlinePolicies: [],
      };
      roles.push(role);
      return { Role: roleXml(role, true) };
    },

    DeleteRole(params) {
      const members = new Members(params);
      const name = members.string('RoleName', { required: true })!;
      members.done();
      const role = find(name);
      if (role.inlinePolicies.length > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
      state().roles.splice(state().roles.indexOf(role), 1);
      return undefined;
    },

    PutRolePolicy(params) {
      const members = new Members(params);
      const name = members.string('RoleName', { required: true })!;
      const policyName = members.string('PolicyName', { required: true })!;
      const document = members.string('PolicyDocument', { required: true })!;
      members.done();
      checkPolicyDocument(document, 'permissions');
      const role = find(name);
      const existing = role.inlinePolicies.find((policy) => policy.name === policyName);
      if (existing) existing.document = document;
      else role.inlinePolicies.push({ name: policyName, document });
      return undefined;
    },

    GetRolePolicy(params) {
      const members = new Members(params);
      const name = members.string('RoleName', { required: true })!;
      const policyName = members.string('PolicyName', { required: true })!;
      members.done();
      const role = find(name);
      const policy = role.inlinePolicies.find((candidate) => candidate.name === policyName);
      if (!policy) throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
      return { RoleName: role.name, PolicyName: policy.name, PolicyDocument: encodedDocument(policy.document) };
    },

    ListRolePolicies(params) {
      const members = new Members(params);
      const name = members.string('RoleName', { required: true })!;
      const marker = members.string('Marker');
      const maxItems = members.integer('MaxItems', 1, 1000);
      members.done();
      const names = find(name).inlinePolicies.map((policy) => policy.name).sort();
      const listed = page(names, (policyName) => policyName, marker, maxItems);
      return { PolicyNames: listed.items, IsTruncated: listed.next !== undefined, Marker: listed.next };
    },

    DeleteRolePolicy(params) {
      const members = new Members(params);
      const name = members.string('RoleName', { required: true })!;
      const policyName = members.string('PolicyName', { required: true })!;
      members.done();
      const role = find(name);
      const index = role.inlinePolicies.findIndex((policy) => policy.name === policyName);
      if (index < 0) throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
      role.inlinePolicies.splice(index, 1);
      return undefined;
    },
  };
}
