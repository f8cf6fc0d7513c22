// Applies a what-if change to the authorization details, as IAM would: the same checks
// (the entity and the policy must exist, a document must parse), on a copy, so the
// original stays as it was. The result is analysed like any input.

import { parsePolicy } from '../../policy/document/parse-policy.js';
import type { PolicyKind } from '../../policy/document/types.js';
import type { AuthorizationDetails, InputProblem } from '../input/details-types.js';
import { policyText } from '../input/policy-text.js';
import type { LocatedChange } from './change.js';

/** The details with their readonly marks taken off, for the copy this module edits. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object | undefined ? Mutable<T[K]> : T[K] };
type Details = Mutable<AuthorizationDetails>;

export type ApplyResult = { readonly ok: true; readonly details: readonly AuthorizationDetails[] } | { readonly ok: false; readonly problems: readonly InputProblem[] };

const ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):/;
const AWS_MANAGED = 'arn:aws:iam::aws:policy/';

function accountOf(arn: string): string | undefined {
  return ACCOUNT.exec(arn)?.[1];
}

export function applyChanges(input: readonly AuthorizationDetails[], changes: readonly LocatedChange[], source: string): ApplyResult {
  const files = structuredClone(input) as unknown as Details[];
  const problems: InputProblem[] = [];
  const accounts = [...new Set(files.flatMap((f) => [...f.UserDetailList, ...f.RoleDetailList, ...f.GroupDetailList].map((e) => accountOf(e.Arn))).filter((a): a is string => a !== undefined))];

  for (const located of changes) {
    const { change, path } = located;
    const fail = (where: string, message: string) => problems.push({ source, path: where === '' ? path : `${path}.${where}`, message });
    const account = located.account ?? (accounts.length === 1 ? accounts[0] : undefined);
    if (account === undefined) {
      fail('Account', accounts.length === 0 ? 'the input has no account to change' : `the input has several accounts (${accounts.join(', ')}): say which in Account`);
      continue;
    }
    const inAccount = <T extends { Arn: string }>(list: (f: Details) => T[]) => files.flatMap((f) => list(f)).filter((e) => accountOf(e.Arn) === account);
    const user = (name: string, key = 'UserName') => inAccount((f) => f.UserDetailList).find((u) => u.UserName === name) ?? void fail(key, `no user ${JSON.stringify(name)} in account ${account}`);
    const role = (name: string, key = 'RoleName') => inAccount((f) => f.RoleDetailList).find((r) => r.RoleName === name) ?? void fail(key, `no role ${JSON.stringify(name)} in account ${account}`);
    const group = (name: string, key = 'GroupName') => inAccount((f) => f.GroupDetailList).find((g) => g.GroupName === name) ?? void fail(key, `no group ${JSON.stringify(name)} in account ${account}`);
    const managed = (arn: string) => files.flatMap((f) => f.Policies).find((p) => p.Arn === arn);
    const policyKnown = (arn: string, key: string): boolean => {
      if (managed(arn) !== undefined || arn.startsWith(AWS_MANAGED)) return true;
      fail(key, `no managed policy ${JSON.stringify(arn)} in the input`);
      return false;
    };
    const valid = (doc: unknown, kind: PolicyKind, key: string): boolean => {
      const text = policyText(doc);
      if (!text.ok) return fail(key, text.message), false;
      const parsed = parsePolicy(text.text, { kind });
      if (!parsed.ok) return fail(key, `invalid policy: ${parsed.message} (at ${parsed.problems[0]?.path ?? '$'})`), false;
      return true;
    };

    switch (change.action) {
      case 'PutEntityPolicy':
      case 'DeleteEntityPolicy':
      case 'AttachEntityPolicy':
      case 'DetachEntityPolicy': {
        const key = `${change.kind}Name`;
        const entity = change.kind === 'User' ? user(change.name, key) : change.kind === 'Role' ? role(change.name, key) : group(change.name, key);
        if (entity === undefined) break;
        const inline = (entity as { UserPolicyList?: unknown[]; RolePolicyList?: unknown[]; GroupPolicyList?: unknown[] })[`${change.kind}PolicyList` as 'UserPolicyList'] as { PolicyName: string; PolicyDocument: unknown }[];
        if (change.action === 'PutEntityPolicy') {
          if (!valid(change.document, 'identity', 'PolicyDocument')) break;
          const at = inline.findIndex((p) => p.PolicyName === change.policyName);
          const entry = { PolicyName: change.policyName, PolicyDocument: change.document };
          if (at >= 0) inline[at] = entry;
          else inline.push(entry);
        } else if (change.action === 'DeleteEntityPolicy') {
          const at = inline.findIndex((p) => p.PolicyName === change.policyName);
          if (at < 0) fail('PolicyName', `${change.kind.toLowerCase()} ${JSON.stringify(change.name)} has no inline policy ${JSON.stringify(change.policyName)}`);
          else inline.splice(at, 1);
        } else {
          const list = entity.AttachedManagedPolicies;
          const at = list.findIndex((p) => p.PolicyArn === change.policyArn);
          if (change.action === 'AttachEntityPolicy') {
            if (policyKnown(change.policyArn, 'PolicyArn') && at < 0) list.push({ PolicyName: change.policyArn.slice(change.policyArn.lastIndexOf('/') + 1), PolicyArn: change.policyArn });
          } else if (at < 0) fail('PolicyArn', `policy ${JSON.stringify(change.policyArn)} is not attached to ${change.kind.toLowerCase()} ${JSON.stringify(change.name)}`);
          else list.splice(at, 1);
        }
        break;
      }
      case 'PutPermissionsBoundary':
      case 'DeletePermissionsBoundary': {
        const entity = change.kind === 'User' ? user(change.name, `${change.kind}Name`) : role(change.name, `${change.kind}Name`);
        if (entity === undefined) break;
        if (change.action === 'DeletePermissionsBoundary') {
          if (entity.PermissionsBoundary === undefined) fail(`${change.kind}Name`, `${change.kind.toLowerCase()} ${JSON.stringify(change.name)} has no permissions boundary`);
          delete entity.PermissionsBoundary;
        } else if (policyKnown(change.policyArn, 'PermissionsBoundary')) entity.PermissionsBoundary = { PermissionsBoundaryArn: change.policyArn };
        break;
      }
      case 'UpdateAssumeRolePolicy': {
        const r = role(change.name);
        if (r !== undefined && valid(change.document, 'trust', 'PolicyDocument')) r.AssumeRolePolicyDocument = change.document;
        break;
      }
      case 'AddUserToGroup':
      case 'RemoveUserFromGroup': {
        const u = user(change.userName);
        const g = group(change.groupName);
        if (u === undefined || g === undefined) break;
        const at = u.GroupList.indexOf(change.groupName);
        if (change.action === 'AddUserToGroup') {
          if (at < 0) u.GroupList.push(change.groupName);
        } else if (at < 0) fail('GroupName', `user ${JSON.stringify(change.userName)} is not in group ${JSON.stringify(change.groupName)}`);
        else u.GroupList.splice(at, 1);
        break;
      }
      case 'CreatePolicy': {
        const arn = `arn:aws:iam::${account}:policy/${change.policyName}`;
        if (managed(arn) !== undefined) fail('PolicyName', `policy ${JSON.stringify(arn)} already exists`);
        else if (valid(change.document, 'identity', 'PolicyDocument')) {
          const file = files.find((f) => [...f.UserDetailList, ...f.RoleDetailList, ...f.GroupDetailList].some((e) => accountOf(e.Arn) === account)) ?? files[0]!;
          file.Policies.push({ PolicyName: change.policyName, Arn: arn, DefaultVersionId: 'v1', PolicyVersionList: [{ Document: change.document, VersionId: 'v1', IsDefaultVersion: true }] });
        }
        break;
      }
      case 'CreatePolicyVersion': {
        const p = managed(change.policyArn);
        if (p === undefined) fail('PolicyArn', `no customer managed policy ${JSON.stringify(change.policyArn)} in the input`);
        else if (valid(change.document, 'identity', 'PolicyDocument')) {
          const next = `v${Math.max(0, ...p.PolicyVersionList.map((v) => Number(v.VersionId.slice(1)) || 0)) + 1}`;
          p.PolicyVersionList.push({ Document: change.document, VersionId: next, IsDefaultVersion: change.setAsDefault });
          if (change.setAsDefault) {
            for (const v of p.PolicyVersionList) v.IsDefaultVersion = v.VersionId === next;
            p.DefaultVersionId = next;
          }
        }
        break;
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, details: files as unknown as AuthorizationDetails[] };
}
