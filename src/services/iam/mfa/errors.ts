// The MFA device errors, worded as AWS words them (as clients capture them from IAM; AWS's
// API reference names the codes but not the texts).

import { IamError } from '../../../protocol/errors.js';

export const noSuchMfaDevice = (serialNumber: string): IamError =>
  new IamError('NoSuchEntity', `VirtualMFADevice with serial number ${serialNumber} does not exist.`);

/** CreateVirtualMFADevice: the serial (path and name, compared case-insensitively) is taken. */
export const mfaDeviceExists = (): IamError => new IamError('EntityAlreadyExists', 'MFADevice entity at the same path and name already exists.');

/** EnableMFADevice on a device already assigned, to this user or another. */
export const mfaDeviceInUse = (): IamError => new IamError('EntityAlreadyExists', 'MFA Device is already in use.');

/** The device exists but is not enabled for the user the call names. */
export const mfaDeviceNotForUser = (): IamError => new IamError('NoSuchEntity', 'MFA Device invalid for user.');

export const invalidAuthenticationCode = (): IamError =>
  new IamError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');

export const mfaDeviceInUseOnDelete = (): IamError => new IamError('DeleteConflict', 'MFA VirtualDevice in use. Must deactivate first.');

export const mfaDevicesPerUserExceeded = (): IamError => new IamError('LimitExceeded', 'Cannot exceed quota limit for MFADevicesPerUser.');
