import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy.js';

describe('parseTrustProxy', () => {
  it('takes addresses, CIDR blocks and range names', () => {
    expect(parseTrustProxy(' 10.0.0.1, 10.1.0.0/16,::1, fd00::/8 ,loopback')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else', () => {
    for (const bad of ['', ',', 'true', '*', '10.0.0.0/33', '::/129', '10.0.0.1/8/1', 'proxy.example.com', '10.0.0.256', '2']) {
      expect(() => parseTrustProxy(bad)).toThrow(/trust-proxy/);
    }
  });
});
