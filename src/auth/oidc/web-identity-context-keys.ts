// The condition keys an AssumeRoleWithWebIdentity request carries into the role's trust policy
// (and the session): `<provider url>:sub`, `:aud`, `:amr`, Google's `:oaud`, and
// aws:FederatedProvider, as the IAM User Guide lists them for web identity federation.
import type { ContextValue } from '../../policy/context.js';
import type { VerifiedWebIdentity } from './verify-web-identity-token.js';
import { providerUrlForIssuer } from './issuer.js';

export interface WebIdentityProvider {
  /** The provider URL as IAM stores it; the key prefix (`token.actions.githubusercontent.com`). */
  readonly url: string;
  /** The IAM OIDC provider's ARN: the value of aws:FederatedProvider. Absent for a built-in provider, whose URL is used. */
  readonly arn?: string;
}

const GOOGLE = 'accounts.google.com';

/**
 * Context keys named as AWS spells them (the policy engine matches names case-insensitively).
 * For Google, AWS documents `:aud` as the `azp` claim when the token has one, with the `aud`
 * claim in `:oaud`; other providers' `:aud` is the client id that matched.
 */
export function webIdentityContextKeys(
  identity: Pick<VerifiedWebIdentity, 'claims' | 'subject' | 'audience'>,
  provider: WebIdentityProvider,
): Record<string, ContextValue> {
  const prefix = providerUrlForIssuer(provider.url);
  const keys: Record<string, ContextValue> = {
    [`${prefix}:sub`]: identity.subject,
    'aws:FederatedProvider': provider.arn ?? prefix,
  };
  const { azp, amr } = identity.claims;
  if (prefix === GOOGLE) {
    keys[`${prefix}:aud`] = typeof azp === 'string' && azp.length > 0 ? azp : identity.audience;
    keys[`${prefix}:oaud`] = identity.audience;
  } else {
    keys[`${prefix}:aud`] = identity.audience;
  }
  // amr is multivalued: trust policies test it with ForAnyValue / ForAllValues.
  if (typeof amr === 'string') keys[`${prefix}:amr`] = [amr];
  else if (Array.isArray(amr) && amr.every((value) => typeof value === 'string')) keys[`${prefix}:amr`] = [...amr];
  return keys;
}
