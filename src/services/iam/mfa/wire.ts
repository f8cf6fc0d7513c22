// MFA devices as IAM answers them: MFADevice (ListMFADevices, GetMFADevice) and
// VirtualMFADevice (ListVirtualMFADevices), whose User element names the assignee.

import type { MfaDevice } from '../../../domain/credentials.js';
import { rootArn } from '../../../domain/arn.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { wireUser } from '../users/operations.js';

/** MFADevice; the root user's devices carry no UserName, as GetUser answers the root user without one. */
export function wireMfaDevice(device: MfaDevice): WireObject {
  const assignment = device.assignment;
  return {
    ...(assignment?.userName != null && { UserName: assignment.userName }),
    SerialNumber: device.serialNumber,
    ...(assignment !== undefined && { EnableDate: assignment.enableDate }),
  };
}

/**
 * VirtualMFADevice for listings: never the seed or QR code (CreateVirtualMFADevice returns
 * them once), nor tags (AWS lists leave them out; ListMFADeviceTags has them).
 */
export async function wireVirtualDevice(tx: StoreTx, device: MfaDevice): Promise<WireObject> {
  const assignment = device.assignment;
  return {
    SerialNumber: device.serialNumber,
    ...(assignment !== undefined && { User: await assigneeOf(tx, device.accountId, assignment.userName), EnableDate: assignment.enableDate }),
  };
}

async function assigneeOf(tx: StoreTx, accountId: string, userName: string | null): Promise<WireObject | undefined> {
  if (userName === null) {
    const account = await tx.accounts.get(accountId);
    return { UserId: accountId, Arn: rootArn(accountId), ...(account !== undefined && { CreateDate: account.createdAt }) };
  }
  const user = await tx.users.get(accountId, userName);
  if (user === undefined) return undefined;
  // As in ListUsers: no tags, no permissions boundary.
  const { permissionsBoundaryArn: _boundary, ...plain } = user;
  return wireUser({ ...plain, tags: [] });
}
