// What a subject may do on any resource, decided by the engine: the catalogue actions its
// identity statements could allow with `Resource: "*"` (or a NotResource), each confirmed
// with every policy that applies (boundary, SCPs, denies, conditions). Also remembers which
// statements name each action, for the report.

import { allows } from '../engine/decide.js';
import { rcpServiceStatements, type OrgPolicies } from '../engine/organization.js';
import type { Subject } from '../engine/subject.js';
import type { PolicyStatement } from '../../policy/document/types.js';
import type { PolicyRef } from '../model/model.js';
import type { StatementRef } from '../report/finding.js';
import { statementNames, type ActionAtoms } from './action-atoms.js';

/** An action that no policy names one by one: only `SERVICE:*`, `*` or a NotAction allows it. */
export const probeAction = (service: string): string => `${service}:KeywardAdminProbe`;

export interface Grants {
  /** The atoms (see action-atoms.ts) of the catalogue actions allowed, ascending. */
  readonly allowedAtoms: readonly number[];
  /** Services whose every action the subject may do (the engine allows an action none names). */
  readonly wildcardServices: readonly string[];
  /** The statements naming an action of any of `atoms`, for the report. */
  statementsForAtoms(atoms: ReadonlySet<number>): StatementRef[];
  /** The statements naming some action of any of `services` (lower-case prefixes). */
  statementsForServices(services: readonly string[]): StatementRef[];
}

function coversAnyResource(st: PolicyStatement): boolean {
  return st.notResource !== undefined || (st.resource ?? []).includes('*');
}

interface Source {
  readonly ref: PolicyRef;
  readonly st: PolicyStatement;
  readonly atoms: readonly number[];
  readonly services: ReadonlySet<string>;
}

/** How a subject's statements split the actions and probe services they may allow: the engine is asked once per group. */
interface Split {
  readonly atomGroups: readonly (readonly number[])[];
  readonly serviceGroups: readonly (readonly string[])[];
}

const splits = new WeakMap<ActionAtoms, Map<string, Split>>();

function splitOf(atoms: ActionAtoms, candidateSets: readonly number[], allSets: readonly number[], wildcardCandidates: readonly string[]): Split {
  let cache = splits.get(atoms);
  if (cache === undefined) splits.set(atoms, (cache = new Map()));
  const key = `${candidateSets.join(',')}|${allSets.join(',')}|${wildcardCandidates.join(',')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const candidates = new Set<number>();
  for (const id of candidateSets) for (const a of atoms.atomsOf(id)) candidates.add(a);
  const atomGroups = new Map<string, number[]>();
  for (const a of [...candidates].sort((x, y) => x - y)) {
    const sets = atoms.atoms[a]!.sets;
    const signature = allSets.filter((j) => sets.has(j)).join(',');
    (atomGroups.get(signature) ?? atomGroups.set(signature, []).get(signature)!).push(a);
  }
  const serviceGroups = new Map<string, string[]>();
  for (const service of wildcardCandidates) {
    const signature = allSets.filter((j) => atoms.probeServices(j).has(service)).join(',');
    (serviceGroups.get(signature) ?? serviceGroups.set(signature, []).get(signature)!).push(service);
  }
  const split = { atomGroups: [...atomGroups.values()], serviceGroups: [...serviceGroups.values()] };
  cache.set(key, split);
  return split;
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

const ascending = (x: number, y: number): number => x - y;

/**
 * What `subject` may do on any resource. Two actions its statements (identity, boundary,
 * SCPs, RCPs) name alike get the same decision, so the engine is asked once per group of atoms,
 * and once per group of services for the service wildcards.
 */
export function grantsOf(subject: Subject, atoms: ActionAtoms, org: OrgPolicies): Grants {
  const expander = atoms.expander;
  const candidateSets = new Set<number>();
  const sources: Source[] = [];
  const wildcardCandidates = new Set<string>();
  for (const ref of subject.identity) {
    for (const st of ref.document.statements) {
      if (st.effect !== 'Allow' || !coversAnyResource(st)) continue;
      const negated = st.notAction !== undefined;
      const patterns = st.notAction ?? st.action ?? [];
      const id = atoms.setId(statementNames(expander, st));
      candidateSets.add(id);
      sources.push({ ref, st, atoms: atoms.atomsOf(id), services: expander.services(patterns, negated) });
      if (negated) for (const s of expander.catalogue.services.keys()) wildcardCandidates.add(s);
      else for (const p of st.action ?? []) if (p === '*' || p.endsWith(':*')) wildcardCandidates.add(p === '*' ? '*' : p.slice(0, -2).toLowerCase());
    }
  }
  if (wildcardCandidates.has('*')) {
    wildcardCandidates.delete('*');
    for (const s of expander.catalogue.services.keys()) wildcardCandidates.add(s);
  }
  const allSets = new Set<number>();
  for (const r of [...subject.identity, ...(subject.boundary === undefined ? [] : [subject.boundary]), ...org.scps, ...org.rcps]) {
    for (const st of r.document.statements) allSets.add(atoms.setId(statementNames(expander, st)));
  }
  for (const st of rcpServiceStatements(org)) allSets.add(atoms.setId(statementNames(expander, st)));
  const split = splitOf(atoms, [...candidateSets].sort(ascending), [...allSets].sort(ascending), [...wildcardCandidates].sort());
  const allowedAtoms = split.atomGroups.filter((g) => allows(subject, atoms.atoms[g[0]!]!.members[0]!.action, '*', org)).flat().sort(ascending);
  const wildcardServices = split.serviceGroups.filter((g) => allows(subject, probeAction(g[0]!), '*', org)).flat().sort();
  const ref = (s: Source): StatementRef => ({ policy: s.ref.id, statement: s.st.sid ?? String(s.st.index), json: statementJson(s.ref, s.st.index) });
  return {
    allowedAtoms,
    wildcardServices,
    statementsForAtoms(wanted) {
      return sources.filter((s) => s.atoms.some((a) => wanted.has(a))).map(ref);
    },
    statementsForServices(services) {
      return sources.filter((s) => services.some((x) => s.services.has(x))).map(ref);
    },
  };
}
