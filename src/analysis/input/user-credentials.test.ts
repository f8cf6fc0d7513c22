import { describe, expect, it } from 'vitest';
import { addUserCredentials, type IamRead } from './user-credentials.js';

const denied = (): Error => Object.assign(new Error('no'), { name: 'AccessDenied' });

describe('addUserCredentials', () => {
  const call: IamRead = async (action, input) => {
    const user = input.UserName;
    if (user === 'bob') throw denied();
    if (action === 'ListAccessKeys') {
      // Two pages for alice.
      if (input.Marker === undefined) return { AccessKeyMetadata: [{ AccessKeyId: 'AKIA1' }], IsTruncated: true, Marker: 'm' };
      return { AccessKeyMetadata: [{ AccessKeyId: 'AKIA2' }], IsTruncated: false };
    }
    throw Object.assign(new Error('none'), { name: 'NoSuchEntity' });
  };
  const pages = () => [{ UserDetailList: [{ UserName: 'alice' }, { UserName: 'bob' }, { UserName: 'carol' }] }];

  it('adds every page of keys and a null profile, leaves denied reads unknown and only the users asked for', async () => {
    const read = pages();
    await addUserCredentials(read, call, { isDenied: (e) => (e as Error).name === 'AccessDenied', only: new Set(['alice', 'bob']) });
    expect(read[0]!.UserDetailList).toEqual([
      { UserName: 'alice', AccessKeyMetadata: [{ AccessKeyId: 'AKIA1' }, { AccessKeyId: 'AKIA2' }], LoginProfile: null },
      { UserName: 'bob' },
      { UserName: 'carol' },
    ]);
  });

  it('throws a denied read when the caller does not say how to tell one', async () => {
    await expect(addUserCredentials(pages(), call)).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
