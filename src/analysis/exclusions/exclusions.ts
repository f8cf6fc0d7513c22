// The exclusions file: principals, policies and actions (by glob, `*` and `?`, case-
// insensitive) the report leaves out, and accounts known to be trusted. Validated with the
// file and JSON path of each problem. Exclusions change what is reported, never what is
// decided: an excluded policy still grants what it grants.

import type { InputProblem } from '../input/details-types.js';

export interface ExclusionsInput {
  readonly Principals?: readonly string[];
  readonly Policies?: readonly string[];
  readonly Actions?: readonly string[];
  readonly KnownAccounts?: readonly string[];
}

export interface Exclusions {
  /** A user or role, by ARN or name: no findings, and no paths from it. */
  principal(arn: string): boolean;
  /** A policy, by ARN, inline id (`user/NAME/POLICY`) or name: no per-policy findings. */
  policy(id: string): boolean;
  /** An action (`service:Action`): left out of least-privilege findings. */
  action(action: string): boolean;
  /** Accounts not reported as "other accounts" in trust and resource policies. */
  readonly knownAccounts: readonly string[];
}

export const NO_EXCLUSIONS: Exclusions = { principal: () => false, policy: () => false, action: () => false, knownAccounts: [] };

const KEYS = ['Principals', 'Policies', 'Actions', 'KnownAccounts'] as const;

function globMatcher(patterns: readonly string[]): (text: string) => boolean {
  if (patterns.length === 0) return () => false;
  const source = patterns.map((p) => p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')).join('|');
  const re = new RegExp(`^(?:${source})$`, 'i');
  return (text) => re.test(text);
}

/** The last path segment: a principal's or policy's name. */
function nameOf(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

export function makeExclusions(input: ExclusionsInput): Exclusions {
  const principals = globMatcher(input.Principals ?? []);
  const policies = globMatcher(input.Policies ?? []);
  const actions = globMatcher(input.Actions ?? []);
  return {
    principal: (arn) => principals(arn) || principals(nameOf(arn)),
    policy: (id) => policies(id) || policies(nameOf(id)),
    action: (a) => actions(a),
    knownAccounts: input.KnownAccounts ?? [],
  };
}

export type ReadExclusionsResult = { readonly ok: true; readonly exclusions: Exclusions } | { readonly ok: false; readonly problems: readonly InputProblem[] };

export function readExclusions(source: string, json: unknown): ReadExclusionsResult {
  const problems: InputProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ source, path, message });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, problems: [{ source, path: '$', message: `expected an object with ${KEYS.join(', ')}` }] };
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!(KEYS as readonly string[]).includes(key)) fail(`$.${key}`, `unknown key (expected ${KEYS.join(', ')})`);
  const input: Record<string, string[]> = {};
  for (const key of KEYS) {
    const value = o[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      fail(`$.${key}`, 'expected an array of strings');
      continue;
    }
    input[key] = [];
    value.forEach((v, i) => {
      const path = `$.${key}[${i}]`;
      if (typeof v !== 'string' || v === '') return fail(path, 'expected a non-empty string');
      if (key === 'KnownAccounts' && !/^\d{12}$/.test(v)) return fail(path, `expected a 12-digit account id, found ${JSON.stringify(v)}`);
      if (key === 'Actions' && v !== '*' && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(v)) return fail(path, `expected SERVICE:ACTION (wildcards allowed), found ${JSON.stringify(v)}`);
      input[key]!.push(v);
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, exclusions: makeExclusions(input) };
}
