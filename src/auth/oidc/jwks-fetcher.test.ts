import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JwksFetchError } from './fetch-json.js';
import { createJwksFetcher } from './jwks-fetcher.js';
import { FIXTURE_CERT, startTestIssuer, type TestIssuer } from './test-issuer.case.js';
import { certificateThumbprint } from './tls-trust.js';
import { verifyWebIdentityToken } from './verify-web-identity-token.js';

/** `openssl x509 -in fixtures/localhost-cert.pem -noout -fingerprint -sha1`, as IAM writes it. */
const FIXTURE_THUMBPRINT = '0195e5fa020ec6698fd6440227301b48443933a6';

async function fetchError(promise: Promise<unknown>): Promise<JwksFetchError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof JwksFetchError)) throw new Error(`expected a JwksFetchError, got ${String(error)}`);
  return error;
}

describe('certificateThumbprint', () => {
  it('is the lower-case hex SHA-1 fingerprint IAM stores', () => {
    expect(certificateThumbprint(FIXTURE_CERT)).toBe(FIXTURE_THUMBPRINT);
  });
});

describe('createJwksFetcher over https', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer({ tls: true });
  });
  afterAll(() => issuer.close());
  beforeEach(() => {
    issuer.mode = 'ok';
  });

  it('accepts a self-signed issuer pinned by its thumbprint, in either case and with colons', async () => {
    for (const thumbprint of [FIXTURE_THUMBPRINT, FIXTURE_THUMBPRINT.toUpperCase().replace(/(..)(?!$)/g, '$1:')]) {
      const keys = await createJwksFetcher()(issuer.issuer, { thumbprints: [thumbprint] });
      expect(keys.keys.map((key) => key.kid)).toEqual(['rsa-1']);
    }
  });

  it('refuses a certificate that is neither publicly trusted nor pinned', async () => {
    const fetcher = createJwksFetcher();
    expect((await fetchError(fetcher(issuer.issuer, { thumbprints: [] }))).kind).toBe('untrusted-certificate');
    expect((await fetchError(fetcher(issuer.issuer, { thumbprints: ['00'.repeat(20)] }))).kind).toBe('untrusted-certificate');
  });

  it('reaches a pinned issuer by a host name its certificate lists', async () => {
    const byName = issuer.issuer.replace('127.0.0.1', 'localhost');
    const keys = await createJwksFetcher()(byName, { thumbprints: [FIXTURE_THUMBPRINT] });
    expect(keys.keys).toHaveLength(1);
  });

  it('refuses a jwks_uri that downgrades an https issuer to http', async () => {
    issuer.mode = 'http-jwks-uri';
    const error = await fetchError(createJwksFetcher()(issuer.issuer, { thumbprints: [FIXTURE_THUMBPRINT] }));
    expect(error.kind).toBe('invalid-response');
  });

  it('answers the thumbprint message through verifyWebIdentityToken', async () => {
    const now = new Date();
    const token = await issuer.sign({ sub: 'u', aud: 'app', exp: Math.floor(now.getTime() / 1000) + 60 });
    const base = { providerUrl: issuer.providerUrl, clientIds: ['app'], now, fetchJwks: createJwksFetcher() };
    expect(await verifyWebIdentityToken(token, base)).toEqual({
      ok: false,
      code: 'InvalidIdentityToken',
      message: "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
    });
    // An https issuer needs no development switch: the provider URL is the issuer without https://.
    expect(await verifyWebIdentityToken(token, { ...base, thumbprints: [FIXTURE_THUMBPRINT] })).toMatchObject({
      ok: true,
      issuer: issuer.issuer,
    });
  });
});

describe('createJwksFetcher cache', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());
  beforeEach(() => {
    issuer.mode = 'ok';
  });

  function clockAt(start: number): { now: () => number; advance: (ms: number) => void } {
    let time = start;
    return { now: () => time, advance: (ms) => (time += ms) };
  }

  it('keeps a key set for its TTL, then fetches it again', async () => {
    const clock = clockAt(Date.now());
    const fetcher = createJwksFetcher({ cacheTtlMs: 1000, clock: clock.now });
    const start = issuer.requests.jwks;
    await fetcher(issuer.issuer, { thumbprints: [] });
    clock.advance(999);
    await fetcher(issuer.issuer, { thumbprints: [] });
    expect(issuer.requests.jwks - start).toBe(1);
    clock.advance(1);
    await fetcher(issuer.issuer, { thumbprints: [] });
    expect(issuer.requests.jwks - start).toBe(2);
  });

  it('honours a refresh only after the minimum interval', async () => {
    const clock = clockAt(Date.now());
    const fetcher = createJwksFetcher({ minRefreshIntervalMs: 5000, clock: clock.now });
    const start = issuer.requests.jwks;
    await fetcher(issuer.issuer, { thumbprints: [] });
    await fetcher(issuer.issuer, { thumbprints: [], refresh: true });
    expect(issuer.requests.jwks - start).toBe(1);
    clock.advance(5000);
    await fetcher(issuer.issuer, { thumbprints: [], refresh: true });
    expect(issuer.requests.jwks - start).toBe(2);
  });

  it('shares one request between concurrent callers', async () => {
    const fetcher = createJwksFetcher();
    const start = issuer.requests.jwks;
    await Promise.all([1, 2, 3].map(() => fetcher(issuer.issuer, { thumbprints: [] })));
    expect(issuer.requests.jwks - start).toBe(1);
  });

  it('does not cache a failure', async () => {
    const fetcher = createJwksFetcher();
    issuer.mode = 'jwks-500';
    expect((await fetchError(fetcher(issuer.issuer, { thumbprints: [] }))).kind).toBe('invalid-response');
    issuer.mode = 'ok';
    expect((await fetcher(issuer.issuer, { thumbprints: [] })).keys).toHaveLength(1);
  });

  it('refuses a key set larger than the cap', async () => {
    const error = await fetchError(createJwksFetcher({ maxBytes: 100 })(issuer.issuer, { thumbprints: [] }));
    expect(error.kind).toBe('invalid-response');
  });

  it('times out a silent issuer as unreachable', async () => {
    issuer.mode = 'jwks-hang';
    const started = Date.now();
    const error = await fetchError(createJwksFetcher({ timeoutMs: 150 })(issuer.issuer, { thumbprints: [] }));
    expect(error.kind).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
