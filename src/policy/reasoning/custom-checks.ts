// Access Analyzer's custom policy checks, decided exactly on the request space of the policies
// (action and resource signatures, principal candidates): CheckNoNewAccess, CheckAccessNotGranted
// and CheckNoPublicAccess. A FAIL names each statement that grants the access and an example
// request it allows. Conditions are compared clause by clause (condition-clauses.ts); where that
// cannot prove coverage the answer is FAIL, so a PASS is always sound.

import type { PolicyDocument } from '../document/types.js';
import { accessSpace, showResource } from './access-space.js';
import type { AccessSpace, SpaceStatement } from './access-space.js';
import { bits, firstOf, fromPredicate, has, orInto } from './bitset.js';
import type { Bits } from './bitset.js';
import { conjunctionImplies } from './condition-clauses.js';
import { describePrincipal } from './principal-space.js';
import type { PrincipalCandidate } from './principal-space.js';

export interface ExampleRequest {
  readonly principal?: string;
  readonly action: string;
  readonly resource: string;
}

export interface CheckReason {
  readonly description: string;
  readonly statementIndex: number;
  readonly statementId?: string;
  readonly example?: ExampleRequest;
}

export interface CheckResult {
  readonly result: 'PASS' | 'FAIL';
  readonly message: string;
  readonly reasons: readonly CheckReason[];
}

function where(s: SpaceStatement): string {
  return s.sid !== undefined && s.sid !== '' ? `sid: ${s.sid}` : `index: ${s.index}`;
}

function reason(prefix: string, s: SpaceStatement, example?: ExampleRequest): CheckReason {
  return { description: `${prefix}${where(s)}.`, statementIndex: s.index, ...(s.sid !== undefined && s.sid !== '' && { statementId: s.sid }), ...(example !== undefined && { example }) };
}

interface Masks {
  readonly s: SpaceStatement;
  readonly actions: Bits;
  readonly resources: Bits;
}

function masks(space: AccessSpace, list: readonly SpaceStatement[]): Masks[] {
  return list.map((s) => ({ s, actions: fromPredicate(space.actions, (a) => s.matchesAction(a)), resources: fromPredicate(space.resources, (r) => s.matchesResource(r)) }));
}

/** Real action names an example may use instead of a bare witness string (same signature). */
export interface ExampleOptions {
  readonly knownActions?: readonly string[];
}

function example(space: AccessSpace, p: PrincipalCandidate, a: number, r: number, withPrincipal: boolean, options: ExampleOptions): ExampleRequest {
  const sig = space.actions[a];
  const known = sig === undefined ? undefined : options.knownActions?.find((name) => space.actionHasSignature(name, sig));
  const resource = showResource(space.resources[r]?.witness ?? '');
  return {
    ...(withPrincipal && { principal: describePrincipal(p) }),
    action: known ?? sig?.witness ?? '',
    // The empty string is a resource only "*" matches: say so.
    resource: resource === '' ? '*' : resource,
  };
}

export interface NoNewAccessInput extends ExampleOptions {
  readonly newPolicy: PolicyDocument;
  readonly existingPolicy: PolicyDocument;
  /** Resource policies also compare who is granted access. */
  readonly principals: boolean;
}

export function checkNoNewAccess(input: NoNewAccessInput): CheckResult {
  const space = accessSpace([input.newPolicy, input.existingPolicy], { principals: input.principals });
  const fresh = masks(space, space.statements(input.newPolicy));
  const old = masks(space, space.statements(input.existingPolicy));
  const newAllows = fresh.filter((m) => m.s.effect === 'Allow');
  const newDenies = fresh.filter((m) => m.s.effect === 'Deny');
  const oldAllows = old.filter((m) => m.s.effect === 'Allow');
  const oldDenies = old.filter((m) => m.s.effect === 'Deny');
  const reasons: CheckReason[] = [];
  const size = space.resources.length;
  for (const n of newAllows) {
    // Only existing statements whose conditions the new statement's conditions imply can cover it.
    const covering = oldAllows.filter((o) => conjunctionImplies(n.s.clauses, o.s.clauses));
    let found: ExampleRequest | undefined;
    outer: for (const p of space.principals) {
      if (!n.s.matchesPrincipal(p)) continue;
      const cov = covering.filter((o) => o.s.matchesPrincipal(p));
      const unconditionalDenies = newDenies.filter((d) => d.s.clauses.length === 0 && d.s.matchesPrincipal(p));
      const denies = newDenies.filter((d) => d.s.matchesPrincipal(p));
      const blocking = oldDenies.filter((d) => d.s.matchesPrincipal(p));
      for (let a = 0; a < space.actions.length; a++) {
        if (!has(n.actions, a)) continue;
        const covered = bits(size);
        for (const o of cov) if (has(o.actions, a)) orInto(covered, o.resources);
        const deniedByNew = bits(size);
        for (const d of unconditionalDenies) if (has(d.actions, a)) orInto(deniedByNew, d.resources);
        // Resources an existing Deny still refuses unless a new Deny at least as broad refuses them too.
        const stillBlocked = bits(size);
        for (const d of blocking) {
          if (!has(d.actions, a)) continue;
          const neutral = bits(size);
          for (const nd of denies) if (has(nd.actions, a) && conjunctionImplies(d.s.clauses, nd.s.clauses)) orInto(neutral, nd.resources);
          const left = Uint32Array.from(d.resources, (w, i) => w & ~(neutral[i] ?? 0));
          orInto(stillBlocked, left);
        }
        const uncovered = Uint32Array.from(covered, (w, i) => w & ~(stillBlocked[i] ?? 0));
        const r = firstOf(n.resources, deniedByNew, uncovered);
        if (r >= 0) {
          found = example(space, p, a, r, input.principals, input);
          break outer;
        }
      }
    }
    if (found !== undefined) reasons.push(reason('New access in the statement with ', n.s, found));
  }
  if (reasons.length === 0 && !space.complete) {
    return { result: 'FAIL', message: 'The policies are too complex to compare exactly; Keyward does not claim that no new access is granted.', reasons: [] };
  }
  return reasons.length === 0
    ? { result: 'PASS', message: 'The modified permissions grant no new access compared to your existing policy.', reasons }
    : { result: 'FAIL', message: 'The modified permissions grant new access compared to your existing policy.', reasons };
}

