import { describe, it, expect } from 'vitest';
import { CURRENT_SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword } from './hash.js';

const PASSWORD = 'Correct-Horse-9';

describe('hashPassword / verifyPassword', () => {
  it('round-trips and records the parameters', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });

  it('refuses a wrong password, including one differing only in case or a trailing space', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword('correct-horse-9', stored)).toBe(false);
    expect(await verifyPassword(`${PASSWORD} `, stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash, so one password gives different records', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });

  it('fails when the hash, the salt or a parameter was tampered with', async () => {
    const stored = await hashPassword(PASSWORD);
    const parts = stored.split('$');
    const flip = (text: string): string => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const tamperedHash = [...parts.slice(0, 5), flip(parts[5] ?? '')].join('$');
    const tamperedSalt = [...parts.slice(0, 4), flip(parts[4] ?? ''), parts[5]].join('$');
    const tamperedCost = ['scrypt', '16384', ...parts.slice(2)].join('$');
    const truncated = [...parts.slice(0, 5), (parts[5] ?? '').slice(0, 30)].join('$');
    for (const record of [tamperedHash, tamperedSalt, tamperedCost, truncated]) {
      expect(await verifyPassword(PASSWORD, record)).toBe(false);
    }
  });

  it('answers false, not an exception, for records it cannot read', async () => {
    const salt = 'A'.repeat(22); // 16 bytes
    const hash = 'A'.repeat(43); // 32 bytes
    expect(await verifyPassword(PASSWORD, `scrypt$1024$8$1$${salt}$${hash}`)).toBe(false); // well-formed, wrong
    const unreadable = [
      '',
      'plaintext',
      'bcrypt$2b$10$abc',
      'scrypt$32768$8$1$salt',
      'scrypt$32768$8$1$c2FsdHNhbHRzYWx0$!!!',
      `scrypt$1000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$1073741824$8$1$${salt}$${hash}`, // N beyond the bound, would need 1 TiB
      `scrypt$1048576$32$1$${salt}$${hash}`, // would need 4 GiB
      `scrypt$32768$0$1$${salt}$${hash}`,
      `scrypt$32768$8$1$${salt}$${hash}$extra`,
      `scrypt$32768$8$1$${salt}$${hash.slice(0, 40)}`, // short hash
      `scrypt$32768$8$1$AAAA$${hash}`, // short salt
    ];
    for (const record of unreadable) {
      await expect(verifyPassword(PASSWORD, record)).resolves.toBe(false);
    }
  });
});

describe('needsRehash', () => {
  it('is false for a record made with the current parameters', async () => {
    expect(needsRehash(await hashPassword(PASSWORD))).toBe(false);
  });

  it('is true for weaker parameters and for unreadable records', async () => {
    const weak = await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
    expect(await verifyPassword(PASSWORD, weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash('not-a-hash')).toBe(true);
  });

  it('compares against the parameters it is given', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(needsRehash(stored, { ...CURRENT_SCRYPT_PARAMS, N: 2 ** 16 })).toBe(true);
  });
});
