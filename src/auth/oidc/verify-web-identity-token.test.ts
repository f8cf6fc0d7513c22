import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignJWT, type JWTPayload } from 'jose';
import { createJwksFetcher } from './jwks-fetcher.js';
import { createIssuerKey, startTestIssuer, unsignedToken, type IssuerKey, type TestIssuer } from './test-issuer.case.js';
import { verifyWebIdentityToken, type VerifyWebIdentityTokenOptions } from './verify-web-identity-token.js';

const NOW = new Date('2030-06-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const CLIENT_ID = 'keyward-app';

let issuer: TestIssuer;
let ecKey: IssuerKey;
/** Keys the issuer does not publish (RSA generation is slow, so once, in parallel). */
let spare: { impostor: IssuerKey; stranger: IssuerKey; rotated: IssuerKey; extra: IssuerKey; noKid: IssuerKey };

beforeAll(async () => {
  issuer = await startTestIssuer();
  const [ec, impostor, stranger, rotated, extra, noKid] = await Promise.all([
    createIssuerKey('ES256', 'ec-1'),
    // Same kid as the published RSA key, different key material.
    createIssuerKey('RS256', 'rsa-1'),
    createIssuerKey('RS256', 'not-published'),
    createIssuerKey('RS256', 'rsa-2'),
    createIssuerKey('RS256', 'rsa-extra'),
    createIssuerKey('RS256', 'x'),
  ]);
  ecKey = ec;
  spare = { impostor, stranger, rotated, extra, noKid };
  issuer.published.push(ecKey);
});
afterAll(() => issuer.close());
beforeEach(() => {
  issuer.mode = 'ok';
});

function claims(overrides: JWTPayload = {}): JWTPayload {
  return { sub: 'user-42', aud: CLIENT_ID, iat: NOW_S - 60, exp: NOW_S + 3600, ...overrides };
}

function options(overrides: Partial<VerifyWebIdentityTokenOptions> = {}): VerifyWebIdentityTokenOptions {
  return {
    providerUrl: issuer.providerUrl,
    clientIds: ['other-app', CLIENT_ID],
    now: NOW,
    allowHttpIssuer: true,
    // A fresh cache per test: each test sees the issuer's current keys and mode.
    fetchJwks: createJwksFetcher({ timeoutMs: 500 }),
    ...overrides,
  };
}

describe('verifyWebIdentityToken against a local issuer', () => {
  it('accepts an RS256 token and returns subject, audience, issuer and claims', async () => {
    const token = await issuer.sign(claims({ amr: ['pwd', 'mfa'], email: 'a@example.com' }));
    const result = await verifyWebIdentityToken(token, options());
    expect(result).toMatchObject({
      ok: true,
      subject: 'user-42',
      audience: CLIENT_ID,
      issuer: issuer.issuer,
      amr: ['pwd', 'mfa'],
    });
    if (result.ok) expect(result.claims.email).toBe('a@example.com');
  });

  it('accepts an ES256 token', async () => {
    const token = await issuer.sign(claims(), { key: ecKey });
    expect(await verifyWebIdentityToken(token, options())).toMatchObject({ ok: true, subject: 'user-42' });
  });

  it('takes the client id that matches from an audience array', async () => {
    const token = await issuer.sign(claims({ aud: ['unrelated', CLIENT_ID] }));
    expect(await verifyWebIdentityToken(token, options())).toMatchObject({ ok: true, audience: CLIENT_ID });
  });

  it('refuses an audience that is not a client id', async () => {
    const token = await issuer.sign(claims({ aud: 'someone-else' }));
    expect(await verifyWebIdentityToken(token, options())).toEqual({
      ok: false,
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
    });
  });

  it('refuses a token without aud or sub', async () => {
    const noAud = await issuer.sign({ sub: 'u', exp: NOW_S + 60 });
    expect(await verifyWebIdentityToken(noAud, options())).toMatchObject({ message: 'Missing a required claim: aud' });
    const noSub = await issuer.sign({ aud: CLIENT_ID, exp: NOW_S + 60 });
    expect(await verifyWebIdentityToken(noSub, options())).toMatchObject({ message: 'Missing a required claim: sub' });
  });

  it('refuses an issuer other than the provider, naming the issuer as AWS does', async () => {
    const other = `${issuer.issuer}-other`;
    const token = await issuer.sign(claims({ iss: other }));
    expect(await verifyWebIdentityToken(token, options())).toEqual({
      ok: false,
      code: 'InvalidIdentityToken',
      message: `No OpenIDConnect provider found in your account for ${other}`,
    });
  });

  it('refuses an http issuer unless local development allows it', async () => {
    const token = await issuer.sign(claims());
    const result = await verifyWebIdentityToken(token, options({ allowHttpIssuer: false }));
    expect(result).toMatchObject({ ok: false, message: `No OpenIDConnect provider found in your account for ${issuer.issuer}` });
  });

  it('refuses an expired token with AWS message, past the five minutes of skew', async () => {
    const exp = NOW_S - 301;
    const token = await issuer.sign(claims({ iat: exp - 3600, exp }));
    expect(await verifyWebIdentityToken(token, options())).toEqual({
      ok: false,
      code: 'ExpiredTokenException',
      message: `Token expired: current date/time ${NOW_S} must be before the expiration date/time ${exp}`,
    });
  });

  it('accepts a token expired less than five minutes ago (clock skew)', async () => {
    const token = await issuer.sign(claims({ exp: NOW_S - 240 }));
    expect(await verifyWebIdentityToken(token, options())).toMatchObject({ ok: true });
  });

  it('refuses nbf or iat beyond the skew in the future', async () => {
    const early = await issuer.sign(claims({ nbf: NOW_S + 600 }));
    expect(await verifyWebIdentityToken(early, options())).toMatchObject({ ok: false, code: 'IDPRejectedClaim' });
    const issuedLater = await issuer.sign(claims({ iat: NOW_S + 600 }));
    expect(await verifyWebIdentityToken(issuedLater, options())).toMatchObject({ ok: false, code: 'IDPRejectedClaim' });
  });

  it('refuses non-integer timestamps and a missing exp', async () => {
    const fractional = await issuer.sign(claims({ exp: NOW_S + 60.5 }));
    expect(await verifyWebIdentityToken(fractional, options())).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
    const noExp = await issuer.sign({ sub: 'u', aud: CLIENT_ID });
    expect(await verifyWebIdentityToken(noExp, options())).toMatchObject({ message: 'Missing a required claim: exp' });
  });

  it('refuses a token signed by another key under a published kid', async () => {
    const token = await issuer.sign(claims(), { key: spare.impostor });
    expect(await verifyWebIdentityToken(token, options())).toEqual({
      ok: false,
      code: 'InvalidIdentityToken',
      message: 'The web identity token signature is not valid',
    });
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const token = await issuer.sign(claims());
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims(), iss: issuer.issuer, sub: 'admin' })).toString('base64url');
    const result = await verifyWebIdentityToken(`${header}.${forged}.${signature}`, options());
    expect(result).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
  });

  it('refuses an unknown kid with the verification-key message', async () => {
    const token = await issuer.sign(claims(), { key: spare.stranger });
    expect(await verifyWebIdentityToken(token, options())).toEqual({
      ok: false,
      code: 'InvalidIdentityToken',
      message:
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    });
  });

  it('fetches the key set again for a new kid, so key rotation works', async () => {
    const fetchJwks = createJwksFetcher({ minRefreshIntervalMs: 0 });
    expect(await verifyWebIdentityToken(await issuer.sign(claims()), options({ fetchJwks }))).toMatchObject({ ok: true });
    const { rotated } = spare;
    issuer.published.push(rotated);
    try {
      const token = await issuer.sign(claims(), { key: rotated });
      expect(await verifyWebIdentityToken(token, options({ fetchJwks }))).toMatchObject({ ok: true });
    } finally {
      issuer.published.splice(issuer.published.indexOf(rotated), 1);
    }
  });

  it('tries every fitting key when the token has no kid', async () => {
    const second = spare.extra;
    issuer.published.unshift(second);
    try {
      const token = await issuer.sign(claims(), { key: issuer.published[1], kid: null });
      expect(await verifyWebIdentityToken(token, options())).toMatchObject({ ok: true });
      const forged = await issuer.sign(claims(), { key: spare.noKid, kid: null });
      expect(await verifyWebIdentityToken(forged, options())).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
    } finally {
      issuer.published.splice(issuer.published.indexOf(second), 1);
    }
  });

  it('refuses alg none and symmetric algorithms before fetching keys', async () => {
    const before = issuer.requests.jwks;
    const none = unsignedToken({ ...claims(), iss: issuer.issuer });
    expect(await verifyWebIdentityToken(none, options())).toMatchObject({
      ok: false,
      code: 'InvalidIdentityToken',
      message: 'The web identity token is signed with an unsupported algorithm: none',
    });
    const hs = await new SignJWT({ ...claims(), iss: issuer.issuer })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
      .sign(new TextEncoder().encode('a shared secret that is long enough'));
    expect(await verifyWebIdentityToken(hs, options())).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
    expect(issuer.requests.jwks).toBe(before);
  });

  it('refuses what is not a JWT', async () => {
    for (const token of ['', 'abc', 'a.b.c', 'e30.e30', 'a.b.c.d.e']) {
      expect(await verifyWebIdentityToken(token, options())).toEqual({
        ok: false,
        code: 'InvalidIdentityToken',
        message: 'The web identity token is not a valid JWT',
      });
    }
  });

  it('uses the cached key set for a second token', async () => {
    const fetchJwks = createJwksFetcher();
    const before = { ...issuer.requests };
    await verifyWebIdentityToken(await issuer.sign(claims()), options({ fetchJwks }));
    await verifyWebIdentityToken(await issuer.sign(claims({ sub: 'other' })), options({ fetchJwks }));
    expect(issuer.requests.discovery - before.discovery).toBe(1);
    expect(issuer.requests.jwks - before.jwks).toBe(1);
  });
});

