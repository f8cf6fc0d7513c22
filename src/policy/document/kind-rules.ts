// Which elements each kind of policy requires or forbids, and which AWS parser (and so
// which message dialect) judges it. Identity, boundary and session policies go through
// IAM's identity-policy parser; trust and resource policies through the principal-aware
// one; SCPs and RCPs through AWS Organizations.

import type { PolicyKind } from './types.js';
import type { Dialect } from './messages.js';

export interface KindRules {
  readonly dialect: Dialect;
  /** `forbidden`: no Principal/NotPrincipal; `required`: one of them; `star`: Principal "*" only. */
  readonly principal: 'forbidden' | 'required' | 'star';
  /** NotPrincipal allowed (only ever with Deny, where allowed at all). */
  readonly notPrincipal: boolean;
  readonly resource: 'required' | 'forbidden';
  readonly notAction: boolean;
  /** IAM identity policies restrict Sid to [0-9A-Za-z]*; the other parsers take any string. */
  readonly sidAlphanumeric: boolean;
  /** IAM's legacy checks: Effect case, Date condition values, resource ARN shape. */
  readonly legacyChecks: boolean;
  readonly actionCheck: 'vendor' | 'sts' | 'pattern';
  readonly resourceCheck: 'iam-arn' | 'arn' | 'none';
  /** RCPs: every custom statement must Deny (Allow only in the shape of RCPFullAWSAccess). */
  readonly denyOnly: boolean;
  /** RCPs must say Version 2012-10-17. */
  readonly versionRequired: boolean;
}

const IDENTITY: KindRules = {
  dialect: 'iam',
  principal: 'forbidden',
  notPrincipal: false,
  resource: 'required',
  notAction: true,
  sidAlphanumeric: true,
  legacyChecks: true,
  actionCheck: 'vendor',
  resourceCheck: 'iam-arn',
  denyOnly: false,
  versionRequired: false,
};

const RULES: Readonly<Record<PolicyKind, KindRules>> = {
  identity: IDENTITY,
  boundary: IDENTITY,
  session: IDENTITY,
  resource: {
    dialect: 'resource',
    principal: 'required',
    notPrincipal: true,
    resource: 'required',
    notAction: true,
    sidAlphanumeric: false,
    legacyChecks: false,
    actionCheck: 'pattern',
    resourceCheck: 'arn',
    denyOnly: false,
    versionRequired: false,
  },
  trust: {
    dialect: 'trust',
    principal: 'required',
    notPrincipal: false,
    resource: 'forbidden',
    notAction: true,
    sidAlphanumeric: false,
    legacyChecks: false,
    actionCheck: 'sts',
    resourceCheck: 'none',
    denyOnly: false,
    versionRequired: false,
  },
  scp: {
    dialect: 'organizations',
    principal: 'forbidden',
    notPrincipal: false,
    resource: 'required',
    notAction: true,
    sidAlphanumeric: false,
    legacyChecks: false,
    actionCheck: 'vendor',
    resourceCheck: 'arn',
    denyOnly: false,
    versionRequired: false,
  },
  rcp: {
    dialect: 'organizations',
    principal: 'star',
    notPrincipal: false,
    resource: 'required',
    notAction: false,
    sidAlphanumeric: false,
    legacyChecks: false,
    actionCheck: 'vendor',
    resourceCheck: 'arn',
    denyOnly: true,
    versionRequired: true,
  },
};

export function kindRules(kind: PolicyKind): KindRules {
  return RULES[kind];
}
