import { describe, expect, it } from 'vitest';
import type { MfaDevice } from '../../../domain/credentials.js';
import { isAssignedTo } from './owner.js';

const device = (userName?: string | null): MfaDevice => ({
  accountId: '111122223333',
  serialNumber: 'arn:aws:iam::111122223333:mfa/phone',
  type: 'virtual',
  name: 'phone',
  path: '/',
  sealedSeed: 'sealed',
  createDate: new Date(0),
  tags: [],
  ...(userName !== undefined && { assignment: { userName, enableDate: new Date(0) } }),
});

describe('isAssignedTo', () => {
  it('matches the assigned user case-insensitively, and the root user only as root', () => {
    expect(isAssignedTo(device('Ana'), 'ana')).toBe(true);
    expect(isAssignedTo(device('ana'), 'ben')).toBe(false);
    expect(isAssignedTo(device(null), null)).toBe(true);
    expect(isAssignedTo(device(null), 'ana')).toBe(false);
    expect(isAssignedTo(device('ana'), null)).toBe(false);
  });

  it('never matches an unassigned device', () => {
    expect(isAssignedTo(device(), null)).toBe(false);
    expect(isAssignedTo(device(), 'ana')).toBe(false);
  });
});
