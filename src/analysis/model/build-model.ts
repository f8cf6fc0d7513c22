// Builds the account model from validated authorization details (several files or pages,
// several accounts), resolving AWS managed policies the input leaves out through a lookup
// the caller provides (Keyward's catalogue), and parsing every document with the engine's parser.

import { parsePolicy } from '../../policy/document/parse-policy.js';
import type { PolicyDocument, PolicyKind } from '../../policy/document/types.js';
import type { AttachedPolicyWire, AuthorizationDetails, InputProblem, TagWire } from '../input/details-types.js';
import { policyText } from '../input/policy-text.js';
import type { AccessKeyActivity, AnalysisModel, GroupModel, ResourcePolicyModel, ManagedPolicyModel, PolicyRef, PrincipalModel } from './model.js';

export interface ScpInput {
  readonly source: string;
  readonly json: unknown;
}

export interface BuildModelOptions {
  /** The default version's document text of an AWS managed policy, or undefined when unknown. */
  readonly awsManagedPolicy?: (arn: string) => string | undefined;
  readonly scps?: readonly ScpInput[];
  /** Resource control policies (AWS Organizations RCPs), same shape as SCPs. */
  readonly rcps?: readonly ScpInput[];
  readonly resourcePolicies?: readonly ResourcePolicyInput[];
}

export interface ResourcePolicyInput {
  readonly arn: string;
  readonly source: string;
  /** The policy document, or what `aws s3api get-bucket-policy` and the like print (`{"Policy": "..."}`). */
  readonly json: unknown;
  /** The owner, when the ARN names no account (S3 buckets). */
  readonly account?: string;
}

export type BuildModelResult =
  | { readonly ok: true; readonly model: AnalysisModel }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

const AWS_MANAGED_PREFIX = 'arn:aws:iam::aws:policy/';
/** Service-linked roles and IAM Identity Center roles: IAM refuses changes to them (UnmodifiableEntity). */
const PROTECTED_ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/(aws-service-role|aws-reserved)\//;
const ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):/;

/** A document that allows nothing: what a boundary AWS no longer has amounts to. */
export const EMPTY_DOCUMENT: PolicyDocument = { version: '2012-10-17', versionGiven: true, statements: [], text: '{"Version":"2012-10-17","Statement":[]}', size: 0 };

class Builder {
  readonly problems: InputProblem[] = [];
  readonly warnings: string[] = [];
  readonly policies = new Map<string, ManagedPolicyModel>();

  constructor(private readonly options: BuildModelOptions) {}

  parse(source: string, path: string, raw: unknown, kind: PolicyKind): PolicyDocument | undefined {
    const text = policyText(raw);
    if (!text.ok) {
      this.problems.push({ source, path, message: text.message });
      return undefined;
    }
    const parsed = parsePolicy(text.text, { kind });
    if (!parsed.ok) {
      this.problems.push({ source, path, message: `invalid policy: ${parsed.message} (at ${parsed.problems[0]?.path ?? '$'})` });
      return undefined;
    }
    return parsed.document;
  }

  account(source: string, path: string, arn: string): string {
    const m = ARN_ACCOUNT.exec(arn);
    if (m === null) {
      this.problems.push({ source, path, message: `not an IAM ARN with an account id: ${JSON.stringify(arn)}` });
      return '';
    }
    return m[1]!;
  }

  managed(arn: string, where: string): ManagedPolicyModel | undefined {
    const known = this.policies.get(arn);
    if (known !== undefined) return known;
    if (arn.startsWith(AWS_MANAGED_PREFIX)) {
      const text = this.options.awsManagedPolicy?.(arn);
      if (text !== undefined) {
        const parsed = parsePolicy(text, { kind: 'identity' });
        if (parsed.ok) {
          const name = arn.slice(arn.lastIndexOf('/') + 1);
          const model: ManagedPolicyModel = { id: arn, name, awsManaged: true, document: parsed.document, versions: [{ versionId: 'v1', isDefault: true, document: parsed.document }] };
          this.policies.set(arn, model);
          return model;
        }
      }
    }
    this.warnings.push(`${where}: policy ${arn} is neither in the input nor an AWS managed policy Keyward knows; treated as granting nothing`);
    return undefined;
  }

  attachedList(list: readonly AttachedPolicyWire[], where: string): ManagedPolicyModel[] {
    const out: ManagedPolicyModel[] = [];
    for (const a of list) {
      const p = this.managed(a.PolicyArn, where);
      if (p !== undefined) out.push(p);
    }
    return out;
  }

  boundary(arn: string | undefined, where: string): PolicyRef | undefined {
    if (arn === undefined) return undefined;
    return this.managed(arn, where) ?? { id: arn, document: EMPTY_DOCUMENT };
  }
}

function tagsOf(tags: readonly TagWire[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) out[t.Key] = t.Value;
  return out;
}

