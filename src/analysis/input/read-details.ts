// Validates parsed `get-account-authorization-details` JSON (the whole CLI output or one
// of its pages) into typed details, or the problems found, each naming the file and the
// JSON path. Pure: the caller reads and JSON-parses the file.

import type {
  AttachedPolicyWire,
  AuthorizationDetails,
  BoundaryWire,
  GroupDetailWire,
  InlinePolicyWire,
  InputProblem,
  InstanceProfileWire,
  ManagedPolicyWire,
  PolicyVersionWire,
  RoleDetailWire,
  TagWire,
  UserDetailWire,
} from './details-types.js';

export type ReadDetailsResult =
  | { readonly ok: true; readonly details: AuthorizationDetails }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

type Obj = Readonly<Record<string, unknown>>;

class Reader {
  readonly problems: InputProblem[] = [];
  constructor(private readonly source: string) {}

  fail(path: string, message: string): void {
    this.problems.push({ source: this.source, path, message });
  }

  object(value: unknown, path: string): Obj | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Obj;
    this.fail(path, `expected an object, found ${describe(value)}`);
    return undefined;
  }

  string(obj: Obj, key: string, path: string): string {
    const value = obj[key];
    if (typeof value === 'string') return value;
    this.fail(`${path}.${key}`, value === undefined ? 'missing' : `expected a string, found ${describe(value)}`);
    return '';
  }

  optionalString(obj: Obj, key: string, path: string): string | undefined {
    return obj[key] === undefined ? undefined : this.string(obj, key, path);
  }

  /** An optional array (AWS omits empty lists in some outputs); each item read by `item`. */
  list<T>(obj: Obj, key: string, path: string, item: (value: unknown, path: string) => T | undefined): T[] {
    const value = obj[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(`${path}.${key}`, `expected an array, found ${describe(value)}`);
      return [];
    }
    const out: T[] = [];
    value.forEach((v, i) => {
      const read = item(v, `${path}.${key}[${i}]`);
      if (read !== undefined) out.push(read);
    });
    return out;
  }

  document(obj: Obj, key: string, path: string): unknown {
    const value = obj[key];
    if (typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value))) return value;
    this.fail(`${path}.${key}`, value === undefined ? 'missing' : `expected a policy document (JSON object or URL-encoded text), found ${describe(value)}`);
    return undefined;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function attached(r: Reader) {
  return (value: unknown, path: string): AttachedPolicyWire | undefined => {
    const o = r.object(value, path);
    return o && { PolicyName: r.string(o, 'PolicyName', path), PolicyArn: r.string(o, 'PolicyArn', path) };
  };
}

function inline(r: Reader) {
  return (value: unknown, path: string): InlinePolicyWire | undefined => {
    const o = r.object(value, path);
    return o && { PolicyName: r.string(o, 'PolicyName', path), PolicyDocument: r.document(o, 'PolicyDocument', path) };
  };
}

function tag(r: Reader) {
  return (value: unknown, path: string): TagWire | undefined => {
    const o = r.object(value, path);
    return o && { Key: r.string(o, 'Key', path), Value: r.string(o, 'Value', path) };
  };
}

function boundary(r: Reader, obj: Obj, path: string): { PermissionsBoundary?: BoundaryWire } {
  if (obj.PermissionsBoundary === undefined || obj.PermissionsBoundary === null) return {};
  const p = `${path}.PermissionsBoundary`;
  const o = r.object(obj.PermissionsBoundary, p);
  return o ? { PermissionsBoundary: { PermissionsBoundaryArn: r.string(o, 'PermissionsBoundaryArn', p) } } : {};
}

function user(r: Reader) {
  return (value: unknown, path: string): UserDetailWire | undefined => {
    const o = r.object(value, path);
    if (!o) return undefined;
    const keys = o.AccessKeyMetadata;
    if (keys !== undefined && !Array.isArray(keys)) r.fail(`${path}.AccessKeyMetadata`, `expected an array, found ${describe(keys)}`);
    return {
      UserName: r.string(o, 'UserName', path),
      UserId: r.string(o, 'UserId', path),
      Arn: r.string(o, 'Arn', path),
      GroupList: r.list(o, 'GroupList', path, (v, p) => (typeof v === 'string' ? v : (r.fail(p, `expected a group name, found ${describe(v)}`), undefined))),
      UserPolicyList: r.list(o, 'UserPolicyList', path, inline(r)),
      AttachedManagedPolicies: r.list(o, 'AttachedManagedPolicies', path, attached(r)),
      ...boundary(r, o, path),
      Tags: r.list(o, 'Tags', path, tag(r)),
      ...(Array.isArray(keys) ? { AccessKeyMetadata: keys as unknown[] } : {}),
      ...('LoginProfile' in o ? { LoginProfile: o.LoginProfile } : {}),
      ...date(r, o, 'CreateDate', path),
      ...date(r, o, 'PasswordLastUsed', path),
    };
  };
}

