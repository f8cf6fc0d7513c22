// Repositories for federation providers and server certificates: account-level entities
// that are not principals. AWS lists providers unpaginated (at most 100 of each kind).
import type { OidcProvider, SamlProvider } from '../domain/providers.js';
import type { ServerCertificate } from '../domain/server-certificates.js';
import type { NamedEntityRepository } from './repositories.js';

/** OIDC providers by exact ARN. */
export interface OidcProviderRepository {
  get(accountId: string, arn: string): Promise<OidcProvider | undefined>;
  /** Throws EntityAlreadyExistsError('oidc-provider'). */
  insert(provider: OidcProvider): Promise<void>;
  /** Rewrites client ids, thumbprints and tags. */
  update(provider: OidcProvider): Promise<boolean>;
  delete(accountId: string, arn: string): Promise<boolean>;
  /** By ARN. */
  list(accountId: string): Promise<readonly OidcProvider[]>;
  count(accountId: string): Promise<number>;
}

/** SAML providers by exact ARN (the name is its last part). */
export interface SamlProviderRepository {
  get(accountId: string, arn: string): Promise<SamlProvider | undefined>;
  /** Throws EntityAlreadyExistsError('saml-provider'). */
  insert(provider: SamlProvider): Promise<void>;
  /** Rewrites the metadata document, validUntil, assertion encryption mode and tags. */
  update(provider: SamlProvider): Promise<boolean>;
  delete(accountId: string, arn: string): Promise<boolean>;
  /** By ARN. */
  list(accountId: string): Promise<readonly SamlProvider[]>;
  count(accountId: string): Promise<number>;
}

/**
 * Server certificates: names unique per account regardless of case, like users. update()
 * finds the row by id and rewrites name, path, arn and tags (UpdateServerCertificate).
 */
export type ServerCertificateRepository = NamedEntityRepository<ServerCertificate>;
