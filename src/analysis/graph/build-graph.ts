// Builds the escalation graph: which principals are admins, and every edge the technique
// registry yields, each decided by the engine with the source's policies, its boundary,
// the SCPs and the target's trust policy. Edges start only at non-admins: an admin has
// nothing to escalate to.

import { adminCheck } from '../engine/admin.js';
import { allOf, ALLOWED, ALLOWED_WITH_MFA, allowedResources, decide, decideNow, DENIED, mayAllow, type Check } from '../engine/decide.js';
import type { OrgPolicies } from '../engine/organization.js';
import { principalSubject, serviceSubject, type Subject } from '../engine/subject.js';
import { parsePolicy } from '../../policy/document/parse-policy.js';
import type { AnalysisModel, PolicyRef, PrincipalModel } from '../model/model.js';
import { TECHNIQUES } from '../techniques/registry.js';
import { isSharedRequirement, type Requirement, type Technique, type TechniqueContext, type Variant } from '../techniques/types.js';
import type { Edge } from './edge.js';

export interface EscalationGraph {
  readonly model: AnalysisModel;
  /** Admins by ARN, with what being admin needs (MFA, conditions). */
  readonly admins: ReadonlyMap<string, Check>;
  /** Every edge, grouped by source in the model's order. */
  readonly edges: readonly Edge[];
  subject(p: PrincipalModel): Subject;
}

export interface BuildGraphOptions {
  /** Called after each source principal, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The time requests are made at (aws:CurrentTime, ...); default: the clock. */
  readonly now?: Date;
  /**
   * Test every technique on every target its kind and account allow, without narrowing the
   * targets to those the source's statements name, and decide every request afresh: slower,
   * the same graph (a property test compares the two).
   */
  readonly exhaustive?: boolean;
}

class Context implements TechniqueContext {
  private readonly subjects = new Map<string, Subject>();
  private readonly trusts = new Map<string, readonly PolicyRef[]>();
  private readonly naming = new Map<string, readonly PolicyRef[]>();
  private readonly services = new Map<PrincipalModel, Map<string, Check>>();
  private readonly serviceSubjects = new Map<string, Subject>();

  constructor(
    readonly model: AnalysisModel,
    private readonly now: Date,
    readonly exhaustive: boolean,
  ) {}

  subject(p: PrincipalModel): Subject {
    let s = this.subjects.get(p.arn);
    if (s === undefined) this.subjects.set(p.arn, (s = principalSubject(p, this.now)));
    return s;
  }

  trustOf(role: PrincipalModel): readonly PolicyRef[] {
    let t = this.trusts.get(role.arn);
    if (t === undefined) this.trusts.set(role.arn, (t = role.trust === undefined ? [] : [role.trust]));
    return t;
  }

  trustNaming(source: PrincipalModel): readonly PolicyRef[] {
    let t = this.naming.get(source.arn);
    if (t === undefined) {
      const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: source.arn }, Action: 'sts:AssumeRole' }] });
      const parsed = parsePolicy(text, { kind: 'trust' });
      t = parsed.ok ? [{ id: `trust policy naming ${source.arn}`, document: parsed.document }] : [];
      this.naming.set(source.arn, t);
    }
    return t;
  }

  private trustIndex: TrustIndex | undefined;

  /** The roles whose trust policy may name the source, in the model's order. */
  trustCandidates(source: PrincipalModel): PrincipalModel[] {
    const index = (this.trustIndex ??= buildTrustIndex(this.model));
    const arns = new Set<string>(index.anyone);
    const lists = [index.byAccount.get(source.account), index.byArn.get(source.arn), source.kind === 'role' ? index.byArn.get(sessionKey(source.account, source.name)) : undefined];
    for (const list of lists) for (const arn of list ?? []) arns.add(arn);
    this.order ??= new Map(this.model.principals.map((p, i) => [p.arn, i]));
    const order = this.order;
    return [...arns].sort((a, b) => order.get(a)! - order.get(b)!).map((arn) => this.model.byArn.get(arn)!);
  }

  private order: Map<string, number> | undefined;

  mayBeTrustedBy(role: PrincipalModel, source: PrincipalModel): boolean {
    const index = (this.trustIndex ??= buildTrustIndex(this.model));
    if (index.anyone.has(role.arn) || index.byAccount.get(source.account)?.has(role.arn) === true) return true;
    if (index.byArn.get(source.arn)?.has(role.arn) === true) return true;
    return source.kind === 'role' && index.byArn.get(sessionKey(source.account, source.name))?.has(role.arn) === true;
  }

  serviceTrusts(role: PrincipalModel, service: string): Check {
    let byService = this.services.get(role);
    if (byService === undefined) this.services.set(role, (byService = new Map()));
    let c = byService.get(service);
    if (c === undefined) {
      let s = this.serviceSubjects.get(service);
      if (s === undefined) this.serviceSubjects.set(service, (s = serviceSubject(service, this.now)));
      c = decide(s, { action: 'sts:AssumeRole', resource: role.arn, resourcePolicies: this.trustOf(role), resourceMustAllow: true }, this.model);
      byService.set(service, c);
    }
    return c;
  }
}

