// The console sign-in check against a real (SQLite) store: account id or alias, root and
// users, lockout, expiry, PasswordLastUsed and rehashing of weak hashes.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../../auth/password/hash.js';
import { DEFAULT_LOCKOUT_RULE } from '../../../auth/password/lockout.js';
import type { LoginProfile } from '../../../domain/credentials.js';
import type { PasswordPolicy } from '../../../domain/entities.js';
import { openStore } from '../../../storage/open-store.js';
import type { Store } from '../../../storage/ports.js';
import { signIn } from './sign-in.js';

const ACCOUNT = '123456789012';
const PASSWORD = 'Correct-Horse-9';
const T0 = new Date('2025-01-01T00:00:00Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

let dir: string;
let store: Store;

async function addProfile(userName: string | null, extra: Partial<LoginProfile> = {}, hash?: string): Promise<void> {
  const passwordHash = hash ?? (await hashPassword(PASSWORD));
  await store.write(async (tx) => {
    await tx.loginProfiles.insert({
      accountId: ACCOUNT,
      userName,
      passwordHash,
      createDate: T0,
      passwordResetRequired: false,
      passwordLastChanged: T0,
      failedAttempts: 0,
      ...extra,
    });
  });
}

async function setPolicy(policy: Partial<PasswordPolicy>): Promise<void> {
  await store.write(async (tx) => {
    const account = await tx.accounts.get(ACCOUNT);
    const base: PasswordPolicy = {
      minimumPasswordLength: 6,
      requireSymbols: false,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: false,
    };
    await tx.accounts.update({ ...account!, passwordPolicy: { ...base, ...policy } });
  });
}

const profileOf = (userName: string | null): Promise<LoginProfile | undefined> =>
  store.read((tx) => tx.loginProfiles.get(ACCOUNT, userName));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-sign-in-'));
  store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
  await store.write(async (tx) => {
    await tx.accounts.insert({ id: ACCOUNT, createdAt: T0, settings: {} });
    await tx.aliases.insert(ACCOUNT, 'acme');
    await tx.users.insert({
      accountId: ACCOUNT,
      id: 'AIDAAAAAAAAAAAAAAAAAA',
      name: 'Alice',
      path: '/',
      arn: `arn:aws:iam::${ACCOUNT}:user/Alice`,
      createDate: T0,
      tags: [],
    });
  });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('signIn', () => {
  it('accepts the right password by account id or alias and records PasswordLastUsed', async () => {
    await addProfile('Alice', { passwordResetRequired: true });
    const byId = await signIn(store, { account: ACCOUNT, userName: 'alice', password: PASSWORD, now: minutes(1) });
    expect(byId).toMatchObject({ ok: true, accountId: ACCOUNT, passwordResetRequired: true, expired: false, user: { name: 'Alice' } });
    const byAlias = await signIn(store, { account: 'ACME', userName: 'Alice', password: PASSWORD, now: minutes(2) });
    expect(byAlias.ok).toBe(true);
    const user = await store.read((tx) => tx.users.get(ACCOUNT, 'Alice'));
    expect(user?.passwordLastUsed).toEqual(minutes(2));
    expect((await profileOf('Alice'))?.passwordLastUsed).toEqual(minutes(2));
  });

  it('signs the root user in when no user name is given', async () => {
    await addProfile(null);
    const result = await signIn(store, { account: ACCOUNT, password: PASSWORD, now: minutes(1) });
    expect(result).toMatchObject({ ok: true, user: undefined });
    expect((await profileOf(null))?.passwordLastUsed).toEqual(minutes(1));
    expect(await signIn(store, { account: ACCOUNT, password: 'Wrong-Horse-9', now: minutes(2) })).toEqual({ ok: false, reason: 'wrong-password' });
  });

  it('refuses unknown accounts, users and users without a password', async () => {
    await addProfile('Alice');
    const attempt = { password: PASSWORD, now: minutes(1) };
    expect(await signIn(store, { ...attempt, account: '999999999999', userName: 'Alice' })).toEqual({ ok: false, reason: 'no-such-account' });
    expect(await signIn(store, { ...attempt, account: 'nobody-alias', userName: 'Alice' })).toEqual({ ok: false, reason: 'no-such-account' });
    expect(await signIn(store, { ...attempt, account: ACCOUNT, userName: 'bob' })).toEqual({ ok: false, reason: 'no-login-profile' });
    expect(await signIn(store, { ...attempt, account: ACCOUNT })).toEqual({ ok: false, reason: 'no-login-profile' });
  });

  it('locks the password after repeated failures, even for the right password, until the lock ends', async () => {
    await addProfile('Alice');
    for (let i = 0; i < DEFAULT_LOCKOUT_RULE.maxFailures; i++) {
      expect(await signIn(store, { account: ACCOUNT, userName: 'Alice', password: `wrong-${i}`, now: minutes(1) })).toEqual({
        ok: false,
        reason: 'wrong-password',
      });
    }
    expect((await profileOf('Alice'))?.failedAttempts).toBe(DEFAULT_LOCKOUT_RULE.maxFailures);
    expect(await signIn(store, { account: ACCOUNT, userName: 'Alice', password: PASSWORD, now: minutes(2) })).toEqual({
      ok: false,
      reason: 'locked',
    });
    const afterLock = minutes(2 + DEFAULT_LOCKOUT_RULE.lockMs / 60_000);
    expect((await signIn(store, { account: ACCOUNT, userName: 'Alice', password: PASSWORD, now: afterLock })).ok).toBe(true);
    const profile = await profileOf('Alice');
    expect(profile?.failedAttempts).toBe(0);
    expect(profile?.lockedUntil).toBeUndefined();
  });

  it('reports an expired password, and refuses it under HardExpiry', async () => {
    await addProfile('Alice');
    await setPolicy({ maxPasswordAge: 1 });
    const twoDays = minutes(2 * 24 * 60);
    expect(await signIn(store, { account: ACCOUNT, userName: 'Alice', password: PASSWORD, now: twoDays })).toMatchObject({ ok: true, expired: true });
    await setPolicy({ maxPasswordAge: 1, hardExpiry: true });
    expect(await signIn(store, { account: ACCOUNT, userName: 'Alice', password: PASSWORD, now: twoDays })).toEqual({
      ok: false,
      reason: 'password-expired',
    });
    // The account password policy does not govern the root user's password.
    await addProfile(null);
    expect(await signIn(store, { account: ACCOUNT, password: PASSWORD, now: twoDays })).toMatchObject({ ok: true, expired: false });
  });

  it('rehashes a password stored with weaker parameters on a successful sign-in', async () => {
    const weak = await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
    await addProfile('Alice', {}, weak);
    expect((await signIn(store, { account: ACCOUNT, userName: 'Alice', password: PASSWORD, now: minutes(1) })).ok).toBe(true);
    const stored = (await profileOf('Alice'))!.passwordHash;
    expect(stored).not.toBe(weak);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });
});
