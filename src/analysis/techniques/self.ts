// Self-escalation: the source changes its own permissions (its policies, its groups', a
// managed policy attached to it, its group memberships, its permissions boundary). Each
// variant says the change; the engine must then find the source an admin, so a boundary
// or an SCP that still limits it means no escalation.

import { parsePolicy } from '../../policy/document/parse-policy.js';
import type { PolicyDocument } from '../../policy/document/types.js';
import type { Subject } from '../engine/subject.js';
import type { GroupModel, ManagedPolicyModel, PolicyRef, PrincipalModel } from '../model/model.js';
import { groupsInAccount } from './arns.js';
import type { Requirement, Technique, Variant } from './types.js';

function adminDocument(): PolicyDocument {
  const parsed = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', { kind: 'identity' });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document;
}

/** The policy an attacker writes or attaches: everything. */
export const ADMIN_POLICY: PolicyRef = { id: 'policy written by the source (Allow * on *)', document: adminDocument() };

const addAdmin = (s: Subject): Subject => ({ ...s, identity: [...s.identity, ADMIN_POLICY] });
const withoutBoundary = (s: Subject): Subject => ({ principal: s.principal, keys: s.keys, identity: s.identity });
const adminBoundary = (s: Subject): Subject => ({ ...s, boundary: ADMIN_POLICY });

function replacing(id: string, by: PolicyRef) {
  return (s: Subject): Subject => ({ ...s, identity: s.identity.map((p) => (p.id === id ? by : p)) });
}

function adding(group: GroupModel) {
  return (s: Subject): Subject => ({ ...s, identity: [...s.identity, ...group.inline, ...group.attached] });
}

/** `User` or `Role`, as IAM action names spell it. */
function noun(p: PrincipalModel): 'User' | 'Role' {
  return p.kind === 'user' ? 'User' : 'Role';
}

/** Customer managed policies attached to the principal, directly or through a group. */
function attachedCustomerPolicies(p: PrincipalModel): ManagedPolicyModel[] {
  const all = [...p.attached, ...p.groups.flatMap((g) => g.attached)];
  return [...new Map(all.filter((m) => !m.awsManaged).map((m) => [m.id, m])).values()];
}

function own(action: string, p: PrincipalModel, after: (s: Subject) => Subject): Variant[] {
  return p.protectedRole === true ? [] : [{ requests: [{ action, resource: p.arn }], after }];
}

export const SELF_TECHNIQUES: readonly Technique[] = [
  {
    id: 'put-own-policy',
    family: 'self',
    summary: 'write an inline policy on itself',
    target: 'self',
    sameAccount: true,
    variants: (s) => own(`iam:Put${noun(s)}Policy`, s, addAdmin),
  },
  {
    id: 'attach-own-policy',
    family: 'self',
    summary: 'attach a managed policy (AdministratorAccess) to itself',
    target: 'self',
    sameAccount: true,
    variants: (s) => own(`iam:Attach${noun(s)}Policy`, s, addAdmin),
  },
  {
    id: 'put-group-policy',
    family: 'self',
    summary: 'write an inline policy on a group it is in',
    target: 'self',
    sameAccount: true,
    variants: (s) => s.groups.map((g) => ({ requests: [{ action: 'iam:PutGroupPolicy', resource: g.arn }], after: addAdmin, via: g.arn })),
  },
  {
    id: 'attach-group-policy',
    family: 'self',
    summary: 'attach a managed policy to a group it is in',
    target: 'self',
    sameAccount: true,
    variants: (s) => s.groups.map((g) => ({ requests: [{ action: 'iam:AttachGroupPolicy', resource: g.arn }], after: addAdmin, via: g.arn })),
  },
  {
    id: 'create-policy-version',
    family: 'self',
    summary: 'write a new default version of a managed policy attached to it',
    target: 'self',
    sameAccount: true,
    variants: (s) =>
      attachedCustomerPolicies(s).map((m) => ({ requests: [{ action: 'iam:CreatePolicyVersion', resource: m.id }], after: replacing(m.id, { ...ADMIN_POLICY, id: m.id }), via: m.id })),
  },
  {
    id: 'set-default-policy-version',
    family: 'self',
    summary: 'make an older version of a managed policy attached to it the default',
    target: 'self',
    sameAccount: true,
    variants: (s) =>
      attachedCustomerPolicies(s).flatMap((m) =>
        m.versions
          .filter((v) => !v.isDefault)
          .map((v) => ({ requests: [{ action: 'iam:SetDefaultPolicyVersion', resource: m.id }], after: replacing(m.id, { id: m.id, document: v.document }), via: `${m.id} ${v.versionId}` })),
      ),
  },
  {
    id: 'add-user-to-group',
    family: 'self',
    summary: 'add itself to a group with more permissions',
    target: 'self',
    sameAccount: true,
    variants: (s, _t, ctx) =>
      s.kind !== 'user'
        ? []
        : groupsInAccount(ctx.model.groups, s.account)
            .filter((g) => !s.groups.includes(g))
            .map((g) => ({ requests: [{ action: 'iam:AddUserToGroup', resource: g.arn }], after: adding(g), via: g.arn })),
  },
  {
    id: 'delete-own-permissions-boundary',
    family: 'self',
    summary: 'remove its permissions boundary (and write a policy if it needs one)',
    target: 'self',
    sameAccount: true,
    variants: (s) => {
      if (s.boundary === undefined || s.protectedRole === true) return [];
      const remove: Requirement = { action: `iam:Delete${noun(s)}PermissionsBoundary`, resource: s.arn };
      return [
        { requests: [remove], after: withoutBoundary },
        { requests: [remove, { action: `iam:Put${noun(s)}Policy`, resource: s.arn }], after: (x: Subject) => addAdmin(withoutBoundary(x)) },
        { requests: [remove, { action: `iam:Attach${noun(s)}Policy`, resource: s.arn }], after: (x: Subject) => addAdmin(withoutBoundary(x)) },
      ];
    },
  },
  {
    id: 'replace-own-permissions-boundary',
    family: 'self',
    summary: 'replace its permissions boundary with a policy that allows everything (and write a policy if it needs one)',
    target: 'self',
    sameAccount: true,
    variants: (s) => {
      if (s.boundary === undefined || s.protectedRole === true) return [];
      const replace: Requirement = { action: `iam:Put${noun(s)}PermissionsBoundary`, resource: s.arn };
      return [
        { requests: [replace], after: adminBoundary },
        { requests: [replace, { action: `iam:Put${noun(s)}Policy`, resource: s.arn }], after: (x: Subject) => addAdmin(adminBoundary(x)) },
        { requests: [replace, { action: `iam:Attach${noun(s)}Policy`, resource: s.arn }], after: (x: Subject) => addAdmin(adminBoundary(x)) },
      ];
    },
  },
];
