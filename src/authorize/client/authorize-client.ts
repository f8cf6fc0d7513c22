// The Node client of the decision API (`keyward/authorize`): the service signs its calls with
// its own Keyward credentials and asks about its clients' requests. An optional short decision
// cache reuses the answer for a byte-identical request (a presigned URL fetched again, a retry):
// the key covers the signature and every signed part, so only a request Keyward has verified
// itself is answered from it. Entries live at most the TTL and never past the request's own
// signature window or its session's expiry (cache-bounds.ts); a newer store generation in any
// answer empties the cache.

import { createHash } from 'node:crypto';
import type { DecisionAnswer } from '../authorize-request.js';
import type { Check } from '../decide/decide-checks.js';
import type { ForwardedRequest } from '../verify/forwarded-request.js';
import { normaliseHeaders } from '../verify/forwarded-request.js';
import { cacheUntil, signatureValidUntil } from './cache-bounds.js';
import { agentTransport, fetchTransport, type KeywardTransport } from './keyward-transport.js';
import { signCall, type KeywardCredentials } from './sign-call.js';

export interface AuthorizeClientOptions {
  /** The Keyward endpoint, `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  /** The service's own Keyward credentials (allowed keyward:Authorize on its service). */
  readonly credentials: KeywardCredentials | (() => Promise<KeywardCredentials>);
  /** The service prefix (its definition's Name). */
  readonly service: string;
  readonly region?: string;
  /** Keep answers for identical requests this long (ms); 0 (default) turns the cache off. */
  readonly cacheTtlMs?: number;
  readonly cacheEntries?: number;
  /** Calls go through this fetch instead of the client's own keep-alive node:http(s) Agent. */
  readonly fetch?: typeof fetch;
  /** Most connections the client's Agent opens to Keyward (default 64). */
  readonly maxSockets?: number;
  /** Longest a call to Keyward may take (default 10 s); the middleware then refuses the request (503). */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export interface AuthorizeRequestInput {
  readonly request: ForwardedRequest;
  readonly checks: readonly Check[];
  readonly atLeastGeneration?: number;
}

/** Keyward refused the service's own call (its credentials, its permission, a malformed check). */
export class KeywardCallError extends Error {
  override readonly name = 'KeywardCallError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

interface CacheEntry {
  readonly answer: DecisionAnswer;
  readonly expires: number;
}

export interface AuthorizeClient {
  authorizeRequest(input: AuthorizeRequestInput): Promise<DecisionAnswer>;
  /** The newest store generation Keyward reported. */
  readonly generation: number;
  /** Cache hits so far (for tests and metrics). */
  readonly cacheHits: number;
  /** Closes the client's idle connections to Keyward. */
  close(): void;
}

function cacheKey(input: AuthorizeRequestInput, headers: Readonly<Record<string, readonly string[]>>): string {
  const r = input.request;
  const h = createHash('sha256');
  for (const part of [r.method, r.path, r.query ?? '', r.payloadSha256 ?? '', r.body ?? '', r.sourceIp, String(r.secure)]) h.update(part).update('\0');
  for (const name of Object.keys(headers).sort()) h.update(name).update(':').update((headers[name] ?? []).join('\u0001')).update('\0');
  h.update(JSON.stringify(input.checks));
  return h.digest('hex');
}

export function createAuthorizeClient(options: AuthorizeClientOptions): AuthorizeClient {
  const now = options.now ?? (() => new Date());
  const region = options.region ?? 'us-east-1';
  const ttl = options.cacheTtlMs ?? 0;
  const max = options.cacheEntries ?? 10_000;
  const cache = new Map<string, CacheEntry>();
  let generation = -1;
  let hits = 0;
  const url = new URL(`/keyward/authorize/v1/services/${encodeURIComponent(options.service)}/decisions`, options.endpoint);
  const transport: KeywardTransport =
    options.fetch !== undefined
      ? fetchTransport(options.fetch)
      : agentTransport(url, { ...(options.maxSockets !== undefined && { maxSockets: options.maxSockets }), ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) });

  const seen = (g: number): void => {
    // A newer generation means something changed: nothing cached before it is used again.
    if (g > generation) {
      if (generation !== -1) cache.clear();
      generation = g;
    }
  };

  return {
    get generation() {
      return generation;
    },
    get cacheHits() {
      return hits;
    },
    close() {
      transport.close();
    },
    async authorizeRequest(input) {
      const clientHeaders = ttl > 0 && input.atLeastGeneration === undefined ? normaliseHeaders(input.request.headers) : undefined;
      const key = clientHeaders === undefined ? undefined : cacheKey(input, clientHeaders);
      if (key !== undefined) {
        const hit = cache.get(key);
        if (hit !== undefined && hit.expires > Date.now() && hit.answer.generation >= generation) {
          hits += 1;
          return hit.answer;
        }
      }
      const body = JSON.stringify({ request: input.request, checks: input.checks, ...(input.atLeastGeneration !== undefined && { atLeastGeneration: input.atLeastGeneration }) });
      const credentials = typeof options.credentials === 'function' ? await options.credentials() : options.credentials;
      const headers = signCall({ method: 'POST', url, body, contentType: 'application/json' }, credentials, { region, now: now() });
      const res = await transport.send(url, { method: 'POST', headers, body });
      const text = res.text;
      if (res.status !== 200) {
        let code = 'InternalFailure';
        let message = text;
        try {
          const parsed = JSON.parse(text) as { __type?: string; message?: string };
          code = parsed.__type ?? code;
          message = parsed.message ?? message;
        } catch {
          // Not JSON: keep the text.
        }
        throw new KeywardCallError(code, res.status, message);
      }
      const answer = JSON.parse(text) as DecisionAnswer;
      seen(answer.generation);
      const until = key === undefined || clientHeaders === undefined ? undefined : cacheUntil(answer, signatureValidUntil(input.request, clientHeaders), Date.now(), ttl);
      if (key !== undefined && until !== undefined) {
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(key, { answer, expires: until });
      }
      return answer;
    },
  };
}