const ACCOUNT_OF = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;
const NAMED = /^arn:aws[a-z-]*:iam::\d{12}:(?:user|role)\//;
const SESSION = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\//;

interface TrustIndex {
  /** Roles whose trust may admit anyone (`*`, NotPrincipal). */
  readonly anyone: ReadonlySet<string>;
  /** Roles whose trust names an account (its id or root), or something of it the index does not sort. */
  readonly byAccount: ReadonlyMap<string, ReadonlySet<string>>;
  /** Roles whose trust names a user or role ARN, or a role's session (see sessionKey). */
  readonly byArn: ReadonlyMap<string, ReadonlySet<string>>;
}

function sessionKey(account: string, roleName: string): string {
  return `session:${account}:${roleName}`;
}

/** Which trust policies may name which principals: a superset, so the engine still decides. */
function buildTrustIndex(model: AnalysisModel): TrustIndex {
  const anyone = new Set<string>();
  const byAccount = new Map<string, Set<string>>();
  const byArn = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, arn: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(arn);
  for (const role of model.principals) {
    for (const st of role.trust?.document.statements ?? []) {
      if (st.effect !== 'Allow') continue;
      if (st.principal === undefined || st.principal.wildcard || st.principal.aws.includes('*')) {
        anyone.add(role.arn);
        continue;
      }
      for (const entry of st.principal.aws) {
        const session = SESSION.exec(entry);
        if (NAMED.test(entry)) add(byArn, entry, role.arn);
        else if (session !== null) add(byArn, sessionKey(session[1]!, session[2]!), role.arn);
        else {
          const account = /^\d{12}$/.test(entry) ? entry : ACCOUNT_OF.exec(entry)?.[1];
          if (account !== undefined) add(byAccount, account, role.arn);
        }
      }
    }
  }
  return { anyone, byAccount, byArn };
}

function passesGate(t: Technique, subject: Subject, org: OrgPolicies): boolean {
  return t.gate === undefined || t.gate.some((actions) => actions.every((a) => mayAllow(subject, a, org)));
}

/** Users and roles, all and by account, listed once. */
class Targets {
  private readonly all = new Map<string, PrincipalModel[]>();
  private readonly byAccount = new Map<string, PrincipalModel[]>();

  constructor(model: AnalysisModel) {
    for (const p of model.principals) {
      (this.all.get(p.kind) ?? this.all.set(p.kind, []).get(p.kind)!).push(p);
      const key = `${p.kind}/${p.account}`;
      (this.byAccount.get(key) ?? this.byAccount.set(key, []).get(key)!).push(p);
    }
  }

  private readonly byService = new Map<string, PrincipalModel[]>();
  private readonly members = new WeakMap<readonly PrincipalModel[], ReadonlySet<PrincipalModel>>();
  private order: Map<PrincipalModel, number> | undefined;

