// The policies that apply to one request, grouped by type, and their prepared
// form: every statement indexed by the service prefix of its actions, so a
// decision only looks at statements that could match the action.

import type { CompiledPolicy, CompiledStatement } from '../evaluate/compile-policy.js';
import { actionMatches } from './statement-matches.js';

export interface PolicySet {
  /** The principal's identity-based policies: inline, attached managed, and its groups' policies. */
  readonly identity: readonly CompiledPolicy[];
  /** The resource-based policies of the target (a bucket policy, a role's trust policy, ...). */
  readonly resource?: readonly CompiledPolicy[];
  /** The principal's permissions boundary. */
  readonly boundary?: CompiledPolicy;
  /** Session policies passed when the session was created (inline and managed, together). */
  readonly session?: readonly CompiledPolicy[];
  /** Service control policies, one array per level of the organization (root, OUs, account); each level must allow. */
  readonly scp?: readonly (readonly CompiledPolicy[])[];
  /** Resource control policies, one array per level, as for SCPs. */
  readonly rcp?: readonly (readonly CompiledPolicy[])[];
}

/** Slot of a statement's policy in a decision's bookkeeping. */
export const SLOT = { identity: 0, resource: 1, boundary: 2, session: 3, scp: 4, rcp: 5 } as const;
export type Slot = (typeof SLOT)[keyof typeof SLOT];

export interface IndexedStatement {
  readonly statement: CompiledStatement;
  readonly slot: Slot;
  /** Level in the organization for SCPs and RCPs; 0 otherwise. */
  readonly level: number;
}

/** The statements whose Action/NotAction match one action, as the request spelled it. */
export interface ActionCandidates {
  readonly lowerAction: string;
  readonly statements: readonly IndexedStatement[];
}

export interface PreparedPolicySet {
  readonly source: PolicySet;
  /** Statements confined to one service, plus every unconfined statement, by lower-cased service prefix. */
  readonly byService: ReadonlyMap<string, readonly IndexedStatement[]>;
  /** Statements that may match any service; used for services no statement names. */
  readonly anyService: readonly IndexedStatement[];
  readonly scpLevels: number;
  readonly rcpLevels: number;
  readonly hasResource: boolean;
  readonly hasBoundary: boolean;
  readonly hasSession: boolean;
  /** Bounded memo of candidatesFor(); a principal asks for few distinct actions. */
  readonly actionCache: Map<string, ActionCandidates>;
}

const ACTION_CACHE_LIMIT = 4096;

/** The statements whose actions match `action`, computed once per distinct action string. */
export function candidatesFor(set: PreparedPolicySet, action: string): ActionCandidates {
  const hit = set.actionCache.get(action);
  if (hit !== undefined) return hit;
  const lowerAction = action.toLowerCase();
  const colon = lowerAction.indexOf(':');
  const indexed = (colon > 0 && set.byService.get(lowerAction.slice(0, colon))) || set.anyService;
  const entry = { lowerAction, statements: indexed.filter((s) => actionMatches(s.statement, lowerAction)) };
  if (set.actionCache.size >= ACTION_CACHE_LIMIT) set.actionCache.clear();
  set.actionCache.set(action, entry);
  return entry;
}

const prepared = new WeakMap<PolicySet, PreparedPolicySet>();

/** Prepares a policy set once; the result is cached per PolicySet object. */
export function preparePolicySet(set: PolicySet): PreparedPolicySet {
  const cached = prepared.get(set);
  if (cached) return cached;
  const all: IndexedStatement[] = [];
  const add = (policies: readonly CompiledPolicy[], slot: Slot, level: number): void => {
    for (const policy of policies) for (const statement of policy.statements) all.push({ statement, slot, level });
  };
  add(set.identity, SLOT.identity, 0);
  if (set.resource) add(set.resource, SLOT.resource, 0);
  if (set.boundary) add([set.boundary], SLOT.boundary, 0);
  if (set.session) add(set.session, SLOT.session, 0);
  set.scp?.forEach((level, i) => add(level, SLOT.scp, i));
  set.rcp?.forEach((level, i) => add(level, SLOT.rcp, i));

  const anyService = all.filter((s) => s.statement.services === undefined);
  const services = new Set<string>();
  for (const s of all) for (const service of s.statement.services ?? []) services.add(service);
  const byService = new Map<string, IndexedStatement[]>();
  for (const service of services) {
    // Keep the original order so reports list statements as the policies do.
    byService.set(
      service,
      all.filter((s) => s.statement.services === undefined || s.statement.services.includes(service)),
    );
  }
  const result: PreparedPolicySet = {
    source: set,
    byService,
    anyService,
    scpLevels: set.scp?.length ?? 0,
    rcpLevels: set.rcp?.length ?? 0,
    hasResource: (set.resource?.length ?? 0) > 0,
    hasBoundary: set.boundary !== undefined,
    hasSession: (set.session?.length ?? 0) > 0,
    actionCache: new Map(),
  };
  prepared.set(set, result);
  return result;
}
