// What a subject may do on any resource, decided by the engine: the catalogue actions its
// identity statements could allow with `Resource: "*"` (or a NotResource), each confirmed
// with every policy that applies (boundary, SCPs, denies, conditions). Also remembers which
// statements name each action, for the report.

import { allows } from '../engine/decide.js';
import type { Subject } from '../engine/subject.js';
import type { PolicyStatement } from '../../policy/document/types.js';
import type { PolicyRef } from '../model/model.js';
import type { StatementRef } from '../report/finding.js';
import type { ActionExpander, CatalogueAction } from './action-catalogue.js';

/** An action that no policy names one by one: only `SERVICE:*`, `*` or a NotAction allows it. */
export const probeAction = (service: string): string => `${service}:KeywardAdminProbe`;

export interface Grants {
  /** Allowed catalogue actions, in the catalogue's order per service. */
  readonly allowed: readonly CatalogueAction[];
  /** Services whose every action the subject may do (the engine allows an action none names). */
  readonly wildcardServices: readonly string[];
  /** The statements naming any of `actions`, for the report. */
  statementsFor(actions: readonly string[]): StatementRef[];
  /** The statements naming some action of any of `services` (lower-case prefixes). */
  statementsForServices(services: readonly string[]): StatementRef[];
}

function coversAnyResource(st: PolicyStatement): boolean {
  return st.notResource !== undefined || (st.resource ?? []).includes('*');
}

interface Source {
  readonly ref: PolicyRef;
  readonly st: PolicyStatement;
  readonly actions: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
}

const statementJsonCache = new WeakMap<PolicyRef, readonly unknown[]>();

/** Statement `index` of a policy as the input wrote it. */
export function statementJson(ref: PolicyRef, index: number): unknown {
  let list = statementJsonCache.get(ref);
  if (list === undefined) {
    let parsed: unknown;
    try {
      parsed = (JSON.parse(ref.document.text) as { Statement?: unknown }).Statement;
    } catch {
      parsed = undefined;
    }
    list = Array.isArray(parsed) ? parsed : parsed === undefined ? [] : [parsed];
    statementJsonCache.set(ref, list);
  }
  return list[index];
}

export function grantsOf(subject: Subject, expander: ActionExpander, scps: readonly PolicyRef[]): Grants {
  const candidateSets: ReadonlySet<string>[] = [];
  const sources: Source[] = [];
  const wildcardCandidates = new Set<string>();
  for (const ref of subject.identity) {
    for (const st of ref.document.statements) {
      if (st.effect !== 'Allow' || !coversAnyResource(st)) continue;
      const negated = st.notAction !== undefined;
      const patterns = st.notAction ?? st.action ?? [];
      candidateSets.push(expander.nameSet(patterns, negated));
      sources.push({ ref, st, actions: expander.nameSet(patterns, negated), services: expander.services(patterns, negated) });
      if (negated) for (const s of expander.catalogue.services.keys()) wildcardCandidates.add(s);
      else for (const p of st.action ?? []) if (p === '*' || p.endsWith(':*')) wildcardCandidates.add(p === '*' ? '*' : p.slice(0, -2).toLowerCase());
    }
  }
  if (wildcardCandidates.has('*')) {
    wildcardCandidates.delete('*');
    for (const s of expander.catalogue.services.keys()) wildcardCandidates.add(s);
  }
  // Two actions named by the same statements (of every policy that takes part) get the same
  // decision: the engine is asked once per such group.
  const sets = [...subject.identity, ...(subject.boundary === undefined ? [] : [subject.boundary]), ...scps]
    .flatMap((r) => r.document.statements)
    .map((st) => expander.nameSet(st.notAction ?? st.action ?? [], st.notAction !== undefined));
  const allowed = expander.groups(candidateSets, sets).flatMap((g) => (allows(subject, g.representative.action, '*', scps) ? g.members : []));
  const wildcardServices = [...wildcardCandidates].filter((s) => allows(subject, probeAction(s), '*', scps)).sort();
  const ref = (s: Source): StatementRef => ({ policy: s.ref.id, statement: s.st.sid ?? String(s.st.index), json: statementJson(s.ref, s.st.index) });
  return {
    allowed,
    wildcardServices,
    statementsFor(actions) {
      const wanted = actions.map((a) => a.toLowerCase());
      return sources.filter((s) => wanted.some((a) => s.actions.has(a))).map(ref);
    },
    statementsForServices(services) {
      return sources.filter((s) => services.some((x) => s.services.has(x))).map(ref);
    },
  };
}
