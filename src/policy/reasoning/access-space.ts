// The request space several policies are judged in: action and resource signatures (exact, from
// every pattern the policies and the question name) and principal candidates, with each policy's
// statements compiled against them.

import type { PolicyDocument, PolicyStatement, PrincipalSpec } from '../document/types.js';
import { compileWildcard } from '../match/wildcard.js';
import type { Clause } from './condition-clauses.js';
import { toClauses } from './condition-clauses.js';
import { signatures } from './glob-signatures.js';
import type { Signature } from './glob-signatures.js';
import { principalCandidates, principalMatches } from './principal-space.js';
import type { PrincipalCandidate } from './principal-space.js';

export interface SpaceStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly clauses: readonly Clause[];
  matchesAction(a: Signature): boolean;
  matchesResource(r: Signature): boolean;
  matchesPrincipal(p: PrincipalCandidate): boolean;
}

export interface AccessSpace {
  readonly actions: readonly Signature[];
  readonly resources: readonly Signature[];
  readonly principals: readonly PrincipalCandidate[];
  /** False when a signature walk hit its bound: an answer of "no new access" cannot be given. */
  readonly complete: boolean;
  statements(policy: PolicyDocument): readonly SpaceStatement[];
  /** Matchers for extra patterns handed in at construction (the question's actions and resources). */
  actionPattern(pattern: string): (a: Signature) => boolean;
  resourcePattern(pattern: string): (r: Signature) => boolean;
  /** Whether `action` (a real name) has the signature `a`: lets an example name a real action. */
  actionHasSignature(action: string, a: Signature): boolean;
}

// Policy variables stand for values only known per request: inside a pattern they become a
// token no literal can equal, so identical texts still agree and globs still cover them.
const VARIABLE = /\$\{[^}]*\}/g;

export function resourcePatternText(resource: string): string {
  return resource.replace(VARIABLE, (v) => `\u0001${v.slice(2, -1)}\u0001`);
}

export function showResource(witness: string): string {
  return witness.replace(/\u0001([^\u0001]*)\u0001/g, (_, name: string) => `\${${name}}`);
}

class PatternIndex {
  readonly list: string[] = [];
  private readonly at = new Map<string, number>();
  constructor(private readonly ignoreCase: boolean) {}
  add(p: string): number {
    const k = this.ignoreCase ? p.toLowerCase() : p;
    let i = this.at.get(k);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(k);
      this.at.set(k, i);
    }
    return i;
  }
  index(p: string): number {
    return this.at.get(this.ignoreCase ? p.toLowerCase() : p) ?? -1;
  }
}

export interface SpaceOptions {
  readonly extraActions?: readonly string[];
  readonly extraResources?: readonly string[];
  readonly principals: boolean;
}

export function accessSpace(policies: readonly PolicyDocument[], options: SpaceOptions): AccessSpace {
  const actions = new PatternIndex(true);
  const resources = new PatternIndex(false);
  const specs: PrincipalSpec[] = [];
  for (const p of policies) {
    for (const s of p.statements) {
      for (const a of [...(s.action ?? []), ...(s.notAction ?? [])]) actions.add(a);
      for (const r of [...(s.resource ?? []), ...(s.notResource ?? [])]) resources.add(resourcePatternText(r));
      if (s.principal !== undefined) specs.push(s.principal);
      if (s.notPrincipal !== undefined) specs.push(s.notPrincipal);
    }
  }
  for (const a of options.extraActions ?? []) actions.add(a);
  for (const r of options.extraResources ?? []) resources.add(resourcePatternText(r));
  const actionSpace = signatures(actions.list, { ignoreCase: true });
  const resourceSpace = signatures(resources.list, { ignoreCase: false });
  const principals = options.principals ? principalCandidates(specs) : [{ type: 'AWS' as const, account: '000000000000', arn: 'arn:aws:iam::000000000000:role/caller' }];
  const cache = new WeakMap<PolicyDocument, readonly SpaceStatement[]>();
  let matchers: ((value: string) => boolean)[] | undefined;
  const anyOf = (idx: readonly number[]) => (sig: Signature) => idx.some((i) => sig.matched[i] === true);
  const compile = (s: PolicyStatement): SpaceStatement => {
    const act = (s.action ?? []).map((a) => actions.index(a));
    const notAct = (s.notAction ?? []).map((a) => actions.index(a));
    const res = (s.resource ?? []).map((r) => resources.index(resourcePatternText(r)));
    const notRes = (s.notResource ?? []).map((r) => resources.index(resourcePatternText(r)));
    const matchAct = anyOf(act);
    const matchNotAct = anyOf(notAct);
    const matchRes = anyOf(res);
    const matchNotRes = anyOf(notRes);
    const principal = s.principal;
    const notPrincipal = s.notPrincipal;
    return {
      index: s.index,
      ...(s.sid !== undefined && { sid: s.sid }),
      effect: s.effect,
      clauses: toClauses(s.conditions),
      matchesAction: s.action !== undefined ? matchAct : (a) => !matchNotAct(a),
      matchesResource: s.resource !== undefined ? matchRes : s.notResource !== undefined ? (r) => !matchNotRes(r) : () => true,
      matchesPrincipal: !options.principals
        ? () => true
        : principal !== undefined
          ? (p) => principalMatches(principal, p)
          : notPrincipal !== undefined
            ? (p) => !principalMatches(notPrincipal, p)
            : () => true,
    };
  };
  return {
    actions: actionSpace.signatures,
    resources: resourceSpace.signatures,
    principals,
    complete: actionSpace.complete && resourceSpace.complete,
    statements(policy) {
      let hit = cache.get(policy);
      if (hit === undefined) {
        hit = policy.statements.map(compile);
        cache.set(policy, hit);
      }
      return hit;
    },
    actionPattern(pattern) {
      const i = actions.index(pattern);
      return (a) => a.matched[i] === true;
    },
    actionHasSignature(action, a) {
      matchers ??= actions.list.map((p) => compileWildcard(p, { ignoreCase: true }));
      return matchers.every((m, i) => m(action) === (a.matched[i] === true));
    },
    resourcePattern(pattern) {
      const i = resources.index(resourcePatternText(pattern));
      return (r) => r.matched[i] === true;
    },
  };
}
