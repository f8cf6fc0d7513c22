import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../operation.js';
import { bindRequestOrigin, issuerIdOf, originOf, servedIssuer } from './outbound-issuer.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const STORED = `https://${ID}.tokens.sts.global.api.aws`;

describe('the served outbound federation issuer', () => {
  it('takes the origin from the Host header, refusing anything that is not a host', () => {
    expect(originOf(false, '127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
    expect(originOf(true, 'Keyward.Example.com')).toBe('https://keyward.example.com');
    expect(originOf(false, '[::1]:8080')).toBe('http://[::1]:8080');
    for (const bad of [undefined, '', 'evil.com/path', 'a b', 'host:port', 'user@host']) expect(originOf(false, bad), String(bad)).toBeUndefined();
  });

  it('keeps the account’s issuer id from the stored AWS-shaped identifier', () => {
    expect(issuerIdOf(STORED)).toBe(ID);
    expect(issuerIdOf('https://example.com')).toBeUndefined();
  });

  it('points at this server when the request origin is known, at the stored identifier otherwise', () => {
    const ctx = {} as ServiceContext;
    expect(servedIssuer(ctx, STORED)).toBe(STORED);
    bindRequestOrigin(ctx, 'http://127.0.0.1:4566');
    expect(servedIssuer(ctx, STORED)).toBe(`http://127.0.0.1:4566/outbound-federation/${ID}`);
  });
});
