// The external-access analysis of an ACCOUNT analyzer over the resource policies Keyward
// keeps: role trust policies. A role is reported when an Allow statement lets a principal
// outside the account (another account, a federated identity provider, or anyone) assume it
// and no unconditional Deny takes that back; the finding shows the principal, the actions and
// the statement's conditions, as AWS's externalAccessDetails do. Service principals are AWS
// services acting for the account, not external access. Pure.

import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { PolicyStatement, PrincipalSpec } from '../../../policy/document/types.js';
import { compileActionMatcher } from '../../../policy/match/action-matcher.js';
import { principalMatches, type PrincipalCandidate } from '../../../policy/reasoning/principal-space.js';
import type { ScanRole } from '../../../storage/analyzer-repositories.js';
import { findingId } from './finding-id.js';
import type { ComputedFinding } from './unused-access.js';

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'] as const;

const ACCOUNT_OF = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

function accountOf(entry: string): string | undefined {
  return /^\d{12}$/.test(entry) ? entry : ACCOUNT_OF.exec(entry)?.[1];
}

function actionsOf(s: PolicyStatement): string[] {
  const matcher = compileActionMatcher(s.action ?? s.notAction ?? []);
  return ASSUME_ACTIONS.filter((a) => matcher.matches(a.toLowerCase()) === (s.action !== undefined));
}

interface Grant {
  readonly principal: Readonly<Record<string, string>>;
  readonly candidate: PrincipalCandidate | 'anyone';
}

/** The external principals a statement names, each as a candidate the engine's matcher can test. */
function externalPrincipals(spec: PrincipalSpec, accountId: string): Grant[] {
  if (spec.wildcard || spec.aws.includes('*')) return [{ principal: { AWS: '*' }, candidate: 'anyone' }];
  const out: Grant[] = [];
  for (const entry of spec.aws) {
    const account = accountOf(entry);
    if (account !== undefined && account !== accountId) out.push({ principal: { AWS: entry }, candidate: { type: 'AWS', account, arn: /^\d{12}$/.test(entry) ? `arn:aws:iam::${entry}:root` : entry } });
  }
  for (const f of spec.federated) out.push({ principal: { Federated: f }, candidate: { type: 'Federated', value: f } });
  return out;
}

function conditionMap(s: PolicyStatement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of s.conditions) out[c.key] = out[c.key] === undefined ? c.values.join(',') : `${out[c.key]},${c.values.join(',')}`;
  return out;
}

export function externalAccessFindings(roles: readonly ScanRole[], accountId: string, analyzerArn: string): ComputedFinding[] {
  const out: ComputedFinding[] = [];
  for (const role of roles) {
    const parsed = parsePolicy(role.trustPolicy, { kind: 'trust' });
    if (!parsed.ok) continue;
    const statements = parsed.document.statements;
    const denies = statements.filter((s) => s.effect === 'Deny' && s.conditions.length === 0);
    const seen = new Set<string>();
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const actions = actionsOf(s);
      if (actions.length === 0) continue;
      const grants: Grant[] = s.principal !== undefined ? externalPrincipals(s.principal, accountId) : s.notPrincipal !== undefined ? [{ principal: { AWS: '*' }, candidate: 'anyone' }] : [];
      for (const grant of grants) {
        const allowed = actions.filter(
          (a) =>
            !denies.some((d) => {
              const matcher = compileActionMatcher(d.action ?? d.notAction ?? []);
              const actionHit = matcher.matches(a.toLowerCase()) === (d.action !== undefined);
              const principalHit = d.principal !== undefined && (grant.candidate === 'anyone' ? d.principal.wildcard || d.principal.aws.includes('*') : principalMatches(d.principal, grant.candidate));
              return actionHit && principalHit;
            }),
        );
        if (allowed.length === 0) continue;
        const condition = conditionMap(s);
        const key = JSON.stringify([grant.principal, condition]);
        if (seen.has(key)) continue;
        seen.add(key);
        const isPublic = grant.candidate === 'anyone' && s.conditions.length === 0;
        out.push({
          id: findingId(analyzerArn, 'ExternalAccess', role.arn, key),
          findingType: 'ExternalAccess',
          resource: role.arn,
          resourceType: 'AWS::IAM::Role',
          details: [{ externalAccessDetails: { action: allowed, condition, isPublic, principal: grant.principal } }],
        });
      }
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
