// Which kinds of principal a resource policy may name: a federated identity provider only in a
// role trust policy (FEDERATED_PRINCIPAL_NOT_SUPPORTED for a bucket or table policy), and in a
// trust policy neither `"Principal": "*"` nor a Federated value that is neither a provider ARN
// nor a domain name (AWS's check reference, June-2023 page, error section).

import type { Check, CheckContext } from '../context.js';
import { memberOf, stringItems } from '../located.js';
import type { LocatedString } from '../located.js';
import type { StatementView } from '../policy-view.js';

/** A SAML or OIDC provider ARN, or a web identity provider's domain (cognito-identity.amazonaws.com, accounts.google.com). */
const PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(saml-provider\/[\w+=,.@-]+|oidc-provider\/[^\s*?]+)$/;
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

function federatedValues(s: StatementView): readonly LocatedString[] {
  const p = s.principal;
  if (p === undefined || p.node.kind !== 'object') return [];
  const entry = p.node.entries.find((e) => e.key === 'Federated');
  return entry === undefined ? [] : stringItems(memberOf(p, entry.key, entry.value));
}

function checkStatement(ctx: CheckContext, s: StatementView): void {
  if (ctx.trustPolicy) {
    if (s.principal !== undefined && s.principal.node.kind === 'string' && s.principal.node.value === '*') {
      ctx.report('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', s.principal);
    }
    for (const f of federatedValues(s)) {
      // Wildcards have their own finding (UNSUPPORTED_WILDCARD_IN_PRINCIPAL).
      if (/[*?]/.test(f.value)) continue;
      if (!PROVIDER_ARN.test(f.value) && !(DOMAIN.test(f.value) && !f.value.startsWith('arn:'))) ctx.report('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', f.at);
    }
    return;
  }
  // Only a policy known to be another resource's (a bucket, an access point, a table) is sure not to be a trust policy.
  if (ctx.policyType !== 'RESOURCE_POLICY' || ctx.resourceType === undefined) return;
  for (const f of federatedValues(s)) ctx.report('FEDERATED_PRINCIPAL_NOT_SUPPORTED', f.at);
}

export const principalKindsCheck: Check = {
  name: 'principal-kinds',
  codes: ['FEDERATED_PRINCIPAL_NOT_SUPPORTED', 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY'],
  run(ctx) {
    for (const s of ctx.view.statements) checkStatement(ctx, s);
  },
};
