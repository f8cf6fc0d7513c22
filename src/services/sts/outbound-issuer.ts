// Where this server publishes an account's outbound web identity federation issuer:
// `<scheme>://<host>/outbound-federation/<id>`, the scheme and host being those the request was
// sent to, so that an external verifier can fetch the discovery document and JWKS from the issuer.

import type { ServiceContext } from '../operation.js';

export const OUTBOUND_FEDERATION_PATH = '/outbound-federation';

/**
 * The origin of the request a ServiceContext serves. ServiceContext has no member for it yet, so
 * the server binds it here for the lifetime of the context (handle-request.ts).
 */
const origins = new WeakMap<ServiceContext, string>();

export function bindRequestOrigin(ctx: ServiceContext, origin: string | undefined): void {
  if (origin !== undefined) origins.set(ctx, origin);
}

export function requestOrigin(ctx: ServiceContext): string | undefined {
  return origins.get(ctx);
}

/** `http(s)://host[:port]` from the Host header, or undefined when the header is absent or not a host. */
export function originOf(secure: boolean, host: string | undefined): string | undefined {
  if (host === undefined || !/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return undefined;
  return `${secure ? 'https' : 'http'}://${host.toLowerCase()}`;
}

const STORED_ISSUER = /^https:\/\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.tokens\.sts\.global\.api\.aws$/;

/** The account's issuer id: the UUID of the AWS-shaped identifier kept in the account settings. */
export function issuerIdOf(storedIdentifier: string): string | undefined {
  return STORED_ISSUER.exec(storedIdentifier)?.[1];
}

export function issuerUrl(origin: string, id: string): string {
  return `${origin}${OUTBOUND_FEDERATION_PATH}/${id}`;
}

/** The issuer as this server serves it; the stored AWS-shaped identifier when the request origin is unknown. */
export function servedIssuer(ctx: ServiceContext, storedIdentifier: string): string {
  const origin = requestOrigin(ctx);
  const id = issuerIdOf(storedIdentifier);
  return origin === undefined || id === undefined ? storedIdentifier : issuerUrl(origin, id);
}
