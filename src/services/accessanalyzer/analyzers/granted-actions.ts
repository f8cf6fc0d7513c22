// Whether a principal is really granted an action, decided by the engine with every policy that
// applies to it (inline, attached, its groups', the permissions boundary): an Allow statement
// naming the action is not enough when a Deny, the boundary or a condition that cannot hold
// (on who the principal is, or the time) takes it away. "Granted" means some request could be
// allowed: the action on some resource of one of its resource types in the principal's account
// (or on `*` for actions without resource types), open request conditions taken as met.
//
// The resources tried are exact, not sampled: the witnesses of the signatures (see
// glob-signatures.ts) of every resource pattern the principal's statements for the action name,
// together with the action's ARN formats. Two resources with the same signature get the same
// decision, so the action is granted if and only if one witness is allowed. The common case
// (nothing narrows the Allow) is answered first from a resource each Allow pattern names.

import { allows } from '../../../analysis/engine/decide.js';
import type { Subject } from '../../../analysis/engine/subject.js';
import type { CatalogueAction } from '../../../analysis/index.js';
import type { PolicyRef } from '../../../analysis/model/model.js';
import type { PolicyStatement } from '../../../policy/document/types.js';
import { compileActionMatcher, type ActionMatcher } from '../../../policy/match/action-matcher.js';
import { compileWildcard, type StringMatcher } from '../../../policy/match/wildcard.js';
import { signatures, type SignatureSpace } from '../../../policy/reasoning/glob-signatures.js';

const matchers = new WeakMap<PolicyStatement, ActionMatcher>();

function namesAction(st: PolicyStatement, lowerAction: string): boolean {
  let m = matchers.get(st);
  if (m === undefined) matchers.set(st, (m = compileActionMatcher(st.notAction ?? st.action ?? [])));
  return m.matches(lowerAction) !== (st.notAction !== undefined);
}

/** An ARN format as a glob over the principal's own account (an identity policy grants nothing in another by itself). */
export function formatGlob(format: string, partition: string, account: string): string {
  return format.replace(/\$\{([^}]+)\}/g, (_, name: string) => (name === 'Partition' ? partition : name === 'Account' ? account : '*'));
}

/** Policy variables the subject fixes are replaced by its values; any other stands for any text. */
function substitute(pattern: string, subject: Subject): string {
  if (!pattern.includes('${')) return pattern;
  const lowerKeys = new Map(Object.entries(subject.keys).map(([k, v]) => [k.toLowerCase(), v]));
  return pattern.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const value = lowerKeys.get(name.toLowerCase());
    return typeof value === 'string' ? value : '*';
  });
}

/** A resource a pattern names: each wildcard read as one plain character. */
const concrete = (pattern: string): string => pattern.replace(/[*?]/g, 'x');

// Signature walks are exact but not free: principals share pattern lists, so share the walks.
const spaces = new Map<string, SignatureSpace>();
const globMatchers = new Map<string, StringMatcher>();

function spaceOf(patterns: readonly string[]): SignatureSpace {
  const key = patterns.join('\n');
  let space = spaces.get(key);
  if (space === undefined) {
    if (spaces.size > 10_000) spaces.clear();
    // Bounded: a walk cut short answers "granted" (see below), as the Allow statements say.
    spaces.set(key, (space = signatures(patterns, { ignoreCase: false, maxStates: 5_000 })));
  }
  return space;
}

function globMatcher(glob: string): StringMatcher {
  let m = globMatchers.get(glob);
  if (m === undefined) {
    if (globMatchers.size > 10_000) globMatchers.clear();
    globMatchers.set(glob, (m = compileWildcard(glob, { ignoreCase: false })));
  }
  return m;
}

/** Whether some request for `action` by `subject` is allowed; `policies` are its identity policies and boundary. */
export function isGranted(subject: Subject, action: CatalogueAction, policies: readonly PolicyRef[]): boolean {
  const formats = action.resourceFormats ?? [];
  if (formats.length === 0) return allows(subject, action.action, '*');
  const partition = /^arn:([^:]+):/.exec(subject.principal.arn)?.[1] ?? 'aws';
  const globs = formats.map((f) => formatGlob(f, partition, subject.principal.account));
  const lower = action.action.toLowerCase();
  const patterns = [...globs];
  const quick = new Set(globs.map(concrete));
  for (const ref of policies) {
    for (const st of ref.document.statements) {
      if (!namesAction(st, lower)) continue;
      for (const r of st.resource ?? st.notResource ?? []) {
        const p = substitute(r, subject);
        patterns.push(p);
        if (st.effect === 'Allow' && st.resource !== undefined) quick.add(concrete(p));
      }
    }
  }
  const fits = (arn: string): boolean => globs.some((g) => globMatcher(g)(arn));
  for (const arn of quick) if (fits(arn) && allows(subject, action.action, arn)) return true;
  const space = spaceOf(patterns);
  for (const sig of space.signatures) {
    if (!globs.some((_, i) => sig.matched[i] === true)) continue;
    if (allows(subject, action.action, sig.witness)) return true;
  }
  // A walk cut short may have missed the one allowed signature: say granted, as before.
  return !space.complete;
}
