// verifyMfaCode and acceptMfaCode on a real SQLite store: which devices may vouch for which
// caller, wrong, replayed and locked codes, and a code spent once only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../auth/caller.js';
import { sealMfaSeed } from '../../auth/mfa/seed-box.js';
import { currentTotp } from '../../auth/mfa/totp.js';
import { SecretBox } from '../../auth/secret-box.js';
import type { MfaDevice } from '../../domain/credentials.js';
import { cryptoRandom } from '../../domain/random.js';
import { makeUser } from '../../storage/conformance/harness.js';
import { openStore } from '../../storage/open-store.js';
import type { Store } from '../../storage/ports.js';
import type { ServiceContext } from '../operation.js';
import { acceptMfaCode, mfaRequestKeys, verifyMfaCode } from './mfa-code.js';

const ACCOUNT = '111122223333';
const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/ana`;
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NOW = new Date('2030-01-01T00:00:10Z');
const STEP = Math.floor(NOW.getTime() / 30000);
const secrets = new SecretBox(new Uint8Array(32).fill(7));

const INVALID = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
const UNVERIFIABLE = /unable to validate MFA code/;

const anaUser = makeUser(ACCOUNT, 'ana');
const benUser = makeUser(ACCOUNT, 'ben');

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-mfa-code-'));
  store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
  await store.write(async (tx) => {
    await tx.accounts.insert({ id: ACCOUNT, createdAt: new Date(0), settings: {} });
    await tx.users.insert(anaUser);
    await tx.users.insert(benUser);
  });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A virtual device enabled for ana (unless `overrides` says otherwise), written to the store. */
async function storeDevice(overrides: Partial<MfaDevice> = {}): Promise<MfaDevice> {
  const serialNumber = overrides.serialNumber ?? SERIAL;
  const device: MfaDevice = {
    accountId: ACCOUNT,
    serialNumber,
    type: 'virtual',
    name: serialNumber.slice(serialNumber.lastIndexOf('/') + 1),
    path: '/',
    sealedSeed: sealMfaSeed(secrets, serialNumber, SEED),
    createDate: new Date(0),
    tags: [],
    assignment: { userName: 'ana', enableDate: new Date(0) },
    ...overrides,
  };
  await store.write((tx) => tx.mfaDevices.insert(device));
  return device;
}

const ana: Caller = {
  accountId: ACCOUNT,
  principal: { type: 'User', arn: anaUser.arn, account: ACCOUNT },
  userId: anaUser.id,
  user: anaUser,
  accessKeyId: 'AKIAEXAMPLEEXAMPLE01',
};

function context(caller: Caller = ana, now: Date = NOW): ServiceContext {
  return { store, caller, accountId: ACCOUNT, now, random: cryptoRandom, secrets, requestId: 'r', region: 'us-east-1' };
}

const failedAttempts = async (serial = SERIAL): Promise<number> =>
  (await store.read((tx) => tx.mfaDevices.get(ACCOUNT, serial)))?.codeFailures?.failedAttempts ?? 0;

const input = (code: string, serial = SERIAL) => ({ SerialNumber: serial, TokenCode: code });
const codeAt = (step: number): string => currentTotp(SEED, new Date(step * 30000));

describe('verifyMfaCode', () => {
  it('is undefined without SerialNumber and TokenCode', async () => {
    await storeDevice();
    expect(await verifyMfaCode({}, context())).toBeUndefined();
    expect(mfaRequestKeys(undefined)).toEqual({});
  });

  it("finds the step of a current code of the caller's device, without spending it", async () => {
    await storeDevice();
    const verified = await verifyMfaCode(input(codeAt(STEP)), context());
    expect(verified).toEqual({ serialNumber: SERIAL, step: STEP });
    expect(await verifyMfaCode(input(codeAt(STEP - 1)), context())).toEqual({ serialNumber: SERIAL, step: STEP - 1 });
    expect(await verifyMfaCode(input(codeAt(STEP)), context())).toEqual({ serialNumber: SERIAL, step: STEP });
    expect(mfaRequestKeys(verified)).toEqual({ 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' });
  });

  it('refuses a wrong or stale code and a missing one as an invalid pass code, and counts the try', async () => {
    await storeDevice();
    await expect(verifyMfaCode(input(codeAt(STEP - 3)), context())).rejects.toMatchObject({ code: 'AccessDenied', message: INVALID });
    expect(await failedAttempts()).toBe(1);
    await expect(verifyMfaCode({ SerialNumber: SERIAL }, context())).rejects.toMatchObject({ message: INVALID });
  });

  it('refuses a code at or before the last accepted step', async () => {
    await storeDevice();
    expect(await acceptMfaCode(context(), { serialNumber: SERIAL, step: STEP })).toMatchObject({ serialNumber: SERIAL });
    await expect(verifyMfaCode(input(codeAt(STEP)), context())).rejects.toMatchObject({ message: INVALID });
    await expect(verifyMfaCode(input(codeAt(STEP - 1)), context())).rejects.toMatchObject({ message: INVALID });
  });

  it('locks the device after five wrong codes: even its current code is refused until the lock ends', async () => {
    await storeDevice();
    for (let i = 0; i < 5; i++) await expect(verifyMfaCode(input(codeAt(STEP - 10)), context())).rejects.toMatchObject({ message: INVALID });
    await expect(verifyMfaCode(input(codeAt(STEP)), context())).rejects.toMatchObject({ message: INVALID });
    // Fifteen minutes on, the device takes its code of that moment again.
    const later = new Date(NOW.getTime() + 15 * 60 * 1000 + 1000);
    const laterStep = Math.floor(later.getTime() / 30000);
    expect(await verifyMfaCode(input(codeAt(laterStep)), context(ana, later))).toEqual({ serialNumber: SERIAL, step: laterStep });
  });

  it('cannot validate a serial that is not an MFA device of the caller', async () => {
    const code = codeAt(STEP);
    const unverifiable = { message: expect.stringMatching(UNVERIFIABLE) };
    await expect(verifyMfaCode(input(code), context())).rejects.toMatchObject(unverifiable);
    const bens = await storeDevice({ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/bens`, assignment: { userName: 'ben', enableDate: new Date(0) } });
    await expect(verifyMfaCode(input(code, bens.serialNumber), context())).rejects.toMatchObject(unverifiable);
    const unassigned = await storeDevice({ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/spare`, assignment: undefined });
    await expect(verifyMfaCode(input(code, unassigned.serialNumber), context())).rejects.toMatchObject(unverifiable);
    const roleSession: Caller = {
      accountId: ACCOUNT,
      principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s`, account: ACCOUNT, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` },
      userId: 'AROAEXAMPLEEXAMPLE01:s',
      accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
    };
    await storeDevice();
    await expect(verifyMfaCode(input(code), context(roleSession))).rejects.toMatchObject(unverifiable);
    // Sealed for another serial: the seal does not open here.
    const resealed = `arn:aws:iam::${ACCOUNT}:mfa/resealed`;
    await storeDevice({ serialNumber: resealed, sealedSeed: sealMfaSeed(secrets, `${SERIAL}-other`, SEED) });
    await expect(verifyMfaCode(input(code, resealed), context())).rejects.toMatchObject(unverifiable);
  });

  it("accepts the root user's own device", async () => {
    const root: Caller = { accountId: ACCOUNT, principal: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, account: ACCOUNT }, userId: ACCOUNT, accessKeyId: 'AKIAROOT' };
    await storeDevice({ assignment: { userName: null, enableDate: new Date(0) } });
    expect(await verifyMfaCode(input(codeAt(STEP)), context(root))).toEqual({ serialNumber: SERIAL, step: STEP });
    await expect(verifyMfaCode(input(codeAt(STEP)), context())).rejects.toMatchObject({ message: expect.stringMatching(UNVERIFIABLE) });
  });
});

describe('acceptMfaCode', () => {
  it('spends a code once, clears the tries and dates the MFA claim now', async () => {
    await storeDevice();
    await expect(verifyMfaCode(input(codeAt(STEP - 5)), context())).rejects.toMatchObject({ message: INVALID });
    const verified = await verifyMfaCode(input(codeAt(STEP)), context());
    expect(await acceptMfaCode(context(), verified!)).toEqual({ authTime: NOW.getTime() / 1000, serialNumber: SERIAL });
    expect(await failedAttempts()).toBe(0);
    await expect(acceptMfaCode(context(), verified!)).rejects.toMatchObject({ message: INVALID });
  });
});
