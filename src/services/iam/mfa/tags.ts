// Tags on virtual MFA devices: TagMFADevice, UntagMFADevice and ListMFADeviceTags, checked
// against the device's ARN with its tags (aws:ResourceTag) and the request's (aws:RequestTag).

import type { MfaDevice } from '../../../domain/credentials.js';
import type { Tag } from '../../../domain/entities.js';
import { TAGS_PER_RESOURCE } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { StoreTx } from '../../../storage/ports.js';
import { str, strList } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { noSuchMfaDevice } from './errors.js';
import { tagPage } from '../list-page.js';
import { mfaDeviceChecks } from './owner.js';
import { mergeTags, removeTags, requestTagKeys, requestTags, tagKeyList } from '../tag-keys.js';

/** The same wording TagUser uses when a resource would pass 50 tags. */
export function checkMfaTagCount(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) {
    throw new IamError('LimitExceeded', `The number of tags has reached the maximum limit of ${TAGS_PER_RESOURCE}.`);
  }
}

export async function mustGetDevice(tx: StoreTx, accountId: string, serialNumber: string): Promise<MfaDevice> {
  const device = await tx.mfaDevices.get(accountId, serialNumber);
  if (device === undefined) throw noSuchMfaDevice(serialNumber);
  return device;
}

export const mfaTagOperations: OperationTable = {
  TagMFADevice: {
    checks: (input, ctx) => mfaDeviceChecks(ctx, str(input, 'SerialNumber'), requestTagKeys(requestTags(input))),
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const device = await mustGetDevice(tx, ctx.accountId, str(input, 'SerialNumber'));
        const tags = mergeTags(device.tags, requestTags(input));
        checkMfaTagCount(tags);
        await tx.mfaDevices.update({ ...device, tags });
      });
      return undefined;
    },
  },

  UntagMFADevice: {
    checks: (input, ctx) => mfaDeviceChecks(ctx, str(input, 'SerialNumber'), tagKeyList(strList(input, 'TagKeys'))),
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const device = await mustGetDevice(tx, ctx.accountId, str(input, 'SerialNumber'));
        await tx.mfaDevices.update({ ...device, tags: removeTags(device.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListMFADeviceTags: {
    checks: (input, ctx) => mfaDeviceChecks(ctx, str(input, 'SerialNumber')),
    async run(input, ctx) {
      const device = await ctx.store.read((tx) => mustGetDevice(tx, ctx.accountId, str(input, 'SerialNumber')));
      return tagPage(device.tags, input);
    },
  },
};
