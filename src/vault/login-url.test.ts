// Console sign-in URLs in AWS's documented federation shape, and the getSigninToken exchange
// against a real local HTTP endpoint that checks what it receives.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AWS_CONSOLE_URL, AWS_FEDERATION_URL, fetchSigninToken, loginTarget, loginUrl, signinTokenUrl } from './login-url.js';

const creds = { accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: 'wJalr/XUtnFEMI+K7MDENG&=?', sessionToken: 'FwoG+ZXIv//token==' };

describe('login URLs', () => {
  it('builds getSigninToken with the Session JSON and optional SessionDuration', () => {
    const url = new URL(signinTokenUrl(AWS_FEDERATION_URL, creds, 43200));
    expect(url.origin + url.pathname).toBe('https://signin.aws.amazon.com/federation');
    expect(url.searchParams.get('Action')).toBe('getSigninToken');
    expect(url.searchParams.get('SessionDuration')).toBe('43200');
    expect(JSON.parse(url.searchParams.get('Session') ?? '')).toEqual({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
    expect(new URL(signinTokenUrl(AWS_FEDERATION_URL, creds)).searchParams.has('SessionDuration')).toBe(false);
  });

  it('builds the login URL with Issuer, Destination and SigninToken', () => {
    const url = new URL(loginUrl({ federationUrl: AWS_FEDERATION_URL, destination: AWS_CONSOLE_URL, issuer: 'keyward' }, 'tok+/='));
    expect([...url.searchParams.entries()]).toEqual([
      ['Action', 'login'],
      ['Issuer', 'keyward'],
      ['Destination', 'https://console.aws.amazon.com/'],
      ['SigninToken', 'tok+/='],
    ]);
  });

  it('targets AWS without an endpoint and the endpoint\'s /federation and /console/ with one', () => {
    expect(loginTarget(undefined)).toEqual({ federationUrl: AWS_FEDERATION_URL, destination: AWS_CONSOLE_URL });
    expect(loginTarget('http://127.0.0.1:4566/')).toEqual({ federationUrl: 'http://127.0.0.1:4566/federation', destination: 'http://127.0.0.1:4566/console/' });
    expect(loginTarget('http://h:1', { destination: 'http://h:1/x', issuer: 'me' })).toEqual({ federationUrl: 'http://h:1/federation', destination: 'http://h:1/x', issuer: 'me' });
  });

  it('carries any credential text through the Session parameter exactly', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (accessKeyId, secretAccessKey, sessionToken) => {
        const session = new URL(signinTokenUrl('http://h/federation', { accessKeyId, secretAccessKey, sessionToken })).searchParams.get('Session');
        expect(JSON.parse(session ?? '')).toEqual({ sessionId: accessKeyId, sessionKey: secretAccessKey, sessionToken });
      }),
    );
  });
});

describe('fetchSigninToken', () => {
  it('exchanges the session for a SigninToken, and reports a missing endpoint without echoing the URL', async () => {
    const seen: URL[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push(url);
      if (url.pathname !== '/federation') {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ SigninToken: 'signin-token-1' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await fetchSigninToken(`${base}/federation`, creds)).toBe('signin-token-1');
      expect(JSON.parse(seen[0]?.searchParams.get('Session') ?? '')).toMatchObject({ sessionKey: creds.secretAccessKey });
      const error = await fetchSigninToken(`${base}/nothing`, creds).catch((e: Error) => e);
      expect(String(error)).toMatch(/answered 404; it may not exist on this server yet/);
      expect(String(error)).not.toContain(creds.secretAccessKey);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
