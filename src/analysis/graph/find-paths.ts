// Every escalation path from a principal that is not an admin to one that is (or to a
// principal that makes itself one), not only the first: a depth-first walk over simple
// paths (no principal twice, so cycles end), stopping at the first admin on the way, bounded
// in depth and in paths per source. Shortest first.

import type { ConditionNote } from '../engine/decide.js';
import type { EscalationGraph } from './build-graph.js';
import { compareEdges, type Edge } from './edge.js';

export interface PathStep {
  readonly from: string;
  readonly to: string;
  readonly technique: string;
  readonly actions: readonly string[];
  readonly needsMfa: boolean;
  readonly conditions: readonly ConditionNote[];
  /** The principal makes itself an admin (from === to). */
  readonly selfEscalation: boolean;
  readonly via?: string;
  readonly assumes?: string;
  /** Other techniques that make the same step. */
  readonly alternatives: readonly string[];
}

export interface EscalationPath {
  readonly source: string;
  /** An admin, or the last principal when it makes itself one. */
  readonly target: string;
  readonly steps: readonly PathStep[];
}

export interface FindPathsOptions {
  /** Most steps in a path (default 6). */
  readonly maxDepth?: number;
  /** Most paths kept per source (default 100). */
  readonly maxPathsPerSource?: number;
}

export interface PathsResult {
  readonly paths: readonly EscalationPath[];
  /** Sources whose search hit a bound: more paths may exist. */
  readonly truncated: readonly string[];
}

/** A step made of the edges between two principals, best first. */
export function stepFromEdges(edges: readonly Edge[]): PathStep {
  const [best, ...rest] = edges as [Edge, ...Edge[]];
  return {
    from: best.from,
    to: best.to,
    technique: best.technique,
    actions: best.actions,
    needsMfa: best.needsMfa,
    conditions: best.conditions,
    selfEscalation: best.from === best.to,
    ...(best.via === undefined ? {} : { via: best.via }),
    ...(best.assumes === undefined ? {} : { assumes: best.assumes }),
    alternatives: rest.map((e) => e.technique),
  };
}

export function findPaths(graph: EscalationGraph, options: FindPathsOptions = {}): PathsResult {
  const maxDepth = options.maxDepth ?? 6;
  const maxPaths = options.maxPathsPerSource ?? 100;
  const out = new Map<string, Map<string, Edge[]>>();
  const self = new Map<string, Edge[]>();
  for (const e of graph.edges) {
    if (e.from === e.to) {
      (self.get(e.from) ?? self.set(e.from, []).get(e.from)!).push(e);
      continue;
    }
    const byTarget = out.get(e.from) ?? out.set(e.from, new Map()).get(e.from)!;
    (byTarget.get(e.to) ?? byTarget.set(e.to, []).get(e.to)!).push(e);
  }
  const steps = new Map<Edge[], PathStep>();
  const stepOf = (edges: Edge[]): PathStep => {
    let s = steps.get(edges);
    if (s === undefined) steps.set(edges, (s = stepFromEdges(edges.sort(compareEdges))));
    return s;
  };

  // Fewest steps from each principal to the end of a path (an admin: 0 more steps once
  // reached; a principal that makes itself one: 1, its own step), so the walk never enters a
  // principal from which no path can end within the depth left.
  const dist = distancesToEnds(graph, out, self);

  // Each principal's way on: the principals it has edges to from which an end is still
  // reachable, sorted by ARN (the walk's order), built once.
  interface Hop {
    readonly to: string;
    readonly dist: number;
    readonly edges: Edge[];
    readonly admin: boolean;
  }
  const hops = new Map<string, readonly Hop[]>();
  const hopsOf = (node: string): readonly Hop[] | undefined => {
    let h = hops.get(node);
    if (h === undefined) {
      const next = out.get(node);
      if (next === undefined) return undefined;
      h = [...next.keys()]
        .sort()
        .filter((to) => dist.has(to))
        .map((to) => ({ to, dist: dist.get(to)!, edges: next.get(to)!, admin: graph.admins.has(to) }));
      hops.set(node, h);
    }
    return h;
  };

  const paths: EscalationPath[] = [];
  const truncated: string[] = [];
  for (const source of graph.model.principals) {
    if (graph.admins.has(source.arn) || !dist.has(source.arn)) continue;
    const found: EscalationPath[] = [];
    let cut = false;
    const visited = new Set<string>([source.arn]);
    const stack: PathStep[] = [];
    const walk = (node: string): void => {
      const selfEdges = self.get(node);
      if (selfEdges !== undefined && stack.length < maxDepth) found.push({ source: source.arn, target: node, steps: [...stack, stepOf(selfEdges)] });
      const next = hopsOf(node);
      if (next === undefined) return;
      for (const hop of next) {
        if (visited.has(hop.to)) continue;
        if (found.length >= maxPaths) {
          cut = true;
          return;
        }
        if (stack.length + 1 + hop.dist > maxDepth) {
          cut = true;
          continue;
        }
        stack.push(stepOf(hop.edges));
        if (hop.admin) found.push({ source: source.arn, target: hop.to, steps: [...stack] });
        else {
          visited.add(hop.to);
          walk(hop.to);
          visited.delete(hop.to);
        }
        stack.pop();
      }
    };
    walk(source.arn);
    if (found.length > maxPaths) found.length = maxPaths;
    if (cut) truncated.push(source.arn);
    paths.push(...found);
  }
  const keys = new Map<EscalationPath, string>(paths.map((p) => [p, key(p)]));
  paths.sort((a, b) => a.steps.length - b.steps.length || cmp(a.source, b.source) || cmp(a.target, b.target) || cmp(keys.get(a)!, keys.get(b)!));
  return { paths, truncated };
}

function distancesToEnds(graph: EscalationGraph, out: ReadonlyMap<string, ReadonlyMap<string, Edge[]>>, self: ReadonlyMap<string, Edge[]>): Map<string, number> {
  const into = new Map<string, string[]>();
  for (const [from, targets] of out) for (const to of targets.keys()) (into.get(to) ?? into.set(to, []).get(to)!).push(from);
  const dist = new Map<string, number>();
  let frontier = [...graph.admins.keys()];
  for (const a of frontier) dist.set(a, 0);
  const selfOnly = [...self.keys()].filter((n) => !dist.has(n));
  for (let d = 0; frontier.length > 0 || selfOnly.length > 0; d++) {
    if (d === 1) {
      for (const n of selfOnly) {
        if (dist.has(n)) continue;
        dist.set(n, 1);
        frontier.push(n);
      }
      selfOnly.length = 0;
    }
    const next: string[] = [];
    for (const n of frontier) {
      for (const from of into.get(n) ?? []) {
        if (dist.has(from)) continue;
        dist.set(from, d + 1);
        next.push(from);
      }
    }
    frontier = next;
  }
  return dist;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function key(p: EscalationPath): string {
  return p.steps.map((s) => s.to).join(' ');
}