  /**
   * The targets of `t` for `source`: by kind, account and trust, then, when every way makes
   * `t.targetAction` on the target, only those an identity Allow statement of the source for
   * it may name (the others would be denied: no resource policy takes part).
   */
  of(t: Technique, source: PrincipalModel, ctx: Context, exhaustive: boolean): readonly PrincipalModel[] {
    const list = this.unfiltered(t, source, ctx);
    if (exhaustive || t.targetAction === undefined || list.length === 0) return list;
    const scope = allowedResources(ctx.subject(source), t.targetAction, ctx.model);
    if (scope === undefined) return list;
    if (scope.wildcards || scope.exact.size * 4 > list.length) return list.filter((p) => scope.matches(p.arn));
    let members = this.members.get(list);
    if (members === undefined) this.members.set(list, (members = new Set(list)));
    const order = (this.order ??= new Map(ctx.model.principals.map((p, i) => [p, i])));
    const named: PrincipalModel[] = [];
    for (const arn of scope.exact) {
      const p = ctx.model.byArn.get(arn);
      if (p !== undefined && members.has(p)) named.push(p);
    }
    return named.sort((a, b) => order.get(a)! - order.get(b)!);
  }

  private unfiltered(t: Technique, source: PrincipalModel, ctx: Context): readonly PrincipalModel[] {
    if (t.target === 'self') return [source];
    if (t.trustedTargets === true) return ctx.trustCandidates(source).filter((r) => r.kind === t.target && (!t.sameAccount || r.account === source.account));
    const list = (t.sameAccount ? this.byAccount.get(`${t.target}/${source.account}`) : this.all.get(t.target)) ?? [];
    if (t.service === undefined || !t.sameAccount) return list;
    // Only the roles the service may assume (decided once per role and service).
    const key = `${t.service} ${source.account}`;
    let trusting = this.byService.get(key);
    if (trusting === undefined) this.byService.set(key, (trusting = list.filter((r) => ctx.serviceTrusts(r, t.service!).allowed)));
    return trusting;
  }
}

/** Shared requests (see sharedRequirement) decided per subject: once for all targets. */
const sharedChecks = new WeakMap<Subject, Map<Requirement, Check>>();

function checkRequest(r: Requirement, subject: Subject, ctx: Context): Check {
  if (ctx.exhaustive) return decideNow(subject, r, ctx.model);
  if (!isSharedRequirement(r)) return decide(subject, r, ctx.model);
  let bySubject = sharedChecks.get(subject);
  if (bySubject === undefined) sharedChecks.set(subject, (bySubject = new Map()));
  let c = bySubject.get(r);
  if (c === undefined) bySubject.set(r, (c = mayAllow(subject, r.action, ctx.model) ? decide(subject, r, ctx.model) : DENIED));
  return c;
}

/** `trusted`: the target's trust of the technique's service, when the caller has it (the same for every way). */
function checkVariant(v: Variant, subject: Subject, target: PrincipalModel, ctx: Context, trusted?: Check): Check {
  // Cheap first: an action no identity statement allows cannot be made (unless a resource policy grants it).
  for (const r of v.requests) {
    if (r.resourcePolicies !== undefined) continue;
    if (isSharedRequirement(r) && !ctx.exhaustive ? !checkRequest(r, subject, ctx).allowed : !mayAllow(subject, r.action, ctx.model)) return DENIED;
  }
  // Combined as allOf() does, which is only needed when some check has conditions. No
  // closure or array unless needed: this runs for every source, target and way.
  let needsMfa = false;
  let conditional = false;
  if (v.service !== undefined) {
    trusted ??= ctx.serviceTrusts(target, v.service);
    if (!trusted.allowed) return trusted;
    needsMfa = trusted.needsMfa;
    conditional = trusted.conditions.length > 0;
  }
  const requests = v.requests;
  for (let i = 0; i < requests.length; i++) {
    const c = checkRequest(requests[i]!, subject, ctx);
    if (!c.allowed) return c;
    needsMfa ||= c.needsMfa;
    conditional ||= c.conditions.length > 0;
  }
  let after: Check | undefined;
  if (v.after !== undefined) {
    after = adminCheck(v.after(subject), ctx.model);
    if (!after.allowed) return after;
    needsMfa ||= after.needsMfa;
    conditional ||= after.conditions.length > 0;
  }
  if (!conditional) return needsMfa ? ALLOWED_WITH_MFA : ALLOWED;
  // Decided again (from the caches) to combine them in order.
  const all: Check[] = v.service === undefined || trusted === undefined ? [] : [trusted];
  for (const r of requests) all.push(checkRequest(r, subject, ctx));
  if (after !== undefined) all.push(after);
  return allOf(all);
}

