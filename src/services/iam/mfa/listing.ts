// Reading MFA devices: ListMFADevices (the devices enabled for a user or the root user),
// ListVirtualMFADevices (every virtual device, by AssignmentStatus) and GetMFADevice.

import type { WireObject } from '../../../protocol/wire-value.js';
import type { MfaAssignmentStatus } from '../../../storage/credential-repositories.js';
import type { Page, PageRequest } from '../../../storage/repositories.js';
import { optStr, str } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { mfaDeviceNotForUser, noSuchMfaDevice } from './errors.js';
import { isAssignedTo, mfaOwner, mfaOwnerChecks } from './owner.js';
import { wireMfaDevice, wireVirtualDevice } from './wire.js';

/** Marker/MaxItems over a list the store returns whole (at most 8 devices per user, 50 tags). */
export function pageOf<T>(items: readonly T[], request: PageRequest): Page<T> {
  const start = request.after === undefined ? 0 : Number(request.after);
  const from = Number.isSafeInteger(start) && start > 0 ? start : 0;
  const end = from + request.limit;
  const slice = items.slice(from, end);
  return end < items.length ? { items: slice, nextAfter: String(end) } : { items: slice };
}

function assignmentStatus(input: WireObject): MfaAssignmentStatus {
  const given = optStr(input, 'AssignmentStatus');
  return given === 'Assigned' || given === 'Unassigned' ? given : 'Any';
}

export const mfaListingOperations: OperationTable = {
  ListMFADevices: {
    checks: mfaOwnerChecks,
    async run(input, ctx) {
      const devices = await ctx.store.read(async (tx) => {
        const owner = await mfaOwner(tx, input, ctx);
        return tx.mfaDevices.listForUser(ctx.accountId, owner.userName);
      });
      const page = pageOf(devices, pageRequest(input));
      return { MFADevices: page.items.map(wireMfaDevice), ...pageResult(page) };
    },
  },

  ListVirtualMFADevices: {
    // A wildcard-only action in the Service Authorization Reference.
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      return ctx.store.read(async (tx) => {
        const page = await tx.mfaDevices.list({ accountId: ctx.accountId, assignmentStatus: assignmentStatus(input), type: 'virtual', ...pageRequest(input) });
        const devices: WireObject[] = [];
        for (const device of page.items) devices.push(await wireVirtualDevice(tx, device));
        return { VirtualMFADevices: devices, ...pageResult(page) };
      });
    },
  },

  GetMFADevice: {
    checks: mfaOwnerChecks,
    async run(input, ctx) {
      const serialNumber = str(input, 'SerialNumber');
      const device = await ctx.store.read(async (tx) => {
        const owner = await mfaOwner(tx, input, ctx);
        const found = await tx.mfaDevices.get(ctx.accountId, serialNumber);
        if (found === undefined) throw noSuchMfaDevice(serialNumber);
        if (!isAssignedTo(found, owner.userName)) throw mfaDeviceNotForUser();
        return found;
      });
      return wireMfaDevice(device);
    },
  },
};
