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

/**
 * The edges on integer ids: each principal's edges (self-escalations apart) as a range of
 * `order`, and who has an edge into each, compactly, so that accounts with millions of
 * edges are walked without a map per edge.
 */
interface Adjacency {
  readonly arns: readonly string[];
  readonly id: ReadonlyMap<string, number>;
  /** Edge indexes (into graph.edges) grouped by source id: source i's are order[start[i]..start[i+1]). */
  readonly order: Int32Array;
  readonly start: Int32Array;
  /** Sources of the edges into each id: into[intoStart[i]..intoStart[i+1]). */
  readonly into: Int32Array;
  readonly intoStart: Int32Array;
  readonly self: ReadonlyMap<string, Edge[]>;
}

function adjacency(graph: EscalationGraph): Adjacency {
  const arns: string[] = graph.model.principals.map((p) => p.arn);
  const id = new Map<string, number>(arns.map((a, i) => [a, i]));
  const idOf = (arn: string): number => {
    let i = id.get(arn);
    if (i === undefined) {
      id.set(arn, (i = arns.length));
      arns.push(arn);
    }
    return i;
  };
  for (const a of graph.admins.keys()) idOf(a);
  const edges = graph.edges;
  const self = new Map<string, Edge[]>();
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  edges.forEach((e, k) => {
    from[k] = idOf(e.from);
    to[k] = idOf(e.to);
    if (e.from === e.to) (self.get(e.from) ?? self.set(e.from, []).get(e.from)!).push(e);
  });
  const n = arns.length;
  const start = new Int32Array(n + 1);
  const intoStart = new Int32Array(n + 1);
  for (let k = 0; k < edges.length; k++) {
    if (from[k] === to[k]) continue;
    start[from[k]! + 1]!++;
    intoStart[to[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    start[i + 1]! += start[i]!;
    intoStart[i + 1]! += intoStart[i]!;
  }
  const order = new Int32Array(start[n]!);
  const into = new Int32Array(intoStart[n]!);
  const fill = start.slice(0, n);
  const intoFill = intoStart.slice(0, n);
  for (let k = 0; k < edges.length; k++) {
    if (from[k] === to[k]) continue;
    order[fill[from[k]!]!++] = k;
    into[intoFill[to[k]!]!++] = from[k]!;
  }
  return { arns, id, order, start, into, intoStart, self };
}

export function findPaths(graph: EscalationGraph, options: FindPathsOptions = {}): PathsResult {
  const maxDepth = options.maxDepth ?? 6;
  const maxPaths = options.maxPathsPerSource ?? 100;
  const adj = adjacency(graph);
  const self = adj.self;
  const steps = new Map<Edge[], PathStep>();
  const stepOf = (edges: Edge[]): PathStep => {
    let s = steps.get(edges);
    if (s === undefined) steps.set(edges, (s = stepFromEdges(edges.sort(compareEdges))));
    return s;
  };

  // Fewest steps from each principal to the end of a path (an admin: 0 more steps once
  // reached; a principal that makes itself one: 1, its own step), so the walk never enters a
  // principal from which no path can end within the depth left.
  const dist = distancesToEnds(graph, adj);

  // Each principal's way on: the principals it has edges to from which an end is still
  // reachable, sorted by ARN (the walk's order), with the edges to each in the graph's order.
  interface Hop {
    readonly to: string;
    readonly dist: number;
    readonly edges: Edge[];
    readonly admin: boolean;
  }
  const hops = new Map<string, readonly Hop[]>();
  const hopsOf = (node: string): readonly Hop[] => {
    let h = hops.get(node);
    if (h === undefined) {
      const i = adj.id.get(node)!;
      const byTarget = new Map<number, Edge[]>();
      for (let k = adj.start[i]!; k < adj.start[i + 1]!; k++) {
        const e = graph.edges[adj.order[k]!]!;
        const t = adj.id.get(e.to)!;
        if (dist[t]! < 0) continue;
        (byTarget.get(t) ?? byTarget.set(t, []).get(t)!).push(e);
      }
      h = [...byTarget]
        .map(([t, edges]) => ({ to: adj.arns[t]!, dist: dist[t]!, edges, admin: graph.admins.has(adj.arns[t]!) }))
        .sort((x, y) => cmp(x.to, y.to));
      hops.set(node, h);
    }
    return h;
  };

  const bySource: (readonly EscalationPath[])[] = [];
  const truncated: string[] = [];
  for (const source of graph.model.principals) {
    if (graph.admins.has(source.arn) || dist[adj.id.get(source.arn)!]! < 0) continue;
    const found: EscalationPath[] = [];
    let cut = false;
    const visited = new Set<string>([source.arn]);
    const stack: PathStep[] = [];
    const walk = (node: string): void => {
      const selfEdges = self.get(node);
      if (selfEdges !== undefined && stack.length < maxDepth) found.push({ source: source.arn, target: node, steps: [...stack, stepOf(selfEdges)] });
      for (const hop of hopsOf(node)) {
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
    if (found.length > 0) bySource.push(sortedOneSource(found));
  }
  return { paths: sortPaths(bySource), truncated };
}

/** One source's paths by length, target, then the principals on the way (stable: ties keep the walk's order). */
function sortedOneSource(found: readonly EscalationPath[]): EscalationPath[] {
  const keys = new Map<EscalationPath, string>(found.map((p) => [p, key(p)]));
  return [...found].sort((a, b) => a.steps.length - b.steps.length || cmp(a.target, b.target) || cmp(keys.get(a)!, keys.get(b)!));
}

/**
 * Every path, shortest first, then by source, target and the principals on the way: the
 * sources in ARN order, each one's paths already sorted, then a stable sort by length alone
 * (a full comparison of half a million paths was a large part of the time).
 */
function sortPaths(bySource: (readonly EscalationPath[])[]): EscalationPath[] {
  bySource.sort((a, b) => cmp(a[0]!.source, b[0]!.source));
  const byLength: EscalationPath[][] = [];
  for (const list of bySource) for (const p of list) (byLength[p.steps.length] ??= []).push(p);
  return byLength.flatMap((list) => list ?? []);
}

/** Steps to the nearest end per id (-1: none), breadth first from the admins and the self-escalators. */
function distancesToEnds(graph: EscalationGraph, adj: Adjacency): Int32Array {
  const dist = new Int32Array(adj.arns.length).fill(-1);
  let frontier: number[] = [];
  for (const a of graph.admins.keys()) {
    const i = adj.id.get(a)!;
    dist[i] = 0;
    frontier.push(i);
  }
  let selfOnly = [...adj.self.keys()].map((n) => adj.id.get(n)!).filter((i) => dist[i] !== 0);
  for (let d = 0; frontier.length > 0 || selfOnly.length > 0; d++) {
    if (d === 1) {
      for (const i of selfOnly) {
        if (dist[i]! >= 0) continue;
        dist[i] = 1;
        frontier.push(i);
      }
      selfOnly = [];
    }
    const next: number[] = [];
    for (const i of frontier) {
      for (let k = adj.intoStart[i]!; k < adj.intoStart[i + 1]!; k++) {
        const from = adj.into[k]!;
        if (dist[from]! >= 0) continue;
        dist[from] = d + 1;
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
