// Techniques that give the source another user's credentials: a new access key (after
// deleting one when the user already has the two AWS allows), a console password.

import type { Technique } from './types.js';

export const CREDENTIAL_TECHNIQUES: readonly Technique[] = [
  {
    id: 'create-access-key',
    targetAction: 'iam:CreateAccessKey',
    family: 'credentials',
    gate: [['iam:CreateAccessKey']],
    summary: "create an access key for the user and sign in with it",
    target: 'user',
    sameAccount: true,
    variants: (_s, t) => ((t.accessKeyCount ?? 0) >= 2 ? [] : [{ requests: [{ action: 'iam:CreateAccessKey', resource: t.arn }] }]),
  },
  {
    id: 'delete-then-create-access-key',
    targetAction: 'iam:CreateAccessKey',
    family: 'credentials',
    gate: [['iam:DeleteAccessKey', 'iam:CreateAccessKey']],
    summary: 'delete one of the user\'s two access keys, then create one',
    target: 'user',
    sameAccount: true,
    variants: (_s, t) =>
      (t.accessKeyCount ?? 0) >= 2
        ? [{ requests: [{ action: 'iam:DeleteAccessKey', resource: t.arn }, { action: 'iam:CreateAccessKey', resource: t.arn }] }]
        : [],
  },
  {
    id: 'create-login-profile',
    targetAction: 'iam:CreateLoginProfile',
    family: 'credentials',
    gate: [['iam:CreateLoginProfile']],
    summary: 'give the user a console password',
    target: 'user',
    sameAccount: true,
    variants: (_s, t) => (t.hasLoginProfile === true ? [] : [{ requests: [{ action: 'iam:CreateLoginProfile', resource: t.arn }] }]),
  },
  {
    id: 'update-login-profile',
    targetAction: 'iam:UpdateLoginProfile',
    family: 'credentials',
    gate: [['iam:UpdateLoginProfile']],
    summary: "change the user's console password",
    target: 'user',
    sameAccount: true,
    variants: (_s, t) => (t.hasLoginProfile === false ? [] : [{ requests: [{ action: 'iam:UpdateLoginProfile', resource: t.arn }] }]),
  },
];