describe('verifyWebIdentityToken when the issuer fails', () => {
  const verificationKey =
    "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

  it.each([
    ['jwks-500', 'InvalidIdentityToken', verificationKey],
    ['jwks-not-json', 'InvalidIdentityToken', verificationKey],
    ['no-jwks-uri', 'InvalidIdentityToken', verificationKey],
    ['jwks-close', 'IDPCommunicationError', 'The identity provider could not be reached to verify the web identity token'],
    ['jwks-hang', 'IDPCommunicationError', 'The identity provider could not be reached to verify the web identity token'],
  ] as const)('%s answers %s', async (mode, code, message) => {
    const token = await issuer.sign(claims());
    issuer.mode = mode;
    expect(await verifyWebIdentityToken(token, options({ fetchJwks: createJwksFetcher({ timeoutMs: 200 }) }))).toEqual({
      ok: false,
      code,
      message,
    });
  });

  it('answers IDPCommunicationError when nothing listens at the issuer', async () => {
    const closed = await startTestIssuer();
    await closed.close();
    const token = await closed.sign(claims());
    const result = await verifyWebIdentityToken(token, options({ providerUrl: closed.providerUrl }));
    expect(result).toMatchObject({ ok: false, code: 'IDPCommunicationError' });
  });

  it('answers through an injected fetcher without touching the network', async () => {
    const token = await issuer.sign(claims());
    const seen: string[] = [];
    const result = await verifyWebIdentityToken(token, {
      ...options(),
      thumbprints: ['ab'.repeat(20)],
      fetchJwks: (iss, { thumbprints }) => {
        seen.push(iss, ...thumbprints);
        return Promise.resolve({ keys: issuer.published.map((key) => key.publicJwk) });
      },
    });
    expect(result).toMatchObject({ ok: true });
    expect(seen).toEqual([issuer.issuer, 'ab'.repeat(20)]);
  });
});
