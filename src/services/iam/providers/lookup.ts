// Finding an identity provider for an action: inside a transaction (NoSuchEntity, worded
// per kind, when missing) and for the authorization check (its ARN and its tags). IAM
// resolves provider ARNs regardless of case, as it does entity names.

import type { OidcProvider, SamlProvider } from '../../../domain/providers.js';
import { parseIamArn } from '../../../domain/arn.js';
import type { ContextValue } from '../../../policy/context.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { AuthCheck, ServiceContext } from '../../operation.js';
import { invalidProviderArn, noSuchOidcProvider, noSuchSamlProvider } from './errors.js';
import { resourceTagKeys } from '../tag-keys.js';

export type ProviderKind = 'oidc-provider' | 'saml-provider';

/** InvalidInput unless `arn` is an ARN of the given kind of provider. */
export function assertProviderArn(arn: string, kind: ProviderKind): void {
  if (parseIamArn(arn)?.kind !== kind) throw invalidProviderArn(arn);
}

/** The exact ARN first; then (at most 100 providers of a kind per account) any case. */
function byArn<P extends { readonly arn: string }>(exact: P | undefined, all: () => Promise<readonly P[]>, arn: string): Promise<P | undefined> | P {
  if (exact !== undefined) return exact;
  const lower = arn.toLowerCase();
  return all().then((providers) => providers.find((p) => p.arn.toLowerCase() === lower));
}

export async function findOidcProvider(tx: StoreTx, accountId: string, arn: string): Promise<OidcProvider | undefined> {
  return byArn(await tx.oidcProviders.get(accountId, arn), () => tx.oidcProviders.list(accountId), arn);
}

export async function findSamlProvider(tx: StoreTx, accountId: string, arn: string): Promise<SamlProvider | undefined> {
  return byArn(await tx.samlProviders.get(accountId, arn), () => tx.samlProviders.list(accountId), arn);
}

export async function mustGetOidcProvider(tx: StoreTx, accountId: string, arn: string): Promise<OidcProvider> {
  assertProviderArn(arn, 'oidc-provider');
  const provider = await findOidcProvider(tx, accountId, arn);
  if (provider === undefined) throw noSuchOidcProvider(arn);
  return provider;
}

export async function mustGetSamlProvider(tx: StoreTx, accountId: string, arn: string): Promise<SamlProvider> {
  assertProviderArn(arn, 'saml-provider');
  const provider = await findSamlProvider(tx, accountId, arn);
  if (provider === undefined) throw noSuchSamlProvider(arn);
  return provider;
}

/** The check on an existing provider: the ARN as given (policies match it with case), with the provider's tags. */
export async function providerCheck(
  ctx: ServiceContext,
  kind: ProviderKind,
  arn: string,
  keys: Readonly<Record<string, ContextValue>> = {},
): Promise<AuthCheck> {
  const provider = await ctx.store.read(
    (tx): Promise<OidcProvider | SamlProvider | undefined> =>
      kind === 'oidc-provider' ? findOidcProvider(tx, ctx.accountId, arn) : findSamlProvider(tx, ctx.accountId, arn),
  );
  return { resource: arn, keys: { ...resourceTagKeys(provider?.tags), ...keys } };
}
