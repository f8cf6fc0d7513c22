// The least-privilege risk report: per principal (the union of everything that applies to
// it, through the engine) and per policy (customer managed and inline, each by itself),
// which risky actions are allowed on any resource, grouped in categories, with the
// statements that grant them. Admins are listed as admins and not broken down here.

import { adminCheck } from '../engine/admin.js';
import { rcpServiceStatements, type OrgPolicies } from '../engine/organization.js';
import { principalSubject, type Subject } from '../engine/subject.js';
import type { EscalationGraph } from '../graph/build-graph.js';
import type { AnalysisModel, PolicyRef, PrincipalModel } from '../model/model.js';
import type { Finding } from '../report/finding.js';
import { ActionExpander, type ActionCatalogue, type CatalogueAction } from './action-catalogue.js';
import { CATEGORIES, CREDENTIALS_EXPOSURE, DATA_EXFILTRATION, SENSITIVE_SERVICES, type CategoryRule } from './categories.js';
import { NO_EXCLUSIONS, type Exclusions } from '../exclusions/exclusions.js';
import { grantsOf, statementJson, type Grants } from './grants.js';
import { ActionAtoms } from './action-atoms.js';
import type { PolicyStatement } from '../../policy/document/types.js';

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

type ActionRule = Exclude<CategoryRule, 'service-wildcard'>;
const ACTION_RULES: readonly ActionRule[] = ['resource-exposure', 'credentials-exposure', 'data-exfiltration', 'infrastructure-modification'];

function inRule(rule: ActionRule, a: CatalogueAction, lower: string): boolean {
  switch (rule) {
    case 'resource-exposure':
      return a.level === 'Permissions management';
    case 'credentials-exposure':
      return CREDENTIALS.has(lower);
    case 'data-exfiltration':
      return EXFILTRATION.has(lower);
    case 'infrastructure-modification':
      return a.level === 'Write' || a.level === 'Tagging' || a.level === 'Permissions management';
  }
}

/** The actions of one category a set of allowed atoms gives, sorted, and the atoms they come from. */
interface RuleActions {
  readonly actions: readonly string[];
  readonly atoms: ReadonlySet<number>;
}

/**
 * Each category's actions (exclusions left out) per atom, and per set of allowed atoms:
 * principals whose grants come to the same atoms share one answer (and one array).
 */
class CategoryLists {
  private readonly perAtom = new Map<number, readonly (readonly string[])[]>();
  private readonly bySet = new Map<string, readonly RuleActions[]>();

  constructor(
    private readonly atoms: ActionAtoms,
    private readonly exclusions: Exclusions,
  ) {}

  of(allowed: readonly number[]): readonly RuleActions[] {
    const key = allowed.join(',');
    let hit = this.bySet.get(key);
    if (hit === undefined) {
      hit = ACTION_RULES.map((_, r) => {
        const actions: string[] = [];
        const from = new Set<number>();
        for (const a of allowed) {
          const list = this.atomLists(a)[r]!;
          if (list.length === 0) continue;
          from.add(a);
          for (const name of list) actions.push(name);
        }
        return { actions: actions.sort(), atoms: from };
      });
      this.bySet.set(key, hit);
    }
    return hit;
  }

  private atomLists(id: number): readonly (readonly string[])[] {
    let lists = this.perAtom.get(id);
    if (lists === undefined) {
      const members = this.atoms.atoms[id]!.members;
      lists = ACTION_RULES.map((rule) => members.filter((a) => inRule(rule, a, a.action.toLowerCase()) && !this.exclusions.action(a.action)).map((a) => a.action));
      this.perAtom.set(id, lists);
    }
    return lists;
  }
}

function list(actions: readonly string[]): string {
  const shown = actions.slice(0, SHOWN).join(', ');
  return actions.length > SHOWN ? `${shown} and ${actions.length - SHOWN} more` : shown;
}

type Who = { readonly principal: string } | { readonly policy: string };

function categoryFindings(who: Who, name: string, grants: Grants, lists: CategoryLists, exclusions: Exclusions): Finding[] {
  const out: Finding[] = [];
  const byRule = lists.of(grants.allowedAtoms);
  for (const [r, rule] of ACTION_RULES.entries()) {
    const { actions, atoms } = byRule[r]!;
    if (actions.length === 0) continue;
    const c = CATEGORIES[rule];
    out.push({
      rule,
      severity: c.severity,
      ...who,
      message: `${name} may ${c.phrase} on any resource: ${list(actions)}`,
      remediation: c.remediation,
      actions,
      statements: grants.statementsForAtoms(atoms),
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
  const out: Finding[] = [];
  const exclusions = options.exclusions ?? NO_EXCLUSIONS;
  const judged = graph.model.principals.filter((p) => !graph.admins.has(p.arn) && !exclusions.principal(p.arn));
  const subjects = judged.map((p) => graph.subject(p));
  const atoms = new ActionAtoms(new ActionExpander(options.catalogue), statementsOf(subjects, graph.model));
  const lists = new CategoryLists(atoms, exclusions);
  judged.forEach((p, i) => {
    const grants = grantsOf(subjects[i]!, atoms, graph.model);
    out.push(...categoryFindings({ principal: p.arn }, p.arn, grants, lists, exclusions));
  });
  return out;
}

/** Every statement of every policy that applies to the subjects: identity, boundary, SCPs, RCPs. */
function* statementsOf(subjects: readonly Subject[], org: OrgPolicies): Generator<PolicyStatement> {
  const seen = new Set<PolicyRef>();
  const refs = function* () {
    for (const s of subjects) {
      yield* s.identity;
      if (s.boundary !== undefined) yield s.boundary;
    }
    yield* org.scps;
    yield* org.rcps;
  };
  for (const ref of refs()) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    yield* ref.document.statements;
  }
  yield* rcpServiceStatements(org);
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
  const out: Finding[] = [];
  const exclusions = options.exclusions ?? NO_EXCLUSIONS;
  const judged = ownPolicies(model, exclusions).filter(({ ref }) => !exclusions.policy(ref.id));
  const subjects = judged.map(({ ref, account }) => policySubject(ref, account, options.now));
  const atoms = new ActionAtoms(new ActionExpander(options.catalogue), statementsOf(subjects, model));
  const lists = new CategoryLists(atoms, exclusions);
  for (const [i, { ref }] of judged.entries()) {
    const subject = subjects[i]!;
    const admin = adminCheck(subject, model);
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
    out.push(...categoryFindings({ policy: ref.id }, `policy ${ref.id}`, grantsOf(subject, atoms, model), lists, exclusions));
  }
  return out;
}
