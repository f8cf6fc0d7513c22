// The `connected PRINCIPAL` preset: the principals PRINCIPAL can become, step by step over
// escalation edges (what it reaches), those that can become it (what reaches it), and the
// edges that make those steps, so a reviewer sees everything one principal's compromise
// leads to and everything that leads to it.

import type { EscalationGraph } from '../graph/build-graph.js';
import type { Edge } from '../graph/edge.js';

export interface Connected {
  readonly principal: string;
  /** Principals reachable from `principal` over one or more edges, sorted (itself only when it makes itself an admin). */
  readonly reaches: readonly string[];
  /** Principals from which `principal` is reachable, sorted (itself only when it makes itself an admin). */
  readonly reachedBy: readonly string[];
  /** Every edge on a way out of `principal` or into it, in the graph's order. */
  readonly edges: readonly Edge[];
}

function reach(start: string, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(n);
    }
  }
  return seen;
}

export function connected(graph: EscalationGraph, principal: string): Connected {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const e of graph.edges) {
    (forward.get(e.from) ?? forward.set(e.from, []).get(e.from)!).push(e.to);
    (backward.get(e.to) ?? backward.set(e.to, []).get(e.to)!).push(e.from);
  }
  const reaches = reach(principal, forward);
  const reachedBy = reach(principal, backward);
  // Out of the principal: edges leaving it or a principal it reaches. Into it: edges leaving a
  // principal that reaches it towards it or another such principal.
  const outOf = (arn: string) => arn === principal || reaches.has(arn);
  const into = (arn: string) => arn === principal || reachedBy.has(arn);
  const edges = graph.edges.filter((e) => (outOf(e.from) && reaches.has(e.to)) || (reachedBy.has(e.from) && into(e.to)));
  return { principal, reaches: [...reaches].sort(), reachedBy: [...reachedBy].sort(), edges };
}
