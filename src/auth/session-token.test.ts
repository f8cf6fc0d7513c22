import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SecretBox } from './secret-box.js';
import type { SessionClaims } from './session-claims.js';
import { configureSessionTokenKeys, SessionTokenKeys, sessionTokenKeys } from './session-token.js';

const master = new SecretBox(new Uint8Array(32).fill(7));
const otherMaster = new SecretBox(new Uint8Array(32).fill(9));
const NOW = new Date('2026-01-01T00:00:00Z');
const claims: SessionClaims = {
  kind: 'AssumedRole',
  accountId: '111122223333',
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'secret/secret+secret',
  issuedAt: NOW.getTime() / 1000,
  expiresAt: NOW.getTime() / 1000 + 3600,
  role: { id: 'AROAEXAMPLEEXAMPLE123', name: 'ops', path: '/', arn: 'arn:aws:iam::111122223333:role/ops' },
  sessionName: 'alice',
  tags: [{ key: 'team', value: 'red' }],
  transitiveTagKeys: ['team'],
  policy: '{"Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}',
  policyArns: [],
};

describe('session tokens', () => {
  it('round-trips the claims and never shows the secret in clear', () => {
    const keys = new SessionTokenKeys(master);
    const token = keys.seal(claims);
    expect(token).toMatch(/^KWST1\.g1\.[A-Za-z0-9._-]+$/);
    expect(token).not.toContain('secret');
    expect(keys.verify(token, claims.accessKeyId, NOW)).toEqual({ ok: true, claims });
  });

  it('seals under a key derived from the master key, never the master key itself', () => {
    const sealed = master.derive('keyward/session-token/1').seal('x', 'c');
    expect(() => master.open(sealed, 'c')).toThrow();
    expect(master.derive('keyward/session-token/1').open(sealed, 'c')).toBe('x');
    expect(() => master.derive('keyward/session-token/2').open(sealed, 'c')).toThrow();
  });

  it('any node with the same master key opens it; another master key does not', () => {
    const token = new SessionTokenKeys(master).seal(claims);
    expect(new SessionTokenKeys(master).open(token).ok).toBe(true);
    expect(new SessionTokenKeys(otherMaster).open(token)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('is invalid for another access key id and expired from its expiry on', () => {
    const keys = new SessionTokenKeys(master);
    const token = keys.seal(claims);
    expect(keys.verify(token, 'ASIAOTHEROTHEROTHER1', NOW)).toEqual({ ok: false, reason: 'invalid' });
    const justBefore = new Date((claims.expiresAt - 1) * 1000);
    expect(keys.verify(token, claims.accessKeyId, justBefore).ok).toBe(true);
    expect(keys.verify(token, claims.accessKeyId, new Date(claims.expiresAt * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token whose key id label was changed (the AAD binds it)', () => {
    const keys = new SessionTokenKeys(master, { current: 2, accepted: [1] });
    const token = keys.seal(claims);
    expect(token.startsWith('KWST1.g2.')).toBe(true);
    expect(keys.open(token.replace('KWST1.g2.', 'KWST1.g1.'))).toEqual({ ok: false, reason: 'tampered' });
    expect(keys.open(token.replace('KWST1.', 'KWST2.'))).toEqual({ ok: false, reason: 'malformed' });
    expect(keys.open('not a token').ok).toBe(false);
  });

  it('rotates: a node sealing with generation 2 still accepts 1 until 1 is dropped', () => {
    const old = new SessionTokenKeys(master).seal(claims);
    const rotating = new SessionTokenKeys(master, { current: 2, accepted: [1] });
    expect(rotating.open(old).ok).toBe(true);
    const rotated = new SessionTokenKeys(master, { current: 2 });
    expect(rotated.open(old)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(rotated.open(rotating.seal(claims)).ok).toBe(true);
  });

  it('a configured keyring is the one the master key uses afterwards', () => {
    const box = new SecretBox(new Uint8Array(32).fill(3));
    expect(sessionTokenKeys(box).currentKeyId).toBe('g1');
    configureSessionTokenKeys(box, { current: 3, accepted: [2] });
    expect(sessionTokenKeys(box).currentKeyId).toBe('g3');
  });

  it('property: flipping any bit of the sealed bytes makes the token unusable', () => {
    const keys = new SessionTokenKeys(master);
    const token = keys.seal(claims);
    const [format, keyId, version, ...parts] = token.split('.');
    const bytes = parts.map((p) => Buffer.from(p, 'base64url'));
    const total = bytes.reduce((n, b) => n + b.length, 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: total * 8 - 1 }), (bit) => {
        const copy = bytes.map((b) => Buffer.from(b));
        let at = Math.floor(bit / 8);
        let part = 0;
        while (at >= copy[part]!.length) at -= copy[part++]!.length;
        copy[part]![at]! ^= 1 << bit % 8;
        const forged = [format, keyId, version, ...copy.map((b) => b.toString('base64url'))].join('.');
        expect(keys.open(forged).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
