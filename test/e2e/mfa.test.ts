// Virtual MFA devices through the real SDK: create (seed and QR code once), enable with two
// consecutive codes, resync, deactivate, delete, the listings and tags, root MFA, and
// policies that decide who may manage which device.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { ACCOUNT_ID } from '../support/server.js';
import { codeAt, createDevice, enableDevice, nextStep, wrongCode, type Device } from '../support/mfa-fixtures.js';
import { createUser, policy, sessionKeys, startStsNode, statement, type StsNode } from '../support/sts-fixtures.js';

const mfaArnOf = (pathAndName: string): string => `arn:aws:iam::${ACCOUNT_ID}:mfa/${pathAndName}`;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let t: StsNode;
beforeAll(async () => {
  t = await startStsNode();
  for (const name of ['ana', 'ben', 'cy']) await t.iam().send(new CreateUserCommand({ UserName: name }));
});
afterAll(async () => {
  await t.stop();
});

function codes(device: Device, step: number): { AuthenticationCode1: string; AuthenticationCode2: string } {
  return { AuthenticationCode1: codeAt(device.seed, step - 1), AuthenticationCode2: codeAt(device.seed, step) };
}

describe('CreateVirtualMFADevice', () => {
  it('returns the serial, the Base32 seed and a PNG QR code once, with tags', async () => {
    const out = await t.iam().send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Path: '/team/', Tags: [{ Key: 'kind', Value: 'app' }] }),
    );
    const device = out.VirtualMFADevice!;
    expect(device.SerialNumber).toBe(mfaArnOf('team/phone'));
    // The SDK decodes the blobs: the seed's Base32 text and the PNG's bytes.
    expect(Buffer.from(device.Base32StringSeed!).toString('ascii')).toMatch(/^[A-Z2-7]{64}$/);
    expect([...device.QRCodePNG!.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(device.Tags).toEqual([{ Key: 'kind', Value: 'app' }]);
    const listed = await t.iam().send(new ListVirtualMFADevicesCommand({}));
    const again = listed.VirtualMFADevices!.find((d) => d.SerialNumber === device.SerialNumber)!;
    expect(again).toBeDefined();
    expect(again.Base32StringSeed).toBeUndefined();
    expect(again.QRCodePNG).toBeUndefined();
  });

  it('refuses a serial already taken, names compared case-insensitively', async () => {
    await createDevice(t, 'dup-device');
    await expect(t.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'DUP-device' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'MFADevice entity at the same path and name already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });
});

describe('EnableMFADevice', () => {
  it('assigns the device to the user with two consecutive codes', async () => {
    const device = await createDevice(t, 'ana-phone');
    await enableDevice(t, 'ana', device);
    const mine = await t.iam().send(new ListMFADevicesCommand({ UserName: 'ana' }));
    expect(mine.MFADevices).toHaveLength(1);
    expect(mine.MFADevices![0]).toMatchObject({ UserName: 'ana', SerialNumber: device.serial });
    expect(mine.MFADevices![0]!.EnableDate).toBeInstanceOf(Date);
    const got = await t.iam().send(new GetMFADeviceCommand({ UserName: 'ana', SerialNumber: device.serial }));
    expect(got).toMatchObject({ UserName: 'ana', SerialNumber: device.serial });
  });

  it('refuses wrong, non-consecutive and replayed codes with InvalidAuthenticationCode', async () => {
    const device = await createDevice(t, 'ben-phone');
    const step = nextStep(t);
    const invalid = { name: 'InvalidAuthenticationCodeException', message: 'Authentication code for device is not valid.', $metadata: { httpStatusCode: 403 } };
    const enable = (code1: string, code2: string): Promise<unknown> =>
      t.iam().send(new EnableMFADeviceCommand({ UserName: 'ben', SerialNumber: device.serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }));
    await expect(enable(wrongCode(device.seed, step), codeAt(device.seed, step))).rejects.toMatchObject(invalid);
    await expect(enable(codeAt(device.seed, step - 2), codeAt(device.seed, step))).rejects.toMatchObject(invalid);
    await expect(enable(codeAt(device.seed, step), codeAt(device.seed, step - 1))).rejects.toMatchObject(invalid);
    // A failed attempt changed nothing: the device is still unassigned.
    const unassigned = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(unassigned.VirtualMFADevices!.map((d) => d.SerialNumber)).toContain(device.serial);
    await enable(codeAt(device.seed, step - 1), codeAt(device.seed, step));
    // The same pair again (now spent) cannot resync the device.
    await expect(
      t.iam().send(new ResyncMFADeviceCommand({ UserName: 'ben', SerialNumber: device.serial, ...codes(device, step) })),
    ).rejects.toMatchObject(invalid);
  });

  it('refuses a device in use, an unknown device and an unknown user', async () => {
    const device = await createDevice(t, 'shared-phone');
    await enableDevice(t, 'cy', device);
    const step = nextStep(t);
    await expect(t.iam().send(new EnableMFADeviceCommand({ UserName: 'ana', SerialNumber: device.serial, ...codes(device, step) }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'MFA Device is already in use.',
      $metadata: { httpStatusCode: 409 },
    });
    const missing = mfaArnOf('nobody-has-this');
    await expect(t.iam().send(new EnableMFADeviceCommand({ UserName: 'ana', SerialNumber: missing, ...codes(device, step) }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `VirtualMFADevice with serial number ${missing} does not exist.`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(t.iam().send(new EnableMFADeviceCommand({ UserName: 'ghost', SerialNumber: device.serial, ...codes(device, step) }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
  });
});

describe('ResyncMFADevice, DeactivateMFADevice and DeleteVirtualMFADevice', () => {
  it('resyncs with fresh codes, then deactivates and deletes the device', async () => {
    await createUser(t, 'dora');
    const device = await createDevice(t, 'dora-phone');
    await enableDevice(t, 'dora', device);
    const step = nextStep(t) + 3; // a device running 90 s fast
    await t.iam().send(new ResyncMFADeviceCommand({ UserName: 'dora', SerialNumber: device.serial, ...codes(device, step) }));
    await expect(t.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.serial }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'MFA VirtualDevice in use. Must deactivate first.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(t.iam().send(new DeactivateMFADeviceCommand({ UserName: 'ana', SerialNumber: device.serial }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'MFA Device invalid for user.',
    });
    await expect(t.iam().send(new GetMFADeviceCommand({ UserName: 'ana', SerialNumber: device.serial }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'MFA Device invalid for user.',
    });
    await t.iam().send(new DeactivateMFADeviceCommand({ UserName: 'dora', SerialNumber: device.serial }));
    expect((await t.iam().send(new ListMFADevicesCommand({ UserName: 'dora' }))).MFADevices).toEqual([]);
    const unassigned = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(unassigned.VirtualMFADevices!.map((d) => d.SerialNumber)).toContain(device.serial);
    await t.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.serial }));
    await expect(t.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.serial }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `VirtualMFADevice with serial number ${device.serial} does not exist.`,
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('listings', () => {
  it('ListVirtualMFADevices filters by AssignmentStatus, names the user and paginates', async () => {
    await createUser(t, 'eve');
    const assigned = await createDevice(t, 'list-a');
    await createDevice(t, 'list-b');
    await enableDevice(t, 'eve', assigned);
    const onlyAssigned = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    const entry = onlyAssigned.VirtualMFADevices!.find((d) => d.SerialNumber === assigned.serial)!;
    expect(entry.User).toMatchObject({ UserName: 'eve', Arn: `arn:aws:iam::${ACCOUNT_ID}:user/eve`, Path: '/' });
    expect(entry.EnableDate).toBeInstanceOf(Date);
    expect(onlyAssigned.VirtualMFADevices!.every((d) => d.User !== undefined)).toBe(true);
    const unassigned = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(unassigned.VirtualMFADevices!.every((d) => d.User === undefined && d.EnableDate === undefined)).toBe(true);
    const all = (await t.iam().send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices!.map((d) => d.SerialNumber);
    expect(all.length).toBe(onlyAssigned.VirtualMFADevices!.length + unassigned.VirtualMFADevices!.length);
    // Ordered by serial number; Marker pages through the same list.
    expect(all).toEqual([...all].sort((a, b) => a!.toLowerCase().localeCompare(b!.toLowerCase())));
    const paged: string[] = [];
    let marker: string | undefined;
    do {
      const page = await t.iam().send(new ListVirtualMFADevicesCommand({ MaxItems: 2, ...(marker !== undefined && { Marker: marker }) }));
      expect(page.VirtualMFADevices!.length).toBeLessThanOrEqual(2);
      paged.push(...page.VirtualMFADevices!.map((d) => d.SerialNumber!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker !== undefined);
    expect(paged).toEqual(all);
  });

  it('ListMFADevices lists a user\'s devices (the caller\'s own without UserName) and paginates', async () => {
    const fay = await createUser(t, 'fay', policy(statement('Allow', ['iam:ListMFADevices', 'iam:EnableMFADevice'], `arn:aws:iam::${ACCOUNT_ID}:user/fay`)));
    const first = await createDevice(t, 'fay-1');
    const second = await createDevice(t, 'fay-2');
    await enableDevice(t, 'fay', first, fay);
    await enableDevice(t, 'fay', second, fay);
    const own = await t.iam(fay).send(new ListMFADevicesCommand({}));
    expect(own.MFADevices!.map((d) => d.SerialNumber)).toEqual([first.serial, second.serial]);
    const page1 = await t.iam().send(new ListMFADevicesCommand({ UserName: 'fay', MaxItems: 1 }));
    expect(page1).toMatchObject({ IsTruncated: true, MFADevices: [{ SerialNumber: first.serial }] });
    const page2 = await t.iam().send(new ListMFADevicesCommand({ UserName: 'fay', MaxItems: 1, Marker: page1.Marker }));
    expect(page2.IsTruncated).toBe(false);
    expect(page2.MFADevices!.map((d) => d.SerialNumber)).toEqual([second.serial]);
    await expect(t.iam(fay).send(new ListMFADevicesCommand({ UserName: 'ana' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`iam:ListMFADevices on resource: arn:aws:iam::${ACCOUNT_ID}:user/ana`),
    });
    await expect(t.iam().send(new ListMFADevicesCommand({ UserName: 'ghost' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('tags', () => {
  it('tags, lists (paginated) and untags a device', async () => {
    const device = await createDevice(t, 'tagged');
    await t.iam().send(new TagMFADeviceCommand({ SerialNumber: device.serial, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await t.iam().send(new TagMFADeviceCommand({ SerialNumber: device.serial, Tags: [{ Key: 'A', Value: '3' }] }));
    const all = await t.iam().send(new ListMFADeviceTagsCommand({ SerialNumber: device.serial }));
    expect(all).toMatchObject({ IsTruncated: false, Tags: [{ Key: 'A', Value: '3' }, { Key: 'b', Value: '2' }] });
    const first = await t.iam().send(new ListMFADeviceTagsCommand({ SerialNumber: device.serial, MaxItems: 1 }));
    expect(first).toMatchObject({ IsTruncated: true, Tags: [{ Key: 'A' }] });
    const rest = await t.iam().send(new ListMFADeviceTagsCommand({ SerialNumber: device.serial, Marker: first.Marker }));
    expect(rest).toMatchObject({ IsTruncated: false, Tags: [{ Key: 'b' }] });
    await t.iam().send(new UntagMFADeviceCommand({ SerialNumber: device.serial, TagKeys: ['a'] }));
    expect((await t.iam().send(new ListMFADeviceTagsCommand({ SerialNumber: device.serial }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const missing = mfaArnOf('no-such-device');
    await expect(t.iam().send(new ListMFADeviceTagsCommand({ SerialNumber: missing }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `VirtualMFADevice with serial number ${missing} does not exist.`,
    });
  });

  it('enforces aws:ResourceTag and aws:RequestTag on device tagging', async () => {
    const gus = await createUser(
      t,
      'gus',
      policy(
        statement('Allow', 'iam:TagMFADevice', '*', { StringEquals: { 'aws:ResourceTag/team': 'blue', 'aws:RequestTag/env': 'dev' } }),
      ),
    );
    const blue = await createDevice(t, 'blue-device');
    const red = await createDevice(t, 'red-device');
    await t.iam().send(new TagMFADeviceCommand({ SerialNumber: blue.serial, Tags: [{ Key: 'team', Value: 'blue' }] }));
    await t.iam().send(new TagMFADeviceCommand({ SerialNumber: red.serial, Tags: [{ Key: 'team', Value: 'red' }] }));
    await t.iam(gus).send(new TagMFADeviceCommand({ SerialNumber: blue.serial, Tags: [{ Key: 'env', Value: 'dev' }] }));
    await expect(t.iam(gus).send(new TagMFADeviceCommand({ SerialNumber: blue.serial, Tags: [{ Key: 'env', Value: 'prod' }] }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(t.iam(gus).send(new TagMFADeviceCommand({ SerialNumber: red.serial, Tags: [{ Key: 'env', Value: 'dev' }] }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`iam:TagMFADevice on resource: ${red.serial}`),
    });
  });
});

describe('enforcement', () => {
  it('lets a user create only a device named after itself (mfa/${aws:username})', async () => {
    const hal = await createUser(t, 'hal', policy(statement('Allow', 'iam:CreateVirtualMFADevice', `arn:aws:iam::${ACCOUNT_ID}:mfa/\${aws:username}`)));
    await expect(t.iam(hal).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'someone-else' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/hal is not authorized to perform: iam:CreateVirtualMFADevice on resource: ${mfaArnOf('someone-else')} because no identity-based policy allows the iam:CreateVirtualMFADevice action`,
    });
    const own = await createDevice(t, 'hal', hal);
    expect(own.serial).toBe(mfaArnOf('hal'));
    // Creating with tags needs iam:TagMFADevice too.
    await expect(
      t.iam(hal).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'hal', Path: '/x/', Tags: [{ Key: 'k', Value: 'v' }] })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('root MFA', () => {
  it('the root user creates and enables its own virtual MFA, then signs GetSessionToken with it', async () => {
    const device = await createDevice(t, 'root-account-mfa-device');
    expect(device.serial).toBe(mfaArnOf('root-account-mfa-device'));
    // EnableMFADevice requires a UserName; the root user names itself `root` (docs/mfa.md).
    await enableDevice(t, 'root', device);
    const own = await t.iam().send(new ListMFADevicesCommand({}));
    expect(own.MFADevices).toHaveLength(1);
    expect(own.MFADevices![0]).toMatchObject({ SerialNumber: device.serial });
    expect(own.MFADevices![0]!.UserName).toBeUndefined();
    const listed = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    const root = listed.VirtualMFADevices!.find((d) => d.SerialNumber === device.serial)!;
    expect(root.User).toMatchObject({ UserId: ACCOUNT_ID, Arn: `arn:aws:iam::${ACCOUNT_ID}:root` });
    const step = nextStep(t);
    const session = await t.sts().send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) }));
    const me = await t.sts(sessionKeys(session.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:root`);
    // An IAM user cannot manage the root user's device.
    await expect(t.iam().send(new DeactivateMFADeviceCommand({ UserName: 'ana', SerialNumber: device.serial }))).rejects.toMatchObject({
      message: 'MFA Device invalid for user.',
    });
    // DeactivateMFADevice without UserName: the caller's own device.
    await t.iam().send(new DeactivateMFADeviceCommand({ SerialNumber: device.serial }));
    expect((await t.iam().send(new ListMFADevicesCommand({}))).MFADevices).toEqual([]);
  });
});
