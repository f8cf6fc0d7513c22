// The catalogue's actions split into atoms: two actions are in the same atom when every
// Action / NotAction list of the policies being judged names both or neither. The engine
// decides every action of an atom alike for any principal those policies apply to (the same
// statements match them), so the least-privilege report asks it once per atom (or per group
// of atoms a principal's statements name alike) instead of once per action, and keeps its
// per-principal work to lists of atoms.

import { compileActionMatcher } from '../../policy/match/action-matcher.js';
import type { PolicyStatement } from '../../policy/document/types.js';
import type { ActionExpander, CatalogueAction } from './action-catalogue.js';

export interface Atom {
  readonly id: number;
  readonly members: readonly CatalogueAction[];
  /** Ids of the name sets (see ActionAtoms.setId) that contain it. */
  readonly sets: ReadonlySet<number>;
}

/** An Action or NotAction list as the catalogue expands it. */
export function statementNames(expander: ActionExpander, st: PolicyStatement): ReadonlySet<string> {
  return expander.nameSet(st.notAction ?? st.action ?? [], st.notAction !== undefined);
}

export class ActionAtoms {
  readonly atoms: readonly Atom[];
  private readonly ids = new Map<ReadonlySet<string>, number>();
  private readonly bySet: (readonly number[])[] = [];
  private readonly probes: ReadonlySet<string>[] = [];

  /** `statements`: every statement of every policy that will be judged (identity, boundary, SCP). */
  constructor(
    readonly expander: ActionExpander,
    statements: Iterable<PolicyStatement>,
  ) {
    const sets: ReadonlySet<string>[] = [];
    const serviceNames = [...expander.catalogue.services.keys()];
    for (const st of statements) {
      const set = statementNames(expander, st);
      if (this.ids.has(set)) continue;
      this.ids.set(set, sets.length);
      sets.push(set);
      // Which services' probe action (SERVICE:KeywardAdminProbe, named by no list one by one) the list names.
      const matcher = compileActionMatcher(st.notAction ?? st.action ?? []);
      const negated = st.notAction !== undefined;
      this.probes.push(new Set(serviceNames.filter((s) => matcher.matches(`${s}:keywardadminprobe`) !== negated)));
    }
    const signature = new Map<string, number[]>();
    sets.forEach((set, j) => {
      for (const name of set) (signature.get(name) ?? signature.set(name, []).get(name)!).push(j);
    });
    const atomOf = new Map<string, number>();
    const byKey = new Map<string, number>();
    const atoms: { members: CatalogueAction[]; sets: Set<number> }[] = [];
    for (const [name, js] of signature) {
      const key = js.join(',');
      let id = byKey.get(key);
      if (id === undefined) {
        byKey.set(key, (id = atoms.length));
        atoms.push({ members: [], sets: new Set(js) });
      }
      atomOf.set(name, id);
      atoms[id]!.members.push(expander.catalogue.byName.get(name)!);
    }
    this.atoms = atoms.map((a, id) => ({ id, members: a.members, sets: a.sets }));
    for (const set of sets) this.bySet.push([...new Set([...set].map((n) => atomOf.get(n)!))].sort((x, y) => x - y));
  }

  /** The id of a name set given to the constructor. */
  setId(set: ReadonlySet<string>): number {
    const id = this.ids.get(set);
    if (id === undefined) throw new Error('ActionAtoms: a statement the atoms were not built with');
    return id;
  }

  /** The atoms whose actions make up set `id`, ascending. */
  atomsOf(id: number): readonly number[] {
    return this.bySet[id]!;
  }

  /** The services whose probe action set `id` names. */
  probeServices(id: number): ReadonlySet<string> {
    return this.probes[id]!;
  }
}
