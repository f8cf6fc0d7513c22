// The MFA walkthrough with the real aws CLI (every CLI installed): a user under AWS's
// "deny everything unless MFA" policy creates and enables a virtual device, then reaches
// IAMReadOnlyAccess only through get-session-token with a fresh code.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsOf, expectJson, expectRefused, expectSuccess, runAws, type CliResult, type Credentials } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { dirWithJsonFiles } from './json-files.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';
import { codeForStep, stepAt, wrongCode } from './totp-oracle.js';

const ACCOUNT = COMPAT_ACCOUNT_ID;
const USER = 'mfa-user';
const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/${USER}`;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** AWS's example "manage your own MFA device; everything else is denied until you sign in with MFA". */
const SELF_MANAGE_MFA = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowManageOwnVirtualMFADevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/*' },
    {
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: ['iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
    {
      Sid: 'DenyAllExceptListedIfNoMFA',
      Effect: 'Deny',
      NotAction: [
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ResyncMFADevice',
        'sts:GetSessionToken',
      ],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};

describe.each(availableClis())('MFA walkthrough with $label', (cli) => {
  let server: KeywardProcess;
  let dir: string;
  let longTerm: Credentials | undefined;
  let seed: string | undefined;
  /** The TOTP step of the second code enable-mfa-device spent: only later steps count now. */
  let enabledStep = 0;
  let sessionCode = '';

  beforeAll(async () => {
    server = await startKeyward();
    dir = await dirWithJsonFiles({ 'self-manage-mfa.json': SELF_MANAGE_MFA });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const aws = (credentials: Credentials, ...args: string[]): Promise<CliResult> => runAws(cli, server.url, credentials, args, dir);
  const root = (...args: string[]): Promise<CliResult> => aws(COMPAT_ROOT_KEY, ...args);
  const asUser = (...args: string[]): Promise<CliResult> => {
    if (longTerm === undefined) throw new Error('no access key: the setup step failed');
    return aws(longTerm, ...args);
  };
  const needSeed = (): string => {
    if (seed === undefined) throw new Error('no seed: create-virtual-mfa-device failed');
    return seed;
  };
  const getSessionToken = (code: string): Promise<CliResult> => asUser('sts', 'get-session-token', '--serial-number', SERIAL, '--token-code', code);

  it('root sets up mfa-user with the self-manage-MFA policy, IAMReadOnlyAccess and an access key', async () => {
    await expectJson(root('iam', 'create-user', '--user-name', USER), 'create-user');
    expectSuccess(await root('iam', 'put-user-policy', '--user-name', USER, '--policy-name', 'self-manage-mfa', '--policy-document', 'file://self-manage-mfa.json'), 'put-user-policy');
    expectSuccess(await root('iam', 'attach-user-policy', '--user-name', USER, '--policy-arn', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'), 'attach-user-policy');
    longTerm = credentialsOf(await expectJson(root('iam', 'create-access-key', '--user-name', USER), 'create-access-key'));
  });

  it('the user creates a virtual device; --outfile gets the Base32 seed', async () => {
    const out = await expectJson(
      asUser('iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', USER, '--outfile', 'seed.txt', '--bootstrap-method', 'Base32StringSeed'),
      'create-virtual-mfa-device',
    );
    expect(out).toEqual({ VirtualMFADevice: { SerialNumber: SERIAL } });
    seed = (await readFile(join(dir, 'seed.txt'), 'utf8')).trim();
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
  });

  it('enable-mfa-device takes two consecutive codes; list-users stays denied with the long-term key', async () => {
    enabledStep = stepAt(Date.now());
    const [code1, code2] = [codeForStep(needSeed(), enabledStep - 1), codeForStep(needSeed(), enabledStep)];
    expectSuccess(
      await asUser('iam', 'enable-mfa-device', '--user-name', USER, '--serial-number', SERIAL, '--authentication-code1', code1, '--authentication-code2', code2),
      'enable-mfa-device',
    );
    const devices = await expectJson(asUser('iam', 'list-mfa-devices', '--user-name', USER), 'list-mfa-devices');
    expect(devices).toMatchObject({ MFADevices: [{ UserName: USER, SerialNumber: SERIAL }] });
    const denied = expectRefused(await asUser('iam', 'list-users'), 'AccessDenied', 'list-users without MFA');
    expect(denied).toBe(
      `An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ with an explicit deny in an identity-based policy`,
    );
  });

  it('get-session-token with a fresh code gives credentials that reach IAMReadOnlyAccess', async () => {
    // enable spent the codes up to enabledStep; the next step's code is already inside the
    // server's ±1 window, so no waiting for the clock.
    sessionCode = codeForStep(needSeed(), Math.max(enabledStep + 1, stepAt(Date.now())));
    const out = await expectJson(getSessionToken(sessionCode), 'get-session-token');
    const session = credentialsOf(out);
    expect(session.accessKeyId).toMatch(/^ASIA/);
    expect(session.sessionToken).toBeTruthy();
    const users = await expectJson(aws(session, 'iam', 'list-users'), 'list-users with MFA');
    expect((users.Users as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual([USER]);
  });

  it('the same code twice, or a wrong code, is refused', async () => {
    const message = 'An error occurred (AccessDenied) when calling the GetSessionToken operation: MultiFactorAuthentication failed with invalid MFA one time pass code.';
    expect(sessionCode).toMatch(/^\d{6}$/);
    expect(expectRefused(await getSessionToken(sessionCode), 'AccessDenied', 'get-session-token replay')).toBe(message);
    const wrong = wrongCode(needSeed(), stepAt(Date.now()));
    expect(expectRefused(await getSessionToken(wrong), 'AccessDenied', 'get-session-token wrong code')).toBe(message);
  });

  it('--bootstrap-method QRCodePNG writes a PNG image', async () => {
    const out = await expectJson(
      asUser('iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', `${USER}-qr`, '--outfile', 'qr.png', '--bootstrap-method', 'QRCodePNG'),
      'create-virtual-mfa-device QRCodePNG',
    );
    expect(out).toEqual({ VirtualMFADevice: { SerialNumber: `${SERIAL}-qr` } });
    const png = await readFile(join(dir, 'qr.png'));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.length).toBeGreaterThan(100);
  });
});
