// Answers a query on the escalation graph. A principal can do an action if the engine
// allows it, or if it can become (through edges) a principal the engine allows, or one that
// makes itself an admin and then is allowed; the answer shows the steps.

import { ADMIN_POLICY } from '../techniques/self.js';
import { decide, type Check, type ConditionNote } from '../engine/decide.js';
import type { Subject } from '../engine/subject.js';
import type { EscalationGraph } from '../graph/build-graph.js';
import type { Edge } from '../graph/edge.js';
import { compareEdges } from '../graph/edge.js';
import { findPaths, stepFromEdges, type PathStep } from '../graph/find-paths.js';
import { resourcePoliciesFor, type PrincipalModel, type ResourcePolicyModel } from '../model/model.js';
import { connected } from './connected.js';
import type { Query } from './parse-query.js';

export interface Access {
  readonly principal: string;
  /** The principal that makes the request: `principal` itself, or one it becomes. */
  readonly actingAs: string;
  readonly needsMfa: boolean;
  readonly conditions: readonly ConditionNote[];
  /** How `principal` becomes `actingAs` (empty when it acts itself). */
  readonly steps: readonly PathStep[];
}

export type QueryAnswer =
  | { readonly kind: 'can'; readonly allowed: boolean; readonly access?: Access }
  | { readonly kind: 'who'; readonly principals: readonly Access[] }
  | { readonly kind: 'admins'; readonly admins: readonly string[] }
  | { readonly kind: 'privesc'; readonly sources: readonly string[] }
  | { readonly kind: 'connected'; readonly principal: string; readonly reaches: readonly string[]; readonly reachedBy: readonly string[]; readonly edges: readonly Edge[] }
  | { readonly kind: 'error'; readonly message: string };

interface Request {
  readonly action: string;
  readonly resource: string;
  readonly keys: Readonly<Record<string, string>>;
}

function outgoing(graph: EscalationGraph): Map<string, Map<string, Edge[]>> {
  const out = new Map<string, Map<string, Edge[]>>();
  for (const e of graph.edges) {
    const m = out.get(e.from) ?? out.set(e.from, new Map()).get(e.from)!;
    (m.get(e.to) ?? m.set(e.to, []).get(e.to)!).push(e);
  }
  for (const m of out.values()) for (const list of m.values()) list.sort(compareEdges);
  return out;
}

/** The resource policies of each requested resource, one array per resource (decide() caches by it). */
const resourcePolicyCache = new WeakMap<EscalationGraph, Map<string, ResourcePolicyModel[]>>();

function check(graph: EscalationGraph, subject: Subject, r: Request): Check {
  let byResource = resourcePolicyCache.get(graph);
  if (byResource === undefined) resourcePolicyCache.set(graph, (byResource = new Map()));
  let policies = byResource.get(r.resource);
  if (policies === undefined) byResource.set(r.resource, (policies = resourcePoliciesFor(graph.model, r.resource)));
  const owner = policies[0]?.account;
  return decide(
    subject,
    { action: r.action, resource: r.resource, keys: r.keys, ...(policies.length > 0 ? { resourcePolicies: policies } : {}), ...(owner === undefined ? {} : { resourceAccount: owner }) },
    graph.model,
  );
}

/** Breadth-first, so the answer uses the fewest steps. */
function access(graph: EscalationGraph, out: Map<string, Map<string, Edge[]>>, p: PrincipalModel, r: Request): Access | undefined {
  const queue: { arn: string; steps: PathStep[] }[] = [{ arn: p.arn, steps: [] }];
  const seen = new Set([p.arn]);
  for (let i = 0; i < queue.length; i++) {
    const { arn, steps } = queue[i]!;
    const node = graph.model.byArn.get(arn)!;
    const c = check(graph, graph.subject(node), r);
    if (c.allowed) return { principal: p.arn, actingAs: arn, needsMfa: c.needsMfa || steps.some((s) => s.needsMfa), conditions: c.conditions, steps };
    const next = out.get(arn);
    if (next === undefined) continue;
    const self = next.get(arn);
    if (self !== undefined) {
      const after = check(graph, { ...graph.subject(node), identity: [...graph.subject(node).identity, ADMIN_POLICY] }, r);
      const step = stepFromEdges(self);
      if (after.allowed) return { principal: p.arn, actingAs: arn, needsMfa: after.needsMfa || step.needsMfa || steps.some((s) => s.needsMfa), conditions: after.conditions, steps: [...steps, step] };
    }
    for (const [to, edges] of [...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (to === arn || seen.has(to)) continue;
      seen.add(to);
      queue.push({ arn: to, steps: [...steps, stepFromEdges(edges)] });
    }
  }
  return undefined;
}

export function answerQuery(graph: EscalationGraph, query: Query): QueryAnswer {
  if (query.kind === 'admins') return { kind: 'admins', admins: [...graph.admins.keys()] };
  if (query.kind === 'privesc') return { kind: 'privesc', sources: [...new Set(findPaths(graph).paths.map((p) => p.source))].sort() };
  if (query.kind === 'connected') {
    if (!graph.model.byArn.has(query.principal)) return { kind: 'error', message: `no user or role ${query.principal} in the input` };
    return { kind: 'connected', ...connected(graph, query.principal) };
  }
  const out = outgoing(graph);
  if (query.kind === 'can') {
    const p = graph.model.byArn.get(query.principal);
    if (p === undefined) return { kind: 'error', message: `no user or role ${query.principal} in the input` };
    const a = access(graph, out, p, query);
    return a === undefined ? { kind: 'can', allowed: false } : { kind: 'can', allowed: true, access: a };
  }
  const principals: Access[] = [];
  for (const p of graph.model.principals) {
    const a = access(graph, out, p, query);
    if (a !== undefined) principals.push(a);
  }
  return { kind: 'who', principals };
}