const actionLists = new Map<string, readonly string[]>();
const variantActions = new WeakMap<Variant, readonly string[]>();

/** The distinct actions of a variant, in order; one shared array per distinct list. */
function actionsOf(v: Variant): readonly string[] {
  let list = variantActions.get(v);
  if (list === undefined) {
    const actions = [...new Set(v.requests.map((r) => r.action))];
    const key = actions.join(' ');
    list = actionLists.get(key);
    if (list === undefined) actionLists.set(key, (list = actions));
    variantActions.set(v, list);
  }
  return list;
}

function bestEdge(t: Technique, source: PrincipalModel, target: PrincipalModel, ctx: Context): Edge | undefined {
  const subject = ctx.subject(source);
  let best: Check | undefined;
  let bestWay: Variant | undefined;
  const variants = t.variants(source, target, ctx);
  if (variants.length === 0) return undefined;
  // Every way of a pass-role technique needs the target to trust the same service: looked up once.
  const trusted = t.service === undefined ? undefined : ctx.serviceTrusts(target, t.service);
  for (const v of variants) {
    const c = checkVariant(v, subject, target, ctx, v.service === t.service ? trusted : undefined);
    if (!c.allowed) continue;
    // compareEdges (edge.ts) on what the edge would be, without making it.
    if (best === undefined || (Number(c.needsMfa) - Number(best.needsMfa) || c.conditions.length - best.conditions.length || Number(v.assumes !== undefined) - Number(bestWay!.assumes !== undefined)) < 0) {
      best = c;
      bestWay = v;
    }
    if (!c.needsMfa && c.conditions.length === 0 && v.assumes === undefined) break;
  }
  if (best === undefined) return undefined;
  const v = bestWay!;
  const edge: { -readonly [K in keyof Edge]: Edge[K] } = {
    from: source.arn,
    to: target.arn,
    technique: t.id,
    family: t.family,
    actions: actionsOf(v),
    needsMfa: best.needsMfa,
    conditions: best.conditions,
  };
  if (v.via !== undefined) edge.via = v.via;
  if (v.assumes !== undefined) edge.assumes = v.assumes;
  return edge;
}

export function buildGraph(model: AnalysisModel, options: BuildGraphOptions = {}): EscalationGraph {
  const ctx = new Context(model, options.now ?? new Date(), options.exhaustive === true);
  const admins = new Map<string, Check>();
  for (const p of model.principals) {
    const c = adminCheck(ctx.subject(p), model);
    if (c.allowed) admins.set(p.arn, c);
  }
  const edges: Edge[] = [];
  const targets = new Targets(model);
  model.principals.forEach((source, i) => {
    if (!admins.has(source.arn)) {
      const subject = ctx.subject(source);
      for (const t of TECHNIQUES) {
        if (!passesGate(t, subject, model)) continue;
        for (const target of targets.of(t, source, ctx, options.exhaustive === true)) {
          if (target === source && t.target !== 'self') continue;
          const edge = bestEdge(t, source, target, ctx);
          if (edge !== undefined) edges.push(edge);
        }
      }
    }
    options.onProgress?.(i + 1, model.principals.length);
  });
  return { model, admins, edges, subject: (p) => ctx.subject(p) };
}
