// Finds an issuer's signing keys the OIDC way (`/.well-known/openid-configuration`, then its
// `jwks_uri`) and caches them per issuer, so a burst of AssumeRoleWithWebIdentity calls costs
// the identity provider one round trip per cache period.
import type { JSONWebKeySet } from 'jose';
import { fetchJson, JwksFetchError } from './fetch-json.js';

export interface FetchJwksOptions {
  /** The provider's thumbprints, for an issuer whose certificate is not publicly trusted. */
  readonly thumbprints: readonly string[];
  /** Bypass the cache (the token names a key the cached set lacks: the issuer rotated keys). */
  readonly refresh?: boolean;
}

/** Fetches the key set for an issuer (`https://host/path`); rejects with a JwksFetchError. */
export type FetchJwks = (issuer: string, options: FetchJwksOptions) => Promise<JSONWebKeySet>;

export interface JwksFetcherOptions {
  /** Per request (discovery, then JWKS). Default 5 s. */
  readonly timeoutMs?: number;
  /** How long a fetched key set is used. Default 10 minutes. */
  readonly cacheTtlMs?: number;
  /** A refresh is honoured only when the cached set is at least this old, so tokens with made-up `kid`s cannot make Keyward hammer the issuer. Default 60 s. */
  readonly minRefreshIntervalMs?: number;
  readonly maxCacheEntries?: number;
  /** Largest discovery document or key set accepted. Default 1 MiB. */
  readonly maxBytes?: number;
  readonly clock?: () => number;
}

interface CacheEntry {
  readonly fetchedAt: number;
  readonly keys: Promise<JSONWebKeySet>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  return isObject(value) && Array.isArray(value.keys) && value.keys.every(isObject);
}

function discoveryUrl(issuer: string): URL {
  const base = issuer.endsWith('/') ? issuer.slice(0, -1) : issuer;
  return new URL(`${base}/.well-known/openid-configuration`);
}

/** The JWKS location from the discovery document; an https issuer may not point at plain http. */
function jwksUrl(discovery: unknown, issuerUrl: URL): URL {
  if (!isObject(discovery) || typeof discovery.jwks_uri !== 'string') {
    throw new JwksFetchError('invalid-response', 'the discovery document has no jwks_uri');
  }
  let url: URL;
  try {
    url = new URL(discovery.jwks_uri);
  } catch (error) {
    throw new JwksFetchError('invalid-response', 'the discovery document has an invalid jwks_uri', { cause: error });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && issuerUrl.protocol === 'http:')) {
    throw new JwksFetchError('invalid-response', `jwks_uri must use https: ${url.href}`);
  }
  return url;
}

/** A key-set fetcher with its own cache; the STS action shares one per server. */
export function createJwksFetcher(options: JwksFetcherOptions = {}): FetchJwks {
  const timeoutMs = options.timeoutMs ?? 5000;
  const cacheTtlMs = options.cacheTtlMs ?? 10 * 60 * 1000;
  const minRefreshIntervalMs = options.minRefreshIntervalMs ?? 60 * 1000;
  const maxCacheEntries = options.maxCacheEntries ?? 256;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, CacheEntry>();

  async function load(issuer: string, thumbprints: readonly string[]): Promise<JSONWebKeySet> {
    const fetchOptions = { thumbprints, timeoutMs, maxBytes, now: () => new Date(clock()) };
    let issuerUrl: URL;
    try {
      issuerUrl = discoveryUrl(issuer);
    } catch (error) {
      throw new JwksFetchError('invalid-response', `invalid issuer URL ${issuer}`, { cause: error });
    }
    const discovery = await fetchJson(issuerUrl, fetchOptions);
    const keys = await fetchJson(jwksUrl(discovery, issuerUrl), fetchOptions);
    if (!isKeySet(keys)) throw new JwksFetchError('invalid-response', 'the JWKS is not a JSON Web Key Set');
    return keys;
  }

  return (issuer, { thumbprints, refresh = false }) => {
    // Trust depends on the thumbprints, so a set fetched under one list is not reused for another.
    const key = `${issuer}\n${[...thumbprints].map((t) => t.toLowerCase()).sort().join(',')}`;
    const now = clock();
    const cached = cache.get(key);
    const fresh = cached !== undefined && now - cached.fetchedAt < cacheTtlMs;
    const refreshAllowed = cached === undefined || now - cached.fetchedAt >= minRefreshIntervalMs;
    if (cached !== undefined && fresh && !(refresh && refreshAllowed)) return cached.keys;

    const keys = load(issuer, thumbprints);
    cache.delete(key);
    cache.set(key, { fetchedAt: now, keys });
    // A failure is not cached: the next token tries the issuer again.
    keys.catch(() => {
      if (cache.get(key)?.keys === keys) cache.delete(key);
    });
    while (cache.size > maxCacheEntries) {
      const oldest = cache.keys().next();
      if (oldest.done === true) break;
      cache.delete(oldest.value);
    }
    return keys;
  };
}

/** The process-wide fetcher verifyWebIdentityToken uses when none is injected. */
export const defaultFetchJwks: FetchJwks = createJwksFetcher();
