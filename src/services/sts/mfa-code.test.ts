import { describe, expect, it } from 'vitest';
import type { Caller } from '../../auth/caller.js';
import { sealMfaSeed } from '../../auth/mfa/seed-box.js';
import { currentTotp } from '../../auth/mfa/totp.js';
import { SecretBox } from '../../auth/secret-box.js';
import type { MfaDevice } from '../../domain/credentials.js';
import { cryptoRandom } from '../../domain/random.js';
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

function device(overrides: Partial<MfaDevice> = {}): MfaDevice {
  return {
    accountId: ACCOUNT,
    serialNumber: SERIAL,
    type: 'virtual',
    name: 'ana',
    path: '/',
    sealedSeed: sealMfaSeed(secrets, SERIAL, SEED),
    createDate: new Date(0),
    tags: [],
    assignment: { userName: 'ana', enableDate: new Date(0) },
    ...overrides,
  };
}

const ana: Caller = {
  accountId: ACCOUNT,
  principal: { type: 'User', arn: `arn:aws:iam::${ACCOUNT}:user/ana`, account: ACCOUNT },
  userId: 'AIDAEXAMPLEEXAMPLE01',
  user: { accountId: ACCOUNT, id: 'AIDAEXAMPLEEXAMPLE01', name: 'ana', path: '/', arn: `arn:aws:iam::${ACCOUNT}:user/ana`, createDate: new Date(0), tags: [] },
  accessKeyId: 'AKIAEXAMPLEEXAMPLE01',
};

function context(stored: MfaDevice | undefined, caller: Caller = ana, accepted: number[] = [], failures: string[] = []): ServiceContext {
  const store = {
    read: async <T>(fn: (tx: unknown) => Promise<T>) => fn({ mfaDevices: { get: async () => stored } }),
    chargeMfaAttempt: async (_account: string, serial: string) => {
      failures.push(serial);
      return stored?.codeFailures?.lockedUntil === undefined || stored.codeFailures.lockedUntil <= NOW;
    },
    acceptMfaTimeStep: async (_account: string, _serial: string, step: number) => {
      if (accepted.some((s) => s >= step)) return false;
      accepted.push(step);
      return true;
    },
  } as unknown as Store;
  return { store, caller, accountId: ACCOUNT, now: NOW, random: cryptoRandom, secrets, requestId: 'r', region: 'us-east-1' };
}

const input = (code: string, serial = SERIAL) => ({ SerialNumber: serial, TokenCode: code });
const codeAt = (step: number): string => currentTotp(SEED, new Date(step * 30000));

describe('verifyMfaCode', () => {
  it('is undefined without SerialNumber and TokenCode', async () => {
    expect(await verifyMfaCode({}, context(device()))).toBeUndefined();
    expect(mfaRequestKeys(undefined)).toEqual({});
  });

  it('finds the step of a current code of the caller\'s device, without spending it', async () => {
    const ctx = context(device());
    const verified = await verifyMfaCode(input(codeAt(STEP)), ctx);
    expect(verified).toEqual({ serialNumber: SERIAL, step: STEP });
    expect(await verifyMfaCode(input(codeAt(STEP - 1)), ctx)).toEqual({ serialNumber: SERIAL, step: STEP - 1 });
    expect(mfaRequestKeys(verified)).toEqual({ 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' });
  });

  it('refuses wrong, stale and already accepted codes as an invalid pass code', async () => {
    const failures: string[] = [];
    await expect(verifyMfaCode(input(codeAt(STEP - 3)), context(device(), ana, [], failures))).rejects.toMatchObject({ code: 'AccessDenied', message: INVALID });
    expect(failures).toEqual([SERIAL]);
    // A locked device refuses even its current code.
    const locked = device({ codeFailures: { failedAttempts: 5, lockedUntil: new Date(NOW.getTime() + 1000) } });
    await expect(verifyMfaCode(input(codeAt(STEP)), context(locked, ana, [], failures))).rejects.toMatchObject({ message: INVALID });
    await expect(verifyMfaCode(input(codeAt(STEP)), context(device({ lastAcceptedStep: STEP })))).rejects.toMatchObject({ message: INVALID });
    await expect(verifyMfaCode({ SerialNumber: SERIAL }, context(device()))).rejects.toMatchObject({ message: INVALID });
  });

  it('cannot validate a serial that is not an MFA device of the caller', async () => {
    const code = codeAt(STEP);
    await expect(verifyMfaCode(input(code), context(undefined))).rejects.toMatchObject({ message: expect.stringMatching(UNVERIFIABLE) });
    await expect(verifyMfaCode(input(code), context(device({ assignment: { userName: 'ben', enableDate: new Date(0) } })))).rejects.toMatchObject({
      message: expect.stringMatching(UNVERIFIABLE),
    });
    const { assignment: _unassigned, ...unassigned } = device();
    await expect(verifyMfaCode(input(code), context(unassigned))).rejects.toMatchObject({ message: expect.stringMatching(UNVERIFIABLE) });
    const roleSession: Caller = {
      accountId: ACCOUNT,
      principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s`, account: ACCOUNT, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` },
      userId: 'AROAEXAMPLEEXAMPLE01:s',
      accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
    };
    await expect(verifyMfaCode(input(code), context(device(), roleSession))).rejects.toMatchObject({ message: expect.stringMatching(UNVERIFIABLE) });
    // Sealed for another serial: the seal does not open here.
    await expect(verifyMfaCode(input(code), context(device({ sealedSeed: sealMfaSeed(secrets, `${SERIAL}-other`, SEED) })))).rejects.toMatchObject({
      message: expect.stringMatching(UNVERIFIABLE),
    });
  });

  it("accepts the root user's own device", async () => {
    const root: Caller = { accountId: ACCOUNT, principal: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, account: ACCOUNT }, userId: ACCOUNT, accessKeyId: 'AKIAROOT' };
    const rootDevice = device({ assignment: { userName: null, enableDate: new Date(0) } });
    expect(await verifyMfaCode(input(codeAt(STEP)), context(rootDevice, root))).toEqual({ serialNumber: SERIAL, step: STEP });
    await expect(verifyMfaCode(input(codeAt(STEP)), context(rootDevice))).rejects.toMatchObject({ message: expect.stringMatching(UNVERIFIABLE) });
  });
});

describe('acceptMfaCode', () => {
  it('spends a code once and dates the MFA claim now', async () => {
    const ctx = context(device());
    const verified = { serialNumber: SERIAL, step: STEP };
    expect(await acceptMfaCode(ctx, verified)).toEqual({ authTime: NOW.getTime() / 1000, serialNumber: SERIAL });
    await expect(acceptMfaCode(ctx, verified)).rejects.toMatchObject({ message: INVALID });
  });
});
