// Findings on the resource-based policies given with the input: which actions any AWS
// account, or an account outside the input (and not known), may make on the resource,
// decided by the engine with an outsider that has every permission in its own account.

import { decide } from '../engine/decide.js';
import { NO_ORG, type OrgPolicies } from '../engine/organization.js';
import type { ActionExpander } from '../least-privilege/action-catalogue.js';
import type { AnalysisModel, ResourcePolicyModel } from '../model/model.js';
import type { Finding } from './finding.js';
import { ACCOUNT_IN_ARN, conditionText, NOBODY_ACCOUNT, outsider } from './trust-findings.js';

/** A concrete resource for each Resource pattern of the policy's Allow statements (wildcards filled in). */
function resourcesOf(p: ResourcePolicyModel): string[] {
  const out = new Set<string>();
  for (const st of p.document.statements) {
    if (st.effect !== 'Allow') continue;
    const list = st.resource ?? [p.arn];
    for (const r of list) out.add(r === '*' ? p.arn : r.replace(/[*?]/g, 'keyward-analysis'));
  }
  return [...out].sort();
}

/** The actions the policy's Allow statements name: expanded through the catalogue when there is one. */
function actionsOf(p: ResourcePolicyModel, expander: ActionExpander | undefined): string[] {
  const out = new Set<string>();
  for (const st of p.document.statements) {
    if (st.effect !== 'Allow') continue;
    if (expander !== undefined) for (const a of expander.expand(st.notAction ?? st.action ?? [], st.notAction !== undefined)) out.add(a.action);
    else for (const a of st.action ?? []) if (!/[*?]/.test(a)) out.add(a);
  }
  return [...out].sort();
}

function namedOutsideAccounts(p: ResourcePolicyModel, known: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of p.document.statements) {
    for (const entry of st.principal?.aws ?? []) {
      const account = /^\d{12}$/.test(entry) ? entry : ACCOUNT_IN_ARN.exec(entry)?.[1];
      if (account === undefined || known.has(account) || out.has(account)) continue;
      out.set(account, /^\d{12}$/.test(entry) || entry.endsWith(':root') ? `arn:aws:iam::${account}:root` : entry);
    }
  }
  return out;
}

export function resourceFindings(model: AnalysisModel, now: Date, options: { readonly expander?: ActionExpander; readonly knownAccounts?: readonly string[] } = {}): Finding[] {
  const out: Finding[] = [];
  const known = new Set([...model.accounts, ...(options.knownAccounts ?? [])]);
  const anyone = outsider(`arn:aws:iam::${NOBODY_ACCOUNT}:user/anyone`, now)!;
  // Outsiders are not limited by the input's SCPs; its RCPs limit what they may do to its resources.
  const org: OrgPolicies = { ...NO_ORG, rcps: model.rcps, accounts: model.accounts };
  for (const p of model.resourcePolicies) {
    const resources = resourcesOf(p);
    const actions = actionsOf(p, options.expander);
    const allowedFor = (subject: NonNullable<ReturnType<typeof outsider>>) => {
      const allowed: string[] = [];
      const conditions = [];
      for (const action of actions) {
        for (const resource of resources) {
          const c = decide(subject, { action, resource, resourcePolicies: [p], resourceAccount: p.account }, org);
          if (!c.allowed) continue;
          allowed.push(action);
          conditions.push(...c.conditions);
          break;
        }
      }
      return { allowed, conditions };
    };
    const open = allowedFor(anyone);
    if (open.allowed.length > 0) {
      // Without the catalogue the access levels are unknown: reads and writes alike are high.
      const writes = open.allowed.some((a) => { const level = options.expander?.catalogue.byName.get(a.toLowerCase())?.level; return level !== undefined && level !== 'Read' && level !== 'List'; });
      out.push({
        rule: 'resource-exposed-to-anyone',
        severity: open.conditions.length === 0 ? (writes ? 'critical' : 'high') : 'medium',
        resource: p.arn,
        policy: p.id,
        message: `any AWS account may ${open.allowed.join(', ')} on ${p.arn}${conditionText(open.conditions)}`,
        remediation: 'Name the accounts or principals the resource policy trusts instead of "*", or add aws:PrincipalOrgID / aws:SourceAccount conditions',
        actions: open.allowed,
      });
      continue;
    }
    for (const [account, arn] of namedOutsideAccounts(p, known)) {
      const subject = outsider(arn, now);
      if (subject === undefined) continue;
      const r = allowedFor(subject);
      if (r.allowed.length === 0) continue;
      out.push({
        rule: 'resource-exposed-to-other-account',
        severity: r.conditions.length === 0 ? 'high' : 'medium',
        resource: p.arn,
        policy: p.id,
        message: `account ${account}, which is not in the input, may ${r.allowed.join(', ')} on ${p.arn}${conditionText(r.conditions)}`,
        remediation: `Check that account ${account} is one you trust, or list it among the known accounts of the exclusions file`,
        actions: r.allowed,
      });
    }
  }
  return out;
}
