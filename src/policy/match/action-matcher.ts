// Matches a request's action against a statement's `Action` / `NotAction` list.
// Service prefix and action name are case-insensitive, so patterns are lower-cased
// once here and the caller passes the action already lower-cased.

import { classify, wholeMatcher } from './glob.js';
import type { StringMatcher } from './wildcard.js';

export interface ActionMatcher {
  /** `lowerAction` is `service:action` in lower case, for example `iam:getuser`. */
  matches(lowerAction: string): boolean;
}

const ALWAYS: ActionMatcher = { matches: () => true };

/**
 * Indexes the patterns by shape: exact names go to a Set, `prefix*` patterns (`iam:*`,
 * `iam:get*`) to a list of prefixes, and only the rest (`s3:?etObject`, `*:Get*`) run a glob.
 */
export function compileActionMatcher(patterns: readonly string[]): ActionMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const others: StringMatcher[] = [];
  for (const pattern of patterns) {
    const shape = classify(pattern.toLowerCase(), undefined);
    switch (shape.kind) {
      case 'any':
        return ALWAYS;
      case 'exact':
        exact.add(shape.text);
        break;
      case 'prefix':
        prefixes.push(shape.text);
        break;
      default:
        others.push(wholeMatcher(shape));
    }
  }
  return new IndexedActionMatcher(exact, dedupePrefixes(prefixes), others);
}

class IndexedActionMatcher implements ActionMatcher {
  constructor(
    private readonly exact: ReadonlySet<string>,
    private readonly prefixes: readonly string[],
    private readonly others: readonly StringMatcher[],
  ) {}

  matches(lowerAction: string): boolean {
    if (this.exact.has(lowerAction)) return true;
    const prefixes = this.prefixes;
    for (let i = 0; i < prefixes.length; i++) if (lowerAction.startsWith(prefixes[i]!)) return true;
    const others = this.others;
    for (let i = 0; i < others.length; i++) if (others[i]!(lowerAction)) return true;
    return false;
  }
}

/** Drops prefixes covered by a shorter one (`iam:get` is redundant beside `iam:`). */
function dedupePrefixes(prefixes: readonly string[]): string[] {
  const sorted = [...new Set(prefixes)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}
