// The least-privilege risk report: per principal (the union of everything that applies to
// it, through the engine) and per policy (customer managed and inline, each by itself),
// which risky actions are allowed on any resource, grouped in categories, with the
// statements that grant them. Admins are listed as admins and not broken down here.

import { adminCheck } from '../engine/admin.js';
import { principalSubject, type Subject } from '../engine/subject.js';
import type { EscalationGraph } from '../graph/build-graph.js';
import type { AnalysisModel, PolicyRef, PrincipalModel } from '../model/model.js';
import type { Finding } from '../report/finding.js';
import { ActionExpander, type ActionCatalogue, type CatalogueAction } from './action-catalogue.js';
import { CATEGORIES, CREDENTIALS_EXPOSURE, DATA_EXFILTRATION, SENSITIVE_SERVICES, type CategoryRule } from './categories.js';
import { NO_EXCLUSIONS, type Exclusions } from '../exclusions/exclusions.js';
import { grantsOf, statementJson, type Grants } from './grants.js';

export interface RiskOptions {
  readonly catalogue: ActionCatalogue;
  readonly now: Date;
  readonly exclusions?: Exclusions;
}

const CREDENTIALS = new Set(CREDENTIALS_EXPOSURE.map((a) => a.toLowerCase()));
const EXFILTRATION = new Set(DATA_EXFILTRATION.map((a) => a.toLowerCase()));
const SENSITIVE = new Set(SENSITIVE_SERVICES);
/** Actions listed in a message before "and N more". */
const SHOWN = 5;

function actionsIn(rule: Exclude<CategoryRule, 'service-wildcard'>, allowed: readonly CatalogueAction[], lower: readonly string[]): string[] {
  const pick = (a: CatalogueAction, i: number): boolean => {
    switch (rule) {
      case 'resource-exposure':
        return a.level === 'Permissions management';
      case 'credentials-exposure':
        return CREDENTIALS.has(lower[i]!);
      case 'data-exfiltration':
        return EXFILTRATION.has(lower[i]!);
      case 'infrastructure-modification':
        return a.level === 'Write' || a.level === 'Tagging' || a.level === 'Permissions management';
    }
  };
  return allowed.filter(pick).map((a) => a.action).sort();
}

function list(actions: readonly string[]): string {
  const shown = actions.slice(0, SHOWN).join(', ');
  return actions.length > SHOWN ? `${shown} and ${actions.length - SHOWN} more` : shown;
}

type Who = { readonly principal: string } | { readonly policy: string };

function categoryFindings(who: Who, name: string, grants: Grants, exclusions: Exclusions): Finding[] {
  const out: Finding[] = [];
  const lower = grants.allowed.map((a) => a.action.toLowerCase());
  for (const rule of ['resource-exposure', 'credentials-exposure', 'data-exfiltration', 'infrastructure-modification'] as const) {
    const actions = actionsIn(rule, grants.allowed, lower).filter((a) => !exclusions.action(a));
    if (actions.length === 0) continue;
    const c = CATEGORIES[rule];
    out.push({
      rule,
      severity: c.severity,
      ...who,
      message: `${name} may ${c.phrase} on any resource: ${list(actions)}`,
      remediation: c.remediation,
      actions,
      statements: grants.statementsFor(actions),
    });
  }
  const services = grants.wildcardServices.filter((s) => !exclusions.action(`${s}:*`));
  if (services.length > 0) {
    const c = CATEGORIES['service-wildcard'];
    const patterns = services.map((s) => `${s}:*`);
    out.push({
      rule: 'service-wildcard',
      severity: services.some((s) => SENSITIVE.has(s)) ? 'high' : c.severity,
      ...who,
      message: `${name} may do every action of ${services.length === 1 ? 'a service' : `${services.length} services`} on any resource: ${list(patterns)}`,
      remediation: c.remediation,
      actions: patterns,
      statements: grants.statementsForServices(services),
    });
  }
  return out;
}


/** Per principal: every non-admin user and role, with all that applies to it. */
export function principalRiskFindings(graph: EscalationGraph, options: RiskOptions): Finding[] {
  const expander = new ActionExpander(options.catalogue);
  const out: Finding[] = [];
  const exclusions = options.exclusions ?? NO_EXCLUSIONS;
  for (const p of graph.model.principals) {
    if (graph.admins.has(p.arn) || exclusions.principal(p.arn)) continue;
    const grants = grantsOf(graph.subject(p), expander, graph.model.scps);
    out.push(...categoryFindings({ principal: p.arn }, p.arn, grants, exclusions));
  }
  return out;
}

/** The policies of the account that its owner writes: customer managed and inline, each once. */
function ownPolicies(model: AnalysisModel, exclusions: Exclusions): { ref: PolicyRef; account: string }[] {
  const out: { ref: PolicyRef; account: string }[] = [];
  for (const p of model.policies.values()) {
    const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(p.id)?.[1];
    if (!p.awsManaged && account !== undefined) out.push({ ref: p, account });
  }
  for (const g of model.groups) for (const ref of g.inline) out.push({ ref, account: g.account });
  for (const p of model.principals) if (!exclusions.principal(p.arn)) for (const ref of p.inline) out.push({ ref, account: p.account });
  return out;
}

/** A user with nothing but `ref`, in the policy's account: how a policy is judged by itself. */
function policySubject(ref: PolicyRef, account: string, now: Date): Subject {
  const holder: PrincipalModel = {
    kind: 'user', arn: `arn:aws:iam::${account}:user/keyward-policy-holder`, name: 'keyward-policy-holder', id: 'AIDAKEYWARDPOLICYHOLDER',
    account, source: '', tags: {}, groups: [], inline: [ref], attached: [], instanceProfiles: [], activity: {},
  };
  return principalSubject(holder, now);
}

/** Per policy: each customer managed or inline policy by itself, with the account's SCPs. */
export function policyRiskFindings(model: AnalysisModel, options: RiskOptions): Finding[] {
  const expander = new ActionExpander(options.catalogue);
  const out: Finding[] = [];
  const exclusions = options.exclusions ?? NO_EXCLUSIONS;
  for (const { ref, account } of ownPolicies(model, exclusions)) {
    if (exclusions.policy(ref.id)) continue;
    const subject = policySubject(ref, account, options.now);
    const admin = adminCheck(subject, model.scps);
    if (admin.allowed) {
      out.push({
        rule: 'admin-policy',
        severity: 'high',
        policy: ref.id,
        message: `policy ${ref.id} makes whoever has it an admin (it allows every action on every resource)`,
        remediation: 'Attach AWS\'s AdministratorAccess to the few roles that need it instead, and give this policy the actions its holders use',
        statements: ref.document.statements
          .filter((st) => st.effect === 'Allow' && (st.notAction !== undefined || (st.action ?? []).includes('*')))
          .map((st) => ({ policy: ref.id, statement: st.sid ?? String(st.index), json: statementJson(ref, st.index) })),
      });
      continue;
    }
    out.push(...categoryFindings({ policy: ref.id }, `policy ${ref.id}`, grantsOf(subject, expander, model.scps), exclusions));
  }
  return out;
}
