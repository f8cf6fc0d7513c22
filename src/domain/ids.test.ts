// Shapes of generated ids, keys and account ids, and the account id carried in key ids.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  UNIQUE_ID_PREFIXES,
  accountIdFromAccessKeyId,
  idPattern,
  isAccountId,
  newAccessKeyId,
  newAccountId,
  newSecretAccessKey,
  newServiceSpecificCredentialId,
  newSigningCertificateId,
  newSshPublicKeyId,
  newUniqueId,
  type UniqueIdPrefix,
} from './ids.js';
import { deterministicRandom, type Random } from './random.js';

// A Random that replays fast-check's bytes, cycling when it runs out.
function replay(bytes: number[]): Random {
  let i = 0;
  return {
    bytes: (n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length] ?? 0),
  };
}

const seedBytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 });
const prefixes = Object.values(UNIQUE_ID_PREFIXES) as UniqueIdPrefix[];

describe('newUniqueId', () => {
  it('is the prefix and 17 base32 characters for every prefix and byte stream', () => {
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), seedBytes, (prefix, bytes) => {
        const id = newUniqueId(prefix, replay(bytes));
        expect(id).toHaveLength(21);
        expect(id).toMatch(idPattern(prefix, 21));
      }),
    );
  });

  it('matches the shape of AWS documentation examples', () => {
    expect('AIDAJQABLZS4A3QDU576Q').toMatch(idPattern('AIDA', 21));
    expect(newUniqueId('AROA')).toMatch(/^AROA[A-Z2-7]{17}$/);
  });

  it('is pinned by the random source and differs between draws', () => {
    expect(newUniqueId('AGPA', deterministicRandom('x'))).toBe(newUniqueId('AGPA', deterministicRandom('x')));
    expect(newUniqueId('AGPA')).not.toBe(newUniqueId('AGPA'));
  });
});

describe('other credential ids', () => {
  it('have AWS shapes', () => {
    fc.assert(
      fc.property(seedBytes, (bytes) => {
        expect(newSshPublicKeyId(replay(bytes))).toMatch(idPattern('APKA', 20));
        expect(newServiceSpecificCredentialId(replay(bytes))).toMatch(idPattern('ACCA', 20));
        expect(newSigningCertificateId(replay(bytes))).toMatch(/^[A-Z2-7]{32}$/);
      }),
    );
  });
});

describe('newAccessKeyId', () => {
  it('is AKIA or ASIA and 16 base32 characters', () => {
    fc.assert(
      fc.property(fc.constantFrom('AKIA' as const, 'ASIA' as const), seedBytes, (prefix, bytes) => {
        expect(newAccessKeyId(prefix, replay(bytes))).toMatch(idPattern(prefix, 20));
      }),
    );
  });

  it('carries the account id when asked, and it decodes back', () => {
    const accounts = fc.stringMatching(/^\d{12}$/);
    fc.assert(
      fc.property(fc.constantFrom('AKIA' as const, 'ASIA' as const), accounts, seedBytes, (prefix, account, bytes) => {
        const id = newAccessKeyId(prefix, replay(bytes), { accountId: account });
        expect(id).toMatch(idPattern(prefix, 20));
        expect(accountIdFromAccessKeyId(id)).toBe(account);
      }),
    );
  });

  it('decodes the published real-world example', () => {
    // Key id and account from Aidan Steele's and Tal Be'ery's write-ups on the key format.
    expect(accountIdFromAccessKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
  });

  it('finds no account in old-generation or malformed ids', () => {
    expect(accountIdFromAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBeNull();
    expect(accountIdFromAccessKeyId('AKIA1234')).toBeNull();
    expect(accountIdFromAccessKeyId('AKIAIOSFODNN7EXAMPL0')).toBeNull();
  });

  it('rejects an account id that is not 12 digits', () => {
    expect(() => newAccessKeyId('AKIA', undefined, { accountId: '12345' })).toThrow(RangeError);
  });
});

describe('newSecretAccessKey', () => {
  it('is 40 base64 characters without padding', () => {
    fc.assert(
      fc.property(seedBytes, (bytes) => {
        expect(newSecretAccessKey(replay(bytes))).toMatch(/^[A-Za-z0-9+/]{40}$/);
      }),
    );
  });
});

describe('newAccountId', () => {
  it('is 12 digits that do not start with 0', () => {
    fc.assert(
      fc.property(seedBytes, (bytes) => {
        const id = newAccountId(replay(bytes));
        expect(isAccountId(id)).toBe(true);
        expect(id[0]).not.toBe('0');
      }),
    );
  });

  it('uses every digit across draws', () => {
    const random = deterministicRandom('accounts');
    const seen = new Set(Array.from({ length: 50 }, () => newAccountId(random)).join(''));
    expect(seen.size).toBe(10);
  });
});
