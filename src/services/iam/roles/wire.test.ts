// Roles on the wire: RFC 3986 encoding of trust policies and the members each view keeps.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/entities.js';
import { wireRole } from './wire.js';

const role: Role = {
  accountId: '111122223333',
  id: 'AROAAAAAAAAAAAAAAAAAA',
  name: 'r',
  path: '/',
  arn: 'arn:aws:iam::111122223333:role/r',
  createDate: new Date('2024-01-02T03:04:05Z'),
  assumeRolePolicyDocument: '{"a": "*"}',
  description: 'd',
  maxSessionDuration: 3600,
  permissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
  tags: [{ key: 'k', value: 'v' }],
};

describe('wireRole', () => {
  it('returns every member in the full view, RoleLastUsed empty until used', () => {
    expect(wireRole(role)).toMatchObject({
      AssumeRolePolicyDocument: '%7B%22a%22%3A%20%22%2A%22%7D',
      Description: 'd',
      MaxSessionDuration: 3600,
      PermissionsBoundary: { PermissionsBoundaryArn: role.permissionsBoundaryArn },
      Tags: [{ Key: 'k', Value: 'v' }],
      RoleLastUsed: {},
    });
  });

  it('leaves out what AWS leaves out of lists, creates and instance profiles', () => {
    const listed = wireRole(role, 'listed');
    expect(Object.keys(listed)).not.toEqual(expect.arrayContaining(['Tags']));
    expect(listed).not.toHaveProperty('PermissionsBoundary');
    expect(listed).not.toHaveProperty('RoleLastUsed');
    expect(listed).toHaveProperty('MaxSessionDuration', 3600);
    expect(wireRole(role, 'created')).not.toHaveProperty('MaxSessionDuration');
    expect(Object.keys(wireRole(role, 'profile')).sort()).toEqual(
      ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName'],
    );
  });
});
