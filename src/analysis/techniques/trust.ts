// Techniques through a role's trust policy: assume the role as it stands, or rewrite its
// trust policy to name the source and then assume it.

import type { Technique } from './types.js';

export const TRUST_TECHNIQUES: readonly Technique[] = [
  {
    id: 'assume-role',
    family: 'trust',
    summary: 'assume the role (its trust policy and the source\'s policies allow sts:AssumeRole)',
    target: 'role',
    sameAccount: false,
    trustedTargets: true,
    variants: (s, t, ctx) => (!ctx.mayBeTrustedBy(t, s) ? [] : [{ requests: [{ action: 'sts:AssumeRole', resource: t.arn, resourcePolicies: ctx.trustOf(t), resourceMustAllow: true }] }]),
  },
  {
    id: 'update-assume-role-policy',
    targetAction: 'iam:UpdateAssumeRolePolicy',
    family: 'trust',
    gate: [['iam:UpdateAssumeRolePolicy']],
    summary: "rewrite the role's trust policy to trust the source, then assume the role",
    target: 'role',
    sameAccount: true,
    // IAM refuses to change a protected role's trust policy.
    variants: (s, t, ctx) => t.protectedRole === true ? [] : [
      {
        requests: [
          { action: 'iam:UpdateAssumeRolePolicy', resource: t.arn },
          { action: 'sts:AssumeRole', resource: t.arn, resourcePolicies: ctx.trustNaming(s), resourceMustAllow: true },
        ],
      },
    ],
  },
];
