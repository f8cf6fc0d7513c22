// Matches a request's principal against a `Principal` / `NotPrincipal` block, following
// "AWS JSON policy elements: Principal": `*` is everyone (anonymous too), an account names
// every principal of that account, ARNs name one user, role, session or federated user.
// AWS allows no partial wildcards in principals, so only a bare `*` is a wildcard.

import type { RequestPrincipal } from '../context.js';
import type { PrincipalSpec } from '../document/types.js';
import { parseArn } from './arn.js';

export interface PrincipalMatcher {
  /** True when the principal is one the block names. `NotPrincipal` is the negation, taken by the caller. */
  matches(principal: RequestPrincipal): boolean;
}

const EVERYONE: PrincipalMatcher = { matches: () => true };
const ACCOUNT_ID = /^\d{12}$/;

export function compilePrincipalMatcher(spec: PrincipalSpec): PrincipalMatcher {
  // `"*"` and `{"AWS": "*"}` are documented as equivalent.
  if (spec.wildcard || spec.aws.includes('*')) return EVERYONE;
  const index: PrincipalIndex = {
    accounts: new Map(),
    arns: new Set(),
    roles: new Set(),
    services: new Set(spec.service.map((s) => s.toLowerCase())),
    federated: new Set(spec.federated),
    canonicalUsers: new Set(spec.canonicalUser),
  };
  for (const value of spec.aws) addAwsPrincipal(index, value);
  return new IndexedPrincipalMatcher(index);
}

interface PrincipalIndex {
  /** Account id -> ARN prefixes (`arn:aws:`) it is restricted to; an empty list allows any partition (the bare 12-digit form). */
  readonly accounts: Map<string, string[]>;
  /** User, assumed-role session and federated-user ARNs, compared with the request principal's ARN. */
  readonly arns: Set<string>;
  /** Role ARNs (with path), compared with the session's role ARN. */
  readonly roles: Set<string>;
  readonly services: Set<string>;
  readonly federated: Set<string>;
  readonly canonicalUsers: Set<string>;
}

/**
 * Sorts an `AWS` value into the index. Values that name nothing a request can carry (a unique
 * id left behind by a deleted user, a group, a malformed ARN) are dropped: they match no one.
 */
function addAwsPrincipal(index: PrincipalIndex, value: string): void {
  if (ACCOUNT_ID.test(value)) {
    const prefixes = index.accounts.get(value);
    if (prefixes === undefined) index.accounts.set(value, []);
    else prefixes.length = 0;
    return;
  }
  const arn = parseArn(value);
  if (arn === undefined || arn.region !== '' || !ACCOUNT_ID.test(arn.account)) return;
  const { service, resource } = arn;
  if (service === 'iam' && resource === 'root') {
    const prefixes = index.accounts.get(arn.account);
    const prefix = `arn:${arn.partition}:`;
    if (prefixes === undefined) index.accounts.set(arn.account, [prefix]);
    else if (prefixes.length > 0 && !prefixes.includes(prefix)) prefixes.push(prefix);
  } else if (service === 'iam' && resource.startsWith('user/')) {
    index.arns.add(value);
  } else if (service === 'iam' && resource.startsWith('role/')) {
    index.roles.add(value);
  } else if (service === 'sts' && (resource.startsWith('assumed-role/') || resource.startsWith('federated-user/'))) {
    index.arns.add(value);
  }
}

class IndexedPrincipalMatcher implements PrincipalMatcher {
  constructor(private readonly index: PrincipalIndex) {}

  matches(p: RequestPrincipal): boolean {
    const index = this.index;
    // S3's canonical user id is another name for an account.
    if (p.canonicalUser !== undefined && index.canonicalUsers.has(p.canonicalUser)) return true;
    switch (p.type) {
      case 'Root':
        return this.accountMatches(p);
      case 'User':
      case 'FederatedUser':
        return index.arns.has(p.arn) || this.accountMatches(p);
      case 'AssumedRole':
        return (
          index.arns.has(p.arn) || (p.roleArn !== undefined && index.roles.has(p.roleArn)) || this.accountMatches(p)
        );
      case 'Service':
        return p.service !== undefined && (index.services.has(p.service) || index.services.has(p.service.toLowerCase()));
      case 'WebIdentityUser':
      case 'SAMLUser':
        return p.federatedProvider !== undefined && index.federated.has(p.federatedProvider);
      case 'Anonymous':
        // Only `*` names anonymous callers, and that compiled to EVERYONE.
        return false;
    }
  }

  /** An account principal delegates to everything in the account, not only its root user. */
  private accountMatches(p: RequestPrincipal): boolean {
    if (p.account === '') return false;
    const prefixes = this.index.accounts.get(p.account);
    if (prefixes === undefined) return false;
    if (prefixes.length === 0) return true;
    for (let i = 0; i < prefixes.length; i++) if (p.arn.startsWith(prefixes[i]!)) return true;
    return false;
  }
}
