import { describe, expect, it } from 'vitest';
import { INLINE_OWNER_KINDS, inlineSizeExceeded, noSuchInlinePolicy, protectedOwnerError, type InlineOwnerKind } from './inline-owners.js';

const kind = (k: string): InlineOwnerKind => {
  const found = INLINE_OWNER_KINDS.find((x) => x.kind === k);
  if (found === undefined) throw new Error(k);
  return found;
};
const entity = (path: string) => ({ name: 'R', path, arn: `arn:aws:iam::111122223333:role${path}R`, tags: [] });

describe('inline owner kinds', () => {
  it('carry the aggregate quotas AWS documents', () => {
    expect(INLINE_OWNER_KINDS.map((k) => [k.label, k.sizeLimit])).toEqual([
      ['User', 2048],
      ['Group', 5120],
      ['Role', 10240],
    ]);
  });

  it('word errors as AWS does', () => {
    expect(noSuchInlinePolicy(kind('group'), 'p').message).toBe('The group policy with name p cannot be found.');
    const limit = inlineSizeExceeded(kind('user'), 'bob');
    expect([limit.code, limit.status, limit.message]).toEqual(['LimitExceeded', 409, 'Maximum policy size of 2048 bytes exceeded for user bob']);
  });

  it('protects service-linked and IAM Identity Center roles only', () => {
    expect(protectedOwnerError(kind('role'), entity('/aws-service-role/x.amazonaws.com/'))?.code).toBe('UnmodifiableEntity');
    expect(protectedOwnerError(kind('role'), entity('/aws-reserved/sso.amazonaws.com/'))?.message).toBe(
      "Cannot perform the operation on the protected role 'R' - this role is only modifiable by AWS",
    );
    expect(protectedOwnerError(kind('role'), entity('/app/'))).toBeUndefined();
    expect(protectedOwnerError(kind('user'), entity('/aws-service-role/'))).toBeUndefined();
  });
});
