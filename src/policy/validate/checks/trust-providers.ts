// Role trust policies for particular principals: IAM Roles Anywhere must be allowed the three
// actions its sessions need, and a role that trusts GitHub's OIDC provider must say which
// repositories may assume it (token.actions.githubusercontent.com:sub), without a wildcard in
// that subject unless a token.actions.githubusercontent.com:ref condition names the branch.

import { compileActionMatcher } from '../../match/action-matcher.js';
import type { Check, CheckContext } from '../context.js';
import { memberOf, stringItems } from '../located.js';
import type { LocatedString } from '../located.js';
import type { StatementView } from '../policy-view.js';

const ROLES_ANYWHERE_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] as const;
const GITHUB_PROVIDER = /:oidc-provider\/token\.actions\.githubusercontent\.com$/;
const GITHUB_SUB = 'token.actions.githubusercontent.com:sub';
const GITHUB_REF = 'token.actions.githubusercontent.com:ref';

/** The values of `key` under every operator of the statement's Condition. */
function conditionValues(s: StatementView, key: string): readonly LocatedString[] {
  const c = s.condition;
  if (c === undefined || c.node.kind !== 'object') return [];
  const out: LocatedString[] = [];
  for (const block of c.node.entries) {
    if (block.value.kind !== 'object') continue;
    const blockAt = memberOf(c, block.key, block.value);
    for (const e of block.value.entries) if (e.key.toLowerCase() === key) out.push(...stringItems(memberOf(blockAt, e.key, e.value)));
  }
  return out;
}

function principalValues(s: StatementView, key: string): readonly LocatedString[] {
  const p = s.principal;
  if (p === undefined || p.node.kind !== 'object') return [];
  const entry = p.node.entries.find((e) => e.key === key);
  return entry === undefined ? [] : stringItems(memberOf(p, entry.key, entry.value));
}

function allows(s: StatementView, action: string): boolean {
  return compileActionMatcher(s.actions.map((a) => a.value)).matches(action.toLowerCase());
}

function conditionKeys(s: StatementView): ReadonlySet<string> {
  const out = new Set<string>();
  const c = s.condition;
  if (c === undefined || c.node.kind !== 'object') return out;
  for (const block of c.node.entries) if (block.value.kind === 'object') for (const e of block.value.entries) out.add(e.key.toLowerCase());
  return out;
}

function checkStatement(ctx: CheckContext, s: StatementView): void {
  if (s.effectValue !== 'Allow' || s.action === undefined) return;
  const anywhere = principalValues(s, 'Service').find((v) => v.value === 'rolesanywhere.amazonaws.com');
  if (anywhere !== undefined) {
    const missing = ROLES_ANYWHERE_ACTIONS.filter((a) => !allows(s, a));
    if (missing.length > 0) ctx.report('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', s.action, { actions: missing.join(', ') });
  }
  const github = principalValues(s, 'Federated').find((v) => GITHUB_PROVIDER.test(v.value));
  if (github !== undefined && allows(s, 'sts:AssumeRoleWithWebIdentity') && !conditionKeys(s).has(GITHUB_SUB)) {
    ctx.report('MISSING_GITHUB_REPO_CONDITION_KEY', github.at);
  }
  if (!conditionKeys(s).has(GITHUB_REF)) {
    const wild = conditionValues(s, GITHUB_SUB).find((v) => v.value.includes('*'));
    if (wild !== undefined) ctx.report('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', wild.at);
  }
}

export const trustProvidersCheck: Check = {
  name: 'trust-providers',
  codes: ['MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', 'MISSING_GITHUB_REPO_CONDITION_KEY', 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED'],
  run(ctx) {
    if (!ctx.trustPolicy) return;
    for (const s of ctx.view.statements) checkStatement(ctx, s);
  },
};
