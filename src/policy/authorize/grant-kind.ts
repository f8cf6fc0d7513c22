// How a resource-based policy statement named the caller: AWS treats a grant to
// the caller's own ARN differently from a grant to its role or its account.

import type { RequestPrincipal } from '../context.js';
import type { CompiledStatement } from '../evaluate/compile-policy.js';

/**
 * - `direct`: the caller itself (user ARN, role-session ARN, federated-user ARN, service, `*`):
 *   not limited by an implicit deny in identity policies, the boundary or session policies.
 * - `role`: the role ARN of a role session: grants without an identity policy, but the
 *   boundary and session policies still limit it.
 * - `account`: the account (`123456789012` or `:root`): only trusts the account's own
 *   IAM policies; in the same account it grants nothing by itself.
 */
export type GrantKind = 'direct' | 'role' | 'account';

export function grantKind(statement: CompiledStatement, principal: RequestPrincipal): GrantKind {
  const spec = statement.source.principal;
  if (spec === undefined) return 'direct'; // NotPrincipal: everyone but the named principals
  if (spec.wildcard) return 'direct';
  let kind: GrantKind | undefined;
  for (const entry of spec.aws) {
    if (entry === '*' || entry === principal.arn) return 'direct';
    if (principal.roleArn !== undefined && entry === principal.roleArn) kind = 'role';
    else if (kind === undefined && isAccountPrincipal(entry, principal.account)) kind = 'account';
  }
  if (kind !== undefined) return kind;
  // Service, Federated and CanonicalUser principals name the caller itself.
  return 'direct';
}

function isAccountPrincipal(entry: string, account: string): boolean {
  return account !== '' && (entry === account || entry === `arn:aws:iam::${account}:root`);
}