export interface AccessNotGrantedInput extends ExampleOptions {
  readonly policy: PolicyDocument;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: boolean;
}

export function checkAccessNotGranted(input: AccessNotGrantedInput): CheckResult {
  const space = accessSpace([input.policy], { principals: input.principals, extraActions: input.actions, extraResources: input.resources });
  const all = masks(space, space.statements(input.policy));
  const targetActions = input.actions.length === 0 ? fromPredicate(space.actions, () => true) : fromPredicate(space.actions, (a) => input.actions.some((t) => space.actionPattern(t)(a)));
  const targetResources = input.resources.length === 0 ? fromPredicate(space.resources, () => true) : fromPredicate(space.resources, (r) => input.resources.some((t) => space.resourcePattern(t)(r)));
  const reasons: CheckReason[] = [];
  const size = space.resources.length;
  for (const m of all.filter((x) => x.s.effect === 'Allow')) {
    let found: ExampleRequest | undefined;
    outer: for (const p of space.principals) {
      if (!m.s.matchesPrincipal(p)) continue;
      const denies = all.filter((d) => d.s.effect === 'Deny' && d.s.clauses.length === 0 && d.s.matchesPrincipal(p));
      for (let a = 0; a < space.actions.length; a++) {
        if (!has(m.actions, a) || !has(targetActions, a)) continue;
        const denied = bits(size);
        for (const d of denies) if (has(d.actions, a)) orInto(denied, d.resources);
        const wanted = Uint32Array.from(m.resources, (w, i) => w & (targetResources[i] ?? 0));
        const r = firstOf(wanted, denied);
        if (r >= 0) {
          found = example(space, p, a, r, input.principals, input);
          break outer;
        }
      }
    }
    if (found !== undefined) reasons.push(reason('One or more of the listed actions or resources in the statement with ', m.s, found));
  }
  return reasons.length === 0
    ? { result: 'PASS', message: 'The policy document does not grant access to perform the listed actions or resources.', reasons }
    : { result: 'FAIL', message: 'The policy document grants access to perform one or more of the listed actions or resources.', reasons };
}

// Condition keys that, compared with fixed values, tie a statement to known accounts, organizations,
// networks or sources, so that "*" as the principal does not mean the public (S3's and Access
// Analyzer's reading of a public policy).
const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalservicename',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:userid',
  'aws:username',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'kms:calleraccount',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
  'lambda:functionarn',
]);

const POSITIVE = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/;

function restricts(s: SpaceStatement): boolean {
  return s.clauses.some(
    (c) =>
      RESTRICTING_KEYS.has(c.key) &&
      POSITIVE.test(c.op.base) &&
      !c.op.ifExists &&
      c.op.qualifier !== 'ForAllValues' &&
      c.values.length > 0 &&
      c.values.every((v) => v !== '*' && !/^(0\.0\.0\.0|::)\/0$/.test(v) && !(c.op.base.endsWith('Like') && /^[*?]+$/.test(v.replace(/^arn:[^:]*:[^:]*:[^:]*:/, '')))),
  );
}

export interface NoPublicAccessInput extends ExampleOptions {
  readonly policy: PolicyDocument;
}

export function checkNoPublicAccess(input: NoPublicAccessInput): CheckResult {
  const space = accessSpace([input.policy], { principals: true });
  const all = masks(space, space.statements(input.policy));
  // A principal no statement names stands for the public.
  const anyone = space.principals[space.principals.length - 1];
  const reasons: CheckReason[] = [];
  if (anyone !== undefined) {
    const size = space.resources.length;
    const denies = all.filter((d) => d.s.effect === 'Deny' && d.s.clauses.length === 0 && d.s.matchesPrincipal(anyone));
    for (const m of all) {
      if (m.s.effect !== 'Allow' || !m.s.matchesPrincipal(anyone) || restricts(m.s)) continue;
      let found: ExampleRequest | undefined;
      for (let a = 0; a < space.actions.length && found === undefined; a++) {
        if (!has(m.actions, a)) continue;
        const denied = bits(size);
        for (const d of denies) if (has(d.actions, a)) orInto(denied, d.resources);
        const r = firstOf(m.resources, denied);
        if (r >= 0) found = example(space, anyone, a, r, true, input);
      }
      if (found !== undefined) reasons.push(reason('Public access granted in the following statement with ', m.s, found));
    }
  }
  return reasons.length === 0
    ? { result: 'PASS', message: 'The resource policy does not grant public access for the given resource type.', reasons }
    : { result: 'FAIL', message: 'The resource policy grants public access for the given resource type.', reasons };
}