function group(r: Reader) {
  return (value: unknown, path: string): GroupDetailWire | undefined => {
    const o = r.object(value, path);
    if (!o) return undefined;
    return {
      GroupName: r.string(o, 'GroupName', path),
      GroupId: r.string(o, 'GroupId', path),
      Arn: r.string(o, 'Arn', path),
      GroupPolicyList: r.list(o, 'GroupPolicyList', path, inline(r)),
      AttachedManagedPolicies: r.list(o, 'AttachedManagedPolicies', path, attached(r)),
    };
  };
}

function instanceProfile(r: Reader) {
  return (value: unknown, path: string): InstanceProfileWire | undefined => {
    const o = r.object(value, path);
    return o && { InstanceProfileName: r.string(o, 'InstanceProfileName', path), Arn: r.string(o, 'Arn', path) };
  };
}

function role(r: Reader) {
  return (value: unknown, path: string): RoleDetailWire | undefined => {
    const o = r.object(value, path);
    if (!o) return undefined;
    return {
      RoleName: r.string(o, 'RoleName', path),
      RoleId: r.string(o, 'RoleId', path),
      Arn: r.string(o, 'Arn', path),
      AssumeRolePolicyDocument: r.document(o, 'AssumeRolePolicyDocument', path),
      InstanceProfileList: r.list(o, 'InstanceProfileList', path, instanceProfile(r)),
      RolePolicyList: r.list(o, 'RolePolicyList', path, inline(r)),
      AttachedManagedPolicies: r.list(o, 'AttachedManagedPolicies', path, attached(r)),
      ...boundary(r, o, path),
      Tags: r.list(o, 'Tags', path, tag(r)),
      ...date(r, o, 'CreateDate', path),
      ...roleLastUsed(r, o, path),
    };
  };
}

/** An optional ISO 8601 date (the AWS CLI prints them as `2024-01-02T03:04:05+00:00`). */
function date<K extends string>(r: Reader, obj: Obj, key: K, path: string): Partial<Record<K, string>> {
  const value = obj[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    r.fail(`${path}.${key}`, `expected a date, found ${typeof value === 'string' ? JSON.stringify(value) : describe(value)}`);
    return {};
  }
  return { [key]: value } as Partial<Record<K, string>>;
}

function roleLastUsed(r: Reader, obj: Obj, path: string): { RoleLastUsed?: { LastUsedDate?: string } } {
  if (obj.RoleLastUsed === undefined || obj.RoleLastUsed === null) return {};
  const o = r.object(obj.RoleLastUsed, `${path}.RoleLastUsed`);
  return o === undefined ? {} : { RoleLastUsed: date(r, o, 'LastUsedDate', `${path}.RoleLastUsed`) };
}

function version(r: Reader) {
  return (value: unknown, path: string): PolicyVersionWire | undefined => {
    const o = r.object(value, path);
    if (!o) return undefined;
    const isDefault = o.IsDefaultVersion;
    if (typeof isDefault !== 'boolean') r.fail(`${path}.IsDefaultVersion`, isDefault === undefined ? 'missing' : `expected a boolean, found ${describe(isDefault)}`);
    return { Document: r.document(o, 'Document', path), VersionId: r.string(o, 'VersionId', path), IsDefaultVersion: isDefault === true };
  };
}

function policy(r: Reader) {
  return (value: unknown, path: string): ManagedPolicyWire | undefined => {
    const o = r.object(value, path);
    if (!o) return undefined;
    const versions = r.list(o, 'PolicyVersionList', path, version(r));
    const defaultVersionId = r.string(o, 'DefaultVersionId', path);
    if (versions.length > 0 && !versions.some((v) => v.VersionId === defaultVersionId)) {
      r.fail(`${path}.PolicyVersionList`, `no version ${JSON.stringify(defaultVersionId)} (the DefaultVersionId)`);
    }
    return { PolicyName: r.string(o, 'PolicyName', path), Arn: r.string(o, 'Arn', path), DefaultVersionId: defaultVersionId, PolicyVersionList: versions };
  };
}

/** Reads one file's parsed JSON; `source` names it in problems. */
export function readDetails(source: string, json: unknown): ReadDetailsResult {
  const r = new Reader(source);
  const root = r.object(json, '$');
  if (root === undefined) return { ok: false, problems: r.problems };
  if (!LISTS.some((k) => k in root)) {
    r.fail('$', `not get-account-authorization-details output: none of ${LISTS.join(', ')}`);
    return { ok: false, problems: r.problems };
  }
  const details: AuthorizationDetails = {
    source,
    UserDetailList: r.list(root, 'UserDetailList', '$', user(r)),
    GroupDetailList: r.list(root, 'GroupDetailList', '$', group(r)),
    RoleDetailList: r.list(root, 'RoleDetailList', '$', role(r)),
    Policies: r.list(root, 'Policies', '$', policy(r)),
  };
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, details };
}
