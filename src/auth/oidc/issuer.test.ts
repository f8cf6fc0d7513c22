import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { issuerBaseUrl, issuerMatchesProvider, providerUrlForIssuer, readTokenIssuer } from './issuer.js';

/** Provider URLs as IAM stores them: a host with an optional path, no scheme. */
const providerUrl = fc
  .tuple(fc.domain(), fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/), { maxLength: 3 }), fc.boolean())
  .map(([host, path, slash]) => [host, ...path].join('/') + (slash ? '/' : ''));

describe('issuerMatchesProvider', () => {
  it('matches https:// + the provider URL, or the bare URL, exactly', () => {
    fc.assert(
      fc.property(providerUrl, (url) => {
        expect(issuerMatchesProvider(`https://${url}`, url)).toBe(true);
        expect(issuerMatchesProvider(url, url)).toBe(true);
        expect(issuerMatchesProvider(`https://${url}`, `https://${url}`)).toBe(true);
        expect(providerUrlForIssuer(`https://${url}`)).toBe(url);
        // A trailing slash is part of the issuer: AWS makes Auth0 users register it.
        const toggled = url.endsWith('/') ? url.slice(0, -1) : `${url}/`;
        expect(issuerMatchesProvider(`https://${toggled}`, url)).toBe(false);
      }),
    );
  });

  it('accepts http:// only when local development allows it', () => {
    fc.assert(
      fc.property(providerUrl, (url) => {
        expect(issuerMatchesProvider(`http://${url}`, url)).toBe(false);
        expect(issuerMatchesProvider(`http://${url}`, url, { allowHttp: true })).toBe(true);
      }),
    );
  });

  it('refuses other hosts, paths, and an empty provider URL', () => {
    expect(issuerMatchesProvider('https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com')).toBe(true);
    expect(issuerMatchesProvider('https://evil.example/token.actions.githubusercontent.com', 'token.actions.githubusercontent.com')).toBe(false);
    expect(issuerMatchesProvider('https://oidc.eks.eu-west-1.amazonaws.com/id/A', 'oidc.eks.eu-west-1.amazonaws.com/id/B')).toBe(false);
    expect(issuerMatchesProvider('https://', '')).toBe(false);
    expect(issuerMatchesProvider('', '')).toBe(false);
  });
});

describe('issuerBaseUrl', () => {
  it('adds https:// to a bare issuer and keeps a URL as it is', () => {
    expect(issuerBaseUrl('accounts.google.com')).toBe('https://accounts.google.com');
    expect(issuerBaseUrl('https://accounts.google.com')).toBe('https://accounts.google.com');
    expect(issuerBaseUrl('http://127.0.0.1:8080/realm')).toBe('http://127.0.0.1:8080/realm');
  });
});

describe('readTokenIssuer', () => {
  it('reads iss without verifying, and nothing from a non-JWT', async () => {
    const token = await new SignJWT({ iss: 'https://issuer.example' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('k'.repeat(32)));
    expect(readTokenIssuer(token)).toBe('https://issuer.example');
    expect(readTokenIssuer('not a jwt')).toBeUndefined();
    const noIss = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('k'.repeat(32)));
    expect(readTokenIssuer(noIss)).toBeUndefined();
  });
});
