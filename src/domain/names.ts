// IAM name and path rules that the service model's length and pattern checks do not cover:
// case-insensitive uniqueness, path shape and prefix matching, account alias extras.
// Source: "IAM name requirements" in "IAM and AWS STS quotas" (IAM User Guide).
import { PATH_MAX_LENGTH } from './quotas.js';

/**
 * Entity kinds whose names are unique per account regardless of case: "you can't create
 * groups named both ADMINS and admins" (users, groups, roles, instance profiles). Managed
 * policies behave the same way ("A policy called mypolicy already exists"), also across paths.
 */
export const CASE_INSENSITIVE_NAME_KINDS = [
  'user',
  'group',
  'role',
  'instance-profile',
  'managed-policy',
] as const;

export type CaseInsensitiveNameKind = (typeof CASE_INSENSITIVE_NAME_KINDS)[number];

/**
 * The key under which a name must be unique. IAM names are ASCII (`[\w+=,.@-]+`), so only
 * A-Z fold; folding is locale-independent on purpose (no Turkish dotless i surprises).
 */
export function nameKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** True when two names would clash as users, groups, roles, instance profiles or policies. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

// The service model's pathType: "/" or "/" + printable ASCII (no space, no DEL) + "/".
const PATH = /^(?:\/|\/[\x21-\x7e]+\/)$/;

/** An IAM path: begins and ends with "/", printable ASCII, at most 512 characters. */
export function isValidPath(path: string): boolean {
  return path.length >= 1 && path.length <= PATH_MAX_LENGTH && PATH.test(path);
}

// The service model's policyPathType, stricter than pathType: segments of [A-Za-z0-9.,+@=_-].
const POLICY_PATH = /^(?:\/[A-Za-z0-9.,+@=_-]+)*\/$/;

/** A managed policy path (CreatePolicy), which the model restricts more than entity paths. */
export function isValidPolicyPath(path: string): boolean {
  return path.length <= PATH_MAX_LENGTH && POLICY_PATH.test(path);
}

/**
 * The List* `PathPrefix` filter: a case-sensitive string prefix of the entity's path, so
 * `/division_abc/` matches `/division_abc/subdivision_xyz/`. No prefix, or "/", matches all.
 */
export function matchesPathPrefix(path: string, prefix: string | undefined): boolean {
  return prefix === undefined || path.startsWith(prefix);
}

/**
 * An account alias: the model's pattern (lowercase DNS label, no leading, trailing or double
 * hyphen, 3-63 characters) plus the documented rule it omits: not a 12-digit number.
 */
export function isValidAccountAlias(alias: string): boolean {
  if (!/^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/.test(alias)) return false;
  return !/^\d{12}$/.test(alias);
}
