import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { PasswordPolicy } from '../../domain/entities.js';
import { hashPassword } from './hash.js';
import {
  AWS_PASSWORD_SYMBOLS,
  UPDATE_PASSWORD_POLICY_DEFAULTS,
  checkPassword,
  passwordExpiresAt,
  passwordExpired,
  userMayReplaceExpiredPassword,
} from './policy.js';

const strict: PasswordPolicy = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
};

describe('checkPassword under the default policy (no custom policy set)', () => {
  it('accepts 8 characters with three character types', async () => {
    expect(await checkPassword('abcdEF12', undefined)).toBeUndefined();
    expect(await checkPassword('abcdefG!', undefined)).toBeUndefined();
  });

  it("refuses fewer than 8 characters with AWS's message", async () => {
    const violation = await checkPassword('aB3!', undefined);
    expect(violation).toEqual({ code: 'PasswordPolicyViolation', message: 'Password should have a minimum length of 8', rules: ['minimumLength'] });
  });

  it("lists the missing types with AWS's 'meet N more' message", async () => {
    // The exact text AWS returned for a lowercase-and-digits password.
    expect((await checkPassword('abcdefgh12', undefined))?.message).toBe(
      'Password should meet 1 more of the following requirements: Password should have at least one uppercase letter, Password should have at least one symbol',
    );
    expect((await checkPassword('abcdefghij', undefined))?.message).toBe(
      'Password should meet 2 more of the following requirements: Password should have at least one uppercase letter, ' +
        'Password should have at least one number, Password should have at least one symbol',
    );
  });

  it("counts only AWS's symbols: ~ and . are not symbols", async () => {
    expect((await checkPassword('abcdefg1~.', undefined))?.rules).toEqual(['characterTypes']);
    expect((await checkPassword('........', undefined))?.message).toMatch(/^Password should meet 3 more of the following requirements: /);
  });

  it('refuses the user name, account name or email as the password, ignoring case', async () => {
    const context = { userName: 'Alice_2024!', accountName: 'Acme-Prod1', accountEmail: 'Ops1@Example.com' };
    for (const password of ['alice_2024!', 'ACME-PROD1', 'ops1@example.com']) {
      expect((await checkPassword(password, undefined, context))?.rules).toEqual(['identity']);
    }
    expect(await checkPassword('Different-2024', undefined, context)).toBeUndefined();
  });
});

describe('checkPassword under a custom policy', () => {
  it('accepts a password meeting every rule', async () => {
    expect(await checkPassword('Correct-Horse-9x', strict)).toBeUndefined();
  });

  it("uses the policy's minimum length in the message", async () => {
    expect((await checkPassword('Sh0rt!pass', strict))?.message).toBe('Password should have a minimum length of 14');
  });

  it('names each missing character type', async () => {
    const cases: readonly [string, string][] = [
      ['correct-horse-9x', 'Password should have at least one uppercase letter'],
      ['CORRECT-HORSE-9X', 'Password should have at least one lowercase letter'],
      ['Correct-Horse-xx', 'Password should have at least one number'],
      ['CorrectHorse9xyz', 'Password should have at least one symbol'],
    ];
    for (const [password, message] of cases) expect((await checkPassword(password, strict))?.message).toBe(message);
  });

  it('reports every failed rule, in a stable order', async () => {
    const violation = await checkPassword('abc', strict);
    expect(violation?.rules).toEqual(['minimumLength', 'uppercase', 'numbers', 'symbols']);
    expect(violation?.message).toBe(
      'Password should have a minimum length of 14, Password should have at least one uppercase letter, ' +
        'Password should have at least one number, Password should have at least one symbol',
    );
  });

  it('does not apply the default three-of-four rule to a lenient custom policy', async () => {
    expect(await checkPassword('aaaaaa', UPDATE_PASSWORD_POLICY_DEFAULTS)).toBeUndefined();
    expect((await checkPassword('aaaaa', UPDATE_PASSWORD_POLICY_DEFAULTS))?.message).toBe('Password should have a minimum length of 6');
  });

  it('refuses one of the last N passwords and allows older ones', async () => {
    // Cheap parameters keep the test fast; verification reads them from each record.
    const cheap = { N: 2 ** 10, r: 8, p: 1 };
    const hashes = await Promise.all(['Newest-Pass-01', 'Middle-Pass-02', 'Oldest-Pass-03'].map((p) => hashPassword(p, cheap)));
    const policy: PasswordPolicy = { ...strict, minimumPasswordLength: 8, passwordReusePrevention: 2 };
    const context = { previousHashes: hashes };
    expect(await checkPassword('Newest-Pass-01', policy, context)).toEqual({
      code: 'PasswordPolicyViolation',
      message: 'Password should not be one of your previous 2 passwords',
      rules: ['reuse'],
    });
    expect((await checkPassword('Middle-Pass-02', policy, context))?.rules).toEqual(['reuse']);
    expect(await checkPassword('Oldest-Pass-03', policy, context)).toBeUndefined();
    expect(await checkPassword('Newest-Pass-01', { ...policy, passwordReusePrevention: undefined }, context)).toBeUndefined();
  });

  it('agrees with a direct character scan for any printable password (property)', async () => {
    const alphabet = fc.constantFrom(...'aZ9!~. xY0@|\''.split(''), ...AWS_PASSWORD_SYMBOLS.split(''));
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { minLength: 0, maxLength: 20 }).map((chars) => chars.join('')), async (password) => {
        const violation = await checkPassword(password, strict);
        const ok =
          password.length >= 14 &&
          /[A-Z]/.test(password) &&
          /[a-z]/.test(password) &&
          /[0-9]/.test(password) &&
          [...password].some((c) => AWS_PASSWORD_SYMBOLS.includes(c));
        expect(violation === undefined).toBe(ok);
      }),
    );
  });
});

describe('password expiry', () => {
  const changed = new Date('2024-01-01T00:00:00Z');
  const policy: PasswordPolicy = { ...strict, maxPasswordAge: 90 };

  it('expires exactly MaxPasswordAge days after the last change', () => {
    expect(passwordExpiresAt(changed, policy)?.toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(passwordExpired(changed, policy, new Date('2024-03-30T23:59:59Z'))).toBe(false);
    expect(passwordExpired(changed, policy, new Date('2024-03-31T00:00:00Z'))).toBe(true);
  });

  it('never expires without a policy or with MaxPasswordAge 0', () => {
    const far = new Date('2100-01-01T00:00:00Z');
    expect(passwordExpired(changed, undefined, far)).toBe(false);
    expect(passwordExpired(changed, { ...policy, maxPasswordAge: 0 }, far)).toBe(false);
    expect(passwordExpiresAt(changed, strict)).toBeUndefined();
  });

  it('lets the user replace an expired password unless HardExpiry is set', () => {
    expect(userMayReplaceExpiredPassword(policy)).toBe(true);
    expect(userMayReplaceExpiredPassword(undefined)).toBe(true);
    expect(userMayReplaceExpiredPassword({ ...policy, hardExpiry: true })).toBe(false);
  });
});
