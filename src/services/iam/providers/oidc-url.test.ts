import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oidcProviderUrl } from './oidc-url.js';

describe('OIDC provider Url', () => {
  it('keeps host and path without the scheme', () => {
    expect(oidcProviderUrl('https://server.example.com')).toBe('server.example.com');
    expect(oidcProviderUrl('https://oidc.eks.us-east-1.amazonaws.com/id/ABC123')).toBe('oidc.eks.us-east-1.amazonaws.com/id/ABC123');
  });

  it('accepts a port, for identity providers on a private port', () => {
    expect(oidcProviderUrl('https://localhost:8443/realms/dev')).toBe('localhost:8443/realms/dev');
  });

  it('answers as AWS for a missing scheme, another scheme, a query and a fragment', () => {
    expect(() => oidcProviderUrl('example.com')).toThrow(expect.objectContaining({ code: 'ValidationError', message: 'Invalid Open ID Connect Provider URL' }));
    expect(() => oidcProviderUrl('http://example.com')).toThrow(expect.objectContaining({ code: 'InvalidInput', message: 'Invalid Open ID Connect Provider URL. The URL must begin with https://.' }));
    for (const bad of ['https://example.com:0', 'https://example.com:99999', 'https://example.com?x=1', 'https://example.com/#f', 'https://', 'https://user@example.com', 'https:// example.com']) {
      expect(() => oidcProviderUrl(bad), bad).toThrow(expect.objectContaining({ code: 'InvalidInput', message: 'Invalid Open ID Connect Provider URL.' }));
    }
  });

  it('property: every host[/path] round-trips through https://', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
    const path = fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/), { maxLength: 3 }).map((parts) => parts.map((p) => `/${p}`).join(''));
    fc.assert(fc.property(host, path, (h, p) => oidcProviderUrl(`https://${h}${p}`) === `${h}${p}`));
  });

  it('property: never accepts a Url with a query or fragment', () => {
    fc.assert(
      fc.property(fc.constantFrom('?a=b', '#x', '/p?a', ':443#x'), fc.stringMatching(/^[a-z]{1,8}$/), (suffix, h) => {
        expect(() => oidcProviderUrl(`https://${h}.com${suffix}`)).toThrow();
      }),
    );
  });
});
