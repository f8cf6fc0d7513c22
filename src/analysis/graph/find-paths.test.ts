import { describe, expect, it } from 'vitest';
import type { Check } from '../engine/decide.js';
import type { AnalysisModel, PrincipalModel } from '../model/model.js';
import type { EscalationGraph } from './build-graph.js';
import type { Edge } from './edge.js';
import { findPaths } from './find-paths.js';

const p = (name: string) => ({ arn: name }) as PrincipalModel;
const edge = (from: string, to: string, technique = 'assume-role', needsMfa = false): Edge => ({ from, to, technique, family: 'trust', actions: ['sts:AssumeRole'], needsMfa, conditions: [] });
const ALLOWED: Check = { allowed: true, needsMfa: false, conditions: [] };

function graph(names: string[], admins: string[], edges: Edge[]): EscalationGraph {
  const model = { principals: names.map(p) } as unknown as AnalysisModel;
  return { model, admins: new Map(admins.map((a) => [a, ALLOWED])), edges, subject: () => { throw new Error('unused'); } };
}

const route = (r: ReturnType<typeof findPaths>) => r.paths.map((x) => [x.source, ...x.steps.map((s) => s.to)].join('>'));

describe('findPaths', () => {
  it('finds every simple path, stops at the first admin, ends cycles, shortest first', () => {
    // a <-> b, b -> admin, a -> c -> admin, c -> admin2 (admin2 reached only through c), d isolated.
    const g = graph(['a', 'b', 'c', 'd', 'admin', 'admin2'], ['admin', 'admin2'], [
      edge('a', 'b'), edge('b', 'a'), edge('b', 'admin'), edge('a', 'c'), edge('c', 'admin'), edge('c', 'admin2'), edge('admin', 'b'),
    ]);
    expect(route(findPaths(g))).toEqual(['b>admin', 'c>admin', 'c>admin2', 'a>b>admin', 'a>c>admin', 'a>c>admin2', 'b>a>c>admin', 'b>a>c>admin2']);
  });

  it('sorts by length, then source, target and the principals on the way, whatever the model order', () => {
    // Sources listed out of ARN order, several targets and lengths each.
    const g = graph(['z', 'm', 'a', 'k', 'x', 'admin1', 'admin2'], ['admin1', 'admin2'], [
      edge('z', 'admin2'), edge('z', 'k'), edge('z', 'admin1'), edge('m', 'x'), edge('m', 'admin2'), edge('a', 'z'), edge('a', 'm'),
      edge('k', 'admin1'), edge('x', 'admin2'), edge('x', 'k'),
    ]);
    const r = findPaths(g);
    const full = [...r.paths].sort((p1, p2) => {
      const k1 = p1.steps.map((s) => s.to).join(' ');
      const k2 = p2.steps.map((s) => s.to).join(' ');
      return p1.steps.length - p2.steps.length || (p1.source < p2.source ? -1 : p1.source > p2.source ? 1 : 0) || (p1.target < p2.target ? -1 : p1.target > p2.target ? 1 : 0) || (k1 < k2 ? -1 : k1 > k2 ? 1 : 0);
    });
    expect(r.paths).toEqual(full);
    expect(route(r).slice(0, 6)).toEqual(['k>admin1', 'm>admin2', 'x>admin2', 'z>admin1', 'z>admin2', 'a>z>admin1']);
  });

  it('ends a path at a principal that makes itself an admin, and goes on past it', () => {
    const g = graph(['a', 's', 'admin'], ['admin'], [edge('a', 's'), edge('s', 's', 'put-own-policy'), edge('s', 'admin')]);
    const r = findPaths(g);
    expect(route(r)).toEqual(['s>admin', 's>s', 'a>s>admin', 'a>s>s']);
    expect(r.paths[1]!.steps[0]!.selfEscalation).toBe(true);
  });

  it('keeps the best edge of a step and lists the others', () => {
    const g = graph(['a', 'admin'], ['admin'], [edge('a', 'admin', 'assume-role', true), edge('a', 'admin', 'update-assume-role-policy')]);
    const step = findPaths(g).paths[0]!.steps[0]!;
    expect([step.technique, step.needsMfa, step.alternatives]).toEqual(['update-assume-role-policy', false, ['assume-role']]);
  });

  it('is bounded in depth and in paths per source, and says which sources were cut', () => {
    const chain = graph(['a', 'b', 'c', 'admin'], ['admin'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'admin')]);
    const r = findPaths(chain, { maxDepth: 2 });
    expect(route(r)).toEqual(['c>admin', 'b>c>admin']);
    expect(r.truncated).toEqual(['a']);
    const fan = graph(['a', 'x', 'y', 'z', 'admin'], ['admin'], ['x', 'y', 'z'].flatMap((n) => [edge('a', n), edge(n, 'admin')]));
    const capped = findPaths(fan, { maxPathsPerSource: 2 });
    expect(capped.paths.filter((x) => x.source === 'a')).toHaveLength(2);
    expect(capped.truncated).toEqual(['a']);
  });
});
