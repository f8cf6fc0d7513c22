import { describe, expect, it } from 'vitest';
import type { ManagedPolicy } from '../../../domain/entities.js';
import { wirePolicy, wirePolicyVersion } from './wire.js';

const POLICY: ManagedPolicy = {
  accountId: '111122223333',
  id: 'ANPAAAAAAAAAAAAAAAAAA',
  name: 'p',
  path: '/',
  arn: 'arn:aws:iam::111122223333:policy/p',
  createDate: new Date(0),
  updateDate: new Date(0),
  defaultVersionId: 'v1',
  description: 'd',
  tags: [{ key: 'k', value: 'v' }],
  isAttachable: true,
};

describe('wirePolicy', () => {
  it('includes Description and Tags only when asked, as the actions differ', () => {
    const usage = { attachmentCount: 2, boundaryUsageCount: 1 };
    expect(wirePolicy(POLICY, usage)).not.toHaveProperty('Description');
    expect(wirePolicy(POLICY, usage)).not.toHaveProperty('Tags');
    expect(wirePolicy({ ...POLICY, tags: [] }, usage, { tags: 'when-tagged' })).not.toHaveProperty('Tags');
    expect(wirePolicy({ ...POLICY, tags: [] }, usage, { tags: 'always' })).toMatchObject({ Tags: [] });
    expect(wirePolicy(POLICY, usage, { description: true, tags: 'when-tagged' })).toMatchObject({
      Description: 'd',
      Tags: [{ Key: 'k', Value: 'v' }],
      AttachmentCount: 2,
      PermissionsBoundaryUsageCount: 1,
    });
  });

  it('gives a version its document only when asked', () => {
    const version = { policyArn: POLICY.arn, versionId: 'v1', document: '{}', isDefault: true, createDate: new Date(0) };
    expect(wirePolicyVersion(version)).not.toHaveProperty('Document');
    expect(wirePolicyVersion(version, { document: true }).Document).toBe('%7B%7D');
  });
});