function dateOf(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** One item of AccessKeyMetadata (list-access-keys), with AccessKeyLastUsed (get-access-key-last-used) when added. */
function accessKeyActivity(item: unknown, index: number): AccessKeyActivity {
  const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const lastUsedBlock = (typeof o.AccessKeyLastUsed === 'object' && o.AccessKeyLastUsed !== null ? o.AccessKeyLastUsed : undefined) as Record<string, unknown> | undefined;
  const lastUsedRaw = lastUsedBlock !== undefined ? lastUsedBlock.LastUsedDate : o.LastUsedDate;
  const lastUsed = lastUsedBlock !== undefined && lastUsedRaw === undefined ? null : dateOf(lastUsedRaw);
  const created = dateOf(o.CreateDate);
  return {
    id: typeof o.AccessKeyId === 'string' ? o.AccessKeyId : `key ${index + 1}`,
    active: o.Status !== 'Inactive',
    ...(created === undefined ? {} : { created }),
    ...(lastUsed === undefined ? {} : { lastUsed }),
  };
}

function byArn<T extends { readonly arn: string }>(a: T, b: T): number {
  return a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
}

/** Builds the model; every problem of every file is reported, not only the first. */
export function buildModel(files: readonly AuthorizationDetails[], options: BuildModelOptions = {}): BuildModelResult {
  const b = new Builder(options);

  // Managed policies first: principals and groups refer to them by ARN.
  for (const file of files) {
    file.Policies.forEach((p, i) => {
      const path = `$.Policies[${i}]`;
      if (b.policies.has(p.Arn)) return;
      const versions = p.PolicyVersionList.flatMap((v, j) => {
        const document = b.parse(file.source, `${path}.PolicyVersionList[${j}].Document`, v.Document, 'identity');
        return document === undefined ? [] : [{ versionId: v.VersionId, isDefault: v.VersionId === p.DefaultVersionId, document }];
      });
      const def = versions.find((v) => v.isDefault);
      if (def === undefined) {
        if (p.PolicyVersionList.length === 0) b.problems.push({ source: file.source, path: `${path}.PolicyVersionList`, message: 'no policy versions' });
        return;
      }
      b.policies.set(p.Arn, { id: p.Arn, name: p.PolicyName, awsManaged: p.Arn.startsWith(AWS_MANAGED_PREFIX), document: def.document, versions });
    });
  }

  const groups = new Map<string, GroupModel>(); // by `${account}/${name}`
  for (const file of files) {
    file.GroupDetailList.forEach((g, i) => {
      const path = `$.GroupDetailList[${i}]`;
      const account = b.account(file.source, `${path}.Arn`, g.Arn);
      const key = `${account}/${g.GroupName}`;
      if (groups.has(key)) return;
      const inline = g.GroupPolicyList.flatMap((p, j) => {
        const document = b.parse(file.source, `${path}.GroupPolicyList[${j}].PolicyDocument`, p.PolicyDocument, 'identity');
        return document === undefined ? [] : [{ id: `group/${g.GroupName}/${p.PolicyName}`, document }];
      });
      groups.set(key, { arn: g.Arn, name: g.GroupName, account, inline, attached: b.attachedList(g.AttachedManagedPolicies, g.Arn) });
    });
  }

  const principals = new Map<string, PrincipalModel>();
  for (const file of files) {
    file.UserDetailList.forEach((u, i) => {
      const path = `$.UserDetailList[${i}]`;
      const account = b.account(file.source, `${path}.Arn`, u.Arn);
      if (principals.has(u.Arn)) return;
      const inline = u.UserPolicyList.flatMap((p, j) => {
        const document = b.parse(file.source, `${path}.UserPolicyList[${j}].PolicyDocument`, p.PolicyDocument, 'identity');
        return document === undefined ? [] : [{ id: `user/${u.UserName}/${p.PolicyName}`, document }];
      });
      const userGroups: GroupModel[] = [];
      u.GroupList.forEach((name, j) => {
        const g = groups.get(`${account}/${name}`);
        // A filtered export (--filter User) has no groups: the user's group policies are then unknown.
        if (g === undefined) b.warnings.push(`${file.source}: ${path}.GroupList[${j}]: group ${JSON.stringify(name)} is not in the input; its policies are not counted`);
        else userGroups.push(g);
      });
      const boundary = b.boundary(u.PermissionsBoundary?.PermissionsBoundaryArn, u.Arn);
      principals.set(u.Arn, {
        kind: 'user', arn: u.Arn, name: u.UserName, id: u.UserId, account, source: file.source, tags: tagsOf(u.Tags),
        groups: userGroups, inline, attached: b.attachedList(u.AttachedManagedPolicies, u.Arn),
        ...(boundary === undefined ? {} : { boundary }),
        instanceProfiles: [],
        ...(u.AccessKeyMetadata === undefined ? {} : { accessKeyCount: u.AccessKeyMetadata.length }),
        ...(u.LoginProfile === undefined ? {} : { hasLoginProfile: u.LoginProfile !== null }),
        activity: {
          ...(u.CreateDate === undefined ? {} : { created: u.CreateDate }),
          ...(u.PasswordLastUsed === undefined ? {} : { passwordLastUsed: u.PasswordLastUsed }),
          ...(u.AccessKeyMetadata === undefined ? {} : { accessKeys: u.AccessKeyMetadata.map(accessKeyActivity) }),
        },
      });
    });
    file.RoleDetailList.forEach((r, i) => {
      const path = `$.RoleDetailList[${i}]`;
      const account = b.account(file.source, `${path}.Arn`, r.Arn);
      if (principals.has(r.Arn)) return;
      const inline = r.RolePolicyList.flatMap((p, j) => {
        const document = b.parse(file.source, `${path}.RolePolicyList[${j}].PolicyDocument`, p.PolicyDocument, 'identity');
        return document === undefined ? [] : [{ id: `role/${r.RoleName}/${p.PolicyName}`, document }];
      });
      const trustDoc = b.parse(file.source, `${path}.AssumeRolePolicyDocument`, r.AssumeRolePolicyDocument, 'trust');
      const boundary = b.boundary(r.PermissionsBoundary?.PermissionsBoundaryArn, r.Arn);
      principals.set(r.Arn, {
        kind: 'role', arn: r.Arn, name: r.RoleName, id: r.RoleId, account, source: file.source, tags: tagsOf(r.Tags),
        groups: [], inline, attached: b.attachedList(r.AttachedManagedPolicies, r.Arn),
        ...(boundary === undefined ? {} : { boundary }),
        ...(trustDoc === undefined ? {} : { trust: { id: `${r.Arn} trust policy`, document: trustDoc } }),
        ...(PROTECTED_ROLE.test(r.Arn) ? { protectedRole: true } : {}),
        instanceProfiles: r.InstanceProfileList.map((p) => p.Arn),
        activity: {
          ...(r.CreateDate === undefined ? {} : { created: r.CreateDate }),
          ...(r.RoleLastUsed === undefined ? {} : { roleLastUsed: r.RoleLastUsed.LastUsedDate ?? null }),
        },
      });
    });
  }

  const scps: PolicyRef[] = [];
  for (const scp of options.scps ?? []) {
    const document = b.parse(scp.source, '$', scp.json, 'scp');
    if (document !== undefined) scps.push({ id: scp.source, document });
  }
  const rcps: PolicyRef[] = [];
  for (const rcp of options.rcps ?? []) {
    const document = b.parse(rcp.source, '$', rcp.json, 'rcp');
    if (document !== undefined) rcps.push({ id: rcp.source, document });
  }

  const accountIds = [...new Set([...principals.values()].map((p) => p.account))].sort();
  const resourcePolicies: ResourcePolicyModel[] = [];
  for (const rp of options.resourcePolicies ?? []) {
    const json = typeof rp.json === 'object' && rp.json !== null && typeof (rp.json as { Policy?: unknown }).Policy === 'string' ? (rp.json as { Policy: string }).Policy : rp.json;
    const document = b.parse(rp.source, '$', json, 'resource');
    const account = rp.account ?? /^arn:aws[a-z-]*:[^:]*:[^:]*:(\d{12}):/.exec(rp.arn)?.[1] ?? (accountIds.length === 1 ? accountIds[0] : undefined);
    if (!/^arn:aws[a-z-]*:[^:]+:/.test(rp.arn)) b.problems.push({ source: rp.source, path: '$', message: `not an ARN: ${JSON.stringify(rp.arn)}` });
    else if (account === undefined) b.problems.push({ source: rp.source, path: '$', message: `${rp.arn} names no account and the input has ${accountIds.length === 0 ? 'none' : 'several'}: give the owner (ACCOUNT:ARN=FILE)` });
    else if (document !== undefined) resourcePolicies.push({ id: `${rp.arn} resource policy`, arn: rp.arn, account, source: rp.source, document });
  }

  if (b.problems.length > 0) return { ok: false, problems: b.problems };
  const all = [...principals.values()];
  const sorted = [...all.filter((p) => p.kind === 'user').sort(byArn), ...all.filter((p) => p.kind === 'role').sort(byArn)];
  return {
    ok: true,
    model: {
      accounts: [...new Set(sorted.map((p) => p.account))].sort(),
      principals: sorted,
      byArn: new Map(sorted.map((p) => [p.arn, p])),
      groups: [...groups.values()].sort(byArn),
      policies: b.policies,
      scps,
      rcps,
      resourcePolicies,
      warnings: b.warnings,
    },
  };
}
