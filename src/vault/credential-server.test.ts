// The credential server read by the AWS SDK's own container-credentials provider (fromHttp, the
// one the default chain uses for AWS_CONTAINER_CREDENTIALS_FULL_URI), and refusing strangers.

import { fromHttp } from '@aws-sdk/credential-provider-http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedCredentials } from './credential-chain.js';
import { refreshing, startCredentialServer, type CredentialServer } from './credential-server.js';

let server: CredentialServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const creds = (n: number, expiration: Date): ResolvedCredentials => ({
  accessKeyId: `ASIATESTKEY${String(n).padStart(9, '0')}`,
  secretAccessKey: `secret-${n}`,
  sessionToken: `token-${n}`,
  expiration,
});

describe('credential server', () => {
  it('answers the SDK container provider with the current credentials', async () => {
    const expiration = new Date(Date.now() + 3600_000);
    server = await startCredentialServer({ provide: async () => creds(1, expiration) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    const provider = fromHttp({ awsContainerCredentialsFullUri: server.url, awsContainerAuthorizationToken: server.token });
    const got = await provider();
    expect(got).toMatchObject({ accessKeyId: 'ASIATESTKEY000000001', secretAccessKey: 'secret-1', sessionToken: 'token-1' });
    expect(got.expiration?.toISOString()).toBe(expiration.toISOString());
  });

  it('refuses a request without the right token, and other methods', async () => {
    server = await startCredentialServer({ provide: async () => creds(1, new Date(Date.now() + 3600_000)) });
    for (const authorization of [undefined, 'wrong', `${server.token}x`]) {
      const res = await fetch(server.url, { headers: authorization === undefined ? {} : { authorization } });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('secret-1');
    }
    expect((await fetch(server.url, { method: 'POST', headers: { authorization: server.token } })).status).toBe(405);
    const fresh = await startCredentialServer({ provide: async () => creds(2, new Date()) });
    expect(fresh.token).not.toBe(server.token);
    expect(fresh.token.length).toBeGreaterThanOrEqual(43);
    await fresh.close();
  });

  it('reports a failed refresh as an error the SDK surfaces, without secrets', async () => {
    const errors: string[] = [];
    server = await startCredentialServer({ provide: async () => Promise.reject(new Error('GetSessionToken failed: AccessDenied: no')), onError: (m) => errors.push(m) });
    const res = await fetch(server.url, { headers: { authorization: server.token } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: 'CredentialsUnavailable', message: 'GetSessionToken failed: AccessDenied: no' });
    expect(errors).toEqual(['GetSessionToken failed: AccessDenied: no']);
  });
});

describe('refreshing', () => {
  it('keeps credentials until the margin before expiry, then resolves again once for concurrent callers', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    let calls = 0;
    const provide = refreshing(
      async () => {
        calls += 1;
        return creds(calls, new Date(now + 3600_000));
      },
      () => new Date(now),
      300_000,
    );
    expect((await provide()).accessKeyId).toBe('ASIATESTKEY000000001');
    now += 3000_000; // 10 minutes left: still kept
    expect((await provide()).accessKeyId).toBe('ASIATESTKEY000000001');
    now += 400_000; // under 5 minutes left: replaced
    const [a, b] = await Promise.all([provide(), provide()]);
    expect(a.accessKeyId).toBe('ASIATESTKEY000000002');
    expect(b.accessKeyId).toBe('ASIATESTKEY000000002');
    expect(calls).toBe(2);
  });

  it('starts from the credentials it is given, without resolving', async () => {
    let calls = 0;
    const start = creds(9, new Date(Date.now() + 3600_000));
    const provide = refreshing(async () => (calls += 1, creds(calls, new Date())), () => new Date(), 300_000, start);
    expect(await provide()).toBe(start);
    expect(calls).toBe(0);
  });
});
