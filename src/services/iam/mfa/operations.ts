// IAM virtual MFA devices: create (the TOTP seed returned once, sealed at rest), enable with
// two consecutive codes, resync, deactivate and delete; plus the listing and tag actions.
// Each accepted code's time step is recorded, so a code works once only.

import { newTotpSeed, totpUri } from '../../../auth/mfa/totp.js';
import { totpQrPng } from '../../../auth/mfa/qr-png.js';
import { sealMfaSeed } from '../../../auth/mfa/seed-box.js';
import type { MfaDevice } from '../../../domain/credentials.js';
import { mfaArn } from '../../../domain/arn.js';
import { MFA_DEVICES_PER_ROOT_USER, MFA_DEVICES_PER_USER, VIRTUAL_MFA_DEVICES_PER_ACCOUNT } from '../../../domain/quotas.js';
import { EntityAlreadyExistsError } from '../../../storage/errors.js';
import { optStr, str, wireTags } from '../../input.js';
import type { AuthCheck, OperationTable } from '../../operation.js';
import { quotaExceeded } from '../errors.js';
import { verifyCodePair } from './codes.js';
import {
  invalidAuthenticationCode,
  mfaDeviceExists,
  mfaDeviceInUse,
  mfaDeviceInUseOnDelete,
  mfaDeviceNotForUser,
  mfaDevicesPerUserExceeded,
  noSuchMfaDevice,
} from './errors.js';
import { mfaListingOperations } from './listing.js';
import { isAssignedTo, mfaDeviceChecks, mfaOwner, mfaOwnerChecks } from './owner.js';
import { checkMfaTagCount, mfaTagOperations, mustGetDevice } from './tags.js';
import { requestTagKeys, requestTags } from '../tag-keys.js';

const deviceLifecycleOperations: OperationTable = {
  CreateVirtualMFADevice: {
    checks(input, ctx) {
      const tags = requestTags(input);
      const resource = mfaArn(ctx.accountId, optStr(input, 'Path') ?? '/', str(input, 'VirtualMFADeviceName'));
      const keys = requestTagKeys(tags);
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagMFADevice', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'VirtualMFADeviceName');
      const path = optStr(input, 'Path') ?? '/';
      const tags = requestTags(input);
      checkMfaTagCount(tags);
      const serialNumber = mfaArn(ctx.accountId, path, name);
      const seed = newTotpSeed(ctx.random);
      // AWS: otpauth://totp/$virtualMFADeviceName@$AccountName, AccountName being the
      // caller's user name, or the account id.
      const qrCode = await totpQrPng(totpUri(seed, { account: `${name}@${ctx.caller.user?.name ?? ctx.accountId}` }));
      const device: MfaDevice = {
        accountId: ctx.accountId,
        serialNumber,
        type: 'virtual',
        name,
        path,
        sealedSeed: sealMfaSeed(ctx.secrets, serialNumber, seed),
        createDate: ctx.now,
        tags,
      };
      try {
        await ctx.store.write(async (tx) => {
          if ((await tx.mfaDevices.get(ctx.accountId, serialNumber)) !== undefined) throw mfaDeviceExists();
          if ((await tx.mfaDevices.count(ctx.accountId)) >= VIRTUAL_MFA_DEVICES_PER_ACCOUNT) {
            throw quotaExceeded('MFADevices', VIRTUAL_MFA_DEVICES_PER_ACCOUNT);
          }
          await tx.mfaDevices.insert(device);
        });
      } catch (error) {
        // A concurrent create of the same serial won the race.
        if (error instanceof EntityAlreadyExistsError) throw mfaDeviceExists();
        throw error;
      }
      return {
        VirtualMFADevice: {
          SerialNumber: serialNumber,
          // Blobs: the SDKs and the aws CLI (--bootstrap-method) decode them to the Base32
          // text and the PNG bytes.
          Base32StringSeed: new Uint8Array(Buffer.from(seed, 'ascii')),
          QRCodePNG: new Uint8Array(qrCode),
          ...(tags.length > 0 && { Tags: wireTags(tags) }),
        },
      };
    },
  },

  EnableMFADevice: {
    checks: mfaOwnerChecks,
    async run(input, ctx) {
      const serialNumber = str(input, 'SerialNumber');
      await ctx.store.write(async (tx) => {
        const owner = await mfaOwner(tx, input, ctx);
        const device = await mustGetDevice(tx, ctx.accountId, serialNumber);
        if (device.assignment !== undefined) throw mfaDeviceInUse();
        const limit = owner.userName === null ? MFA_DEVICES_PER_ROOT_USER : MFA_DEVICES_PER_USER;
        if ((await tx.mfaDevices.countForUser(ctx.accountId, owner.userName)) >= limit) throw mfaDevicesPerUserExceeded();
        const step = verifyCodePair(ctx, device, input);
        await tx.mfaDevices.update({ ...device, assignment: { userName: owner.userName, enableDate: ctx.now } });
        if (!(await tx.mfaDevices.acceptTimeStep(ctx.accountId, device.serialNumber, step))) throw invalidAuthenticationCode();
      });
      return undefined;
    },
  },

  ResyncMFADevice: {
    checks: mfaOwnerChecks,
    async run(input, ctx) {
      const serialNumber = str(input, 'SerialNumber');
      await ctx.store.write(async (tx) => {
        const owner = await mfaOwner(tx, input, ctx);
        const device = await mustGetDevice(tx, ctx.accountId, serialNumber);
        if (!isAssignedTo(device, owner.userName)) throw mfaDeviceNotForUser();
        // Keyward keeps no per-device drift offset: a resync proves the device still makes
        // codes near now and moves the replay guard past them (docs/mfa.md).
        const step = verifyCodePair(ctx, device, input);
        if (!(await tx.mfaDevices.acceptTimeStep(ctx.accountId, device.serialNumber, step))) throw invalidAuthenticationCode();
      });
      return undefined;
    },
  },

  DeactivateMFADevice: {
    checks: mfaOwnerChecks,
    async run(input, ctx) {
      const serialNumber = str(input, 'SerialNumber');
      await ctx.store.write(async (tx) => {
        const owner = await mfaOwner(tx, input, ctx);
        const device = await mustGetDevice(tx, ctx.accountId, serialNumber);
        if (!isAssignedTo(device, owner.userName)) throw mfaDeviceNotForUser();
        // A virtual device survives, unassigned, until DeleteVirtualMFADevice; other kinds
        // exist only while enabled.
        if (device.type !== 'virtual') {
          await tx.mfaDevices.delete(ctx.accountId, device.serialNumber);
          return;
        }
        const { assignment: _assignment, ...unassigned } = device;
        await tx.mfaDevices.update(unassigned);
      });
      return undefined;
    },
  },

  DeleteVirtualMFADevice: {
    checks: (input, ctx) => mfaDeviceChecks(ctx, str(input, 'SerialNumber')),
    async run(input, ctx) {
      const serialNumber = str(input, 'SerialNumber');
      await ctx.store.write(async (tx) => {
        const device = await tx.mfaDevices.get(ctx.accountId, serialNumber);
        if (device === undefined || device.type !== 'virtual') throw noSuchMfaDevice(serialNumber);
        if (device.assignment !== undefined) throw mfaDeviceInUseOnDelete();
        await tx.mfaDevices.delete(ctx.accountId, device.serialNumber);
      });
      return undefined;
    },
  },
};

export const mfaDeviceOperations: OperationTable = {
  ...deviceLifecycleOperations,
  ...mfaListingOperations,
  ...mfaTagOperations,
};
