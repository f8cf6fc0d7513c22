// The Url of an OpenID Connect provider: https only, a host and an optional path, no
// query or fragment (IAM API reference, CreateOpenIDConnectProvider). IAM keeps and
// returns it without the scheme, and names the provider by that text. AWS says the Url
// "should not contain a port number"; Keyward accepts one so that an issuer running on a
// private port (a local identity provider) can be registered.

import { invalidOidcUrl, oidcUrlNotHttps, oidcUrlWithoutScheme } from './errors.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
// A host name or IPv4 address, an optional port, then any path (RFC 3986 path characters).
const HOST_AND_PATH = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::(\d{1,5}))?(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?$/;

/** The provider's Url without `https://`, as stored and returned; throws AWS's error otherwise. */
export function oidcProviderUrl(url: string): string {
  const scheme = SCHEME.exec(url);
  if (scheme === null) throw oidcUrlWithoutScheme();
  if (scheme[1]!.toLowerCase() !== 'https') throw oidcUrlNotHttps();
  const rest = url.slice(scheme[0].length);
  const parts = HOST_AND_PATH.exec(rest);
  if (parts === null) throw invalidOidcUrl();
  const port = parts[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) throw invalidOidcUrl();
  return rest;
}

/** The issuer (`iss`) that tokens of a provider carry. */
export function oidcIssuer(storedUrl: string): string {
  return `https://${storedUrl}`;
}
