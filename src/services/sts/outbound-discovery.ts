// The two public documents of an account's outbound federation issuer, as AWS serves them under
// its issuer URL: `/.well-known/openid-configuration` and `/.well-known/jwks.json` (the public
// signing keys). Unauthenticated, like any OIDC issuer's; app.ts routes them here.

import type { Account } from '../../domain/entities.js';
import type { Store } from '../../storage/ports.js';
import { outboundFederationOf } from '../iam/organizations/outbound-federation.js';
import { AWS_CLAIMS_NAMESPACE } from './outbound-claims.js';
import { issuerIdOf, issuerUrl } from './outbound-issuer.js';
import { publicJwks, SIGNING_ALGORITHMS, signingKeysOf } from './outbound-keys.js';

export type DiscoveryDocument = 'openid-configuration' | 'jwks';

export interface DiscoveryAnswer {
  readonly status: 200 | 404;
  readonly body: object;
}

const NOT_FOUND: DiscoveryAnswer = { status: 404, body: { message: 'Not Found' } };

async function accountWithIssuer(store: Store, id: string): Promise<Account | undefined> {
  return store.read(async (tx) => {
    for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
      const page = await tx.accounts.list(after === undefined ? { limit: 100 } : { after, limit: 100 });
      for (const account of page.items) {
        const federation = outboundFederationOf(account);
        if (federation !== undefined && issuerIdOf(federation.issuerIdentifier) === id) return account;
      }
      after = page.nextAfter;
    }
    return undefined;
  });
}

/**
 * The document for issuer `id` as reached at `origin`. Served once the account has enabled outbound
 * federation, and still while it is disabled, so that tokens already issued stay verifiable until they expire.
 */
export async function outboundDiscovery(store: Store, id: string, origin: string | undefined, document: DiscoveryDocument): Promise<DiscoveryAnswer> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return NOT_FOUND;
  const account = await accountWithIssuer(store, id);
  const federation = account === undefined ? undefined : outboundFederationOf(account);
  if (account === undefined || federation === undefined) return NOT_FOUND;
  if (document === 'jwks') return { status: 200, body: publicJwks(signingKeysOf(account)) };
  const issuer = origin === undefined ? federation.issuerIdentifier : issuerUrl(origin, id);
  return {
    status: 200,
    body: {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [...SIGNING_ALGORITHMS],
      claims_supported: ['aud', 'exp', 'iat', 'iss', 'jti', 'sub', AWS_CLAIMS_NAMESPACE],
    },
  };
}
