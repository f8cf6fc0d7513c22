// Checks of Action / NotAction values: `service:Action` with `*` and `?` wildcards, or
// `*` alone. IAM names the fault precisely; trust policies take only the STS actions
// that start or shape a role session.

import type { ProblemArgs, ProblemCode } from './messages.js';

export interface ActionFault {
  readonly code: ProblemCode;
  readonly args?: ProblemArgs;
}

const VENDOR = /^[a-zA-Z0-9.-]+$/;

/** IAM's identity-policy rules, in the order IAM applies them to one value. */
export function vendorActionFault(action: string): ActionFault | undefined {
  const parts = action.split(':');
  if (parts.length === 1 && action !== '*') return { code: 'action-no-vendor' };
  if (parts.length > 2) return { code: 'action-colons' };
  const vendor = parts[0] ?? '';
  if (vendor !== '*' && !VENDOR.test(vendor)) return { code: 'action-vendor', args: { value: vendor } };
  return undefined;
}

/** Resource policies: `*`, or one vendor, one colon and a non-empty action pattern. */
export function patternActionFault(action: string): ActionFault | undefined {
  if (action === '*') return undefined;
  const parts = action.split(':');
  const [vendor, name] = parts;
  if (parts.length !== 2 || vendor === undefined || name === undefined) return { code: 'action-invalid' };
  if (!VENDOR.test(vendor) || name.length === 0) return { code: 'action-invalid' };
  return undefined;
}

/** The actions a role trust policy may grant. */
export const TRUST_POLICY_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

/** Case-insensitive match of an action pattern with `*` and `?` against a name. */
export function actionPatternMatches(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  // Iterative glob with one backtrack point: linear in practice, no regex built from input.
  let pi = 0;
  let ni = 0;
  let star = -1;
  let mark = 0;
  while (ni < n.length) {
    const c = p[pi];
    if (c === '?' || (c !== undefined && c !== '*' && c === n[ni])) {
      pi++;
      ni++;
    } else if (c === '*') {
      star = pi++;
      mark = ni;
    } else if (star >= 0) {
      pi = star + 1;
      ni = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** Trust policies: an `sts:` pattern that names at least one of the role-session actions. */
export function trustActionFault(action: string): ActionFault | undefined {
  if (!action.toLowerCase().startsWith('sts:')) return { code: 'action-not-sts' };
  return TRUST_POLICY_ACTIONS.some((name) => actionPatternMatches(action, name)) ? undefined : { code: 'action-not-sts' };
}
