// Federation identity providers an account trusts: OpenID Connect (for web identity) and
// SAML 2.0. Both are found by ARN; storage keeps the documents exactly as sent.
import type { Tag } from './entities.js';

export interface OidcProvider {
  readonly accountId: string;
  /** `arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`. */
  readonly arn: string;
  /** The issuer without `https://`, as GetOpenIDConnectProvider returns it. */
  readonly url: string;
  /** Audiences, in the order added. */
  readonly clientIds: readonly string[];
  /** Hex SHA-1 thumbprints of the issuer's certificate, in the order given. */
  readonly thumbprints: readonly string[];
  readonly createDate: Date;
  readonly tags: readonly Tag[];
}

export type SamlAssertionEncryptionMode = 'Required' | 'Allowed';

export interface SamlProvider {
  readonly accountId: string;
  /** `arn:aws:iam::ACCOUNT:saml-provider/NAME`. */
  readonly arn: string;
  readonly name: string;
  /** GetSAMLProvider's SAMLProviderUUID. */
  readonly samlProviderUuid: string;
  /** The metadata XML exactly as sent. */
  readonly metadataDocument: string;
  readonly createDate: Date;
  readonly validUntil?: Date;
  readonly assertionEncryptionMode?: SamlAssertionEncryptionMode;
  readonly tags: readonly Tag[];
}
