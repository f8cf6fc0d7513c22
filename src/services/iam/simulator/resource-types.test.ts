import { describe, expect, it } from 'vitest';
import { actionResourceTypes } from './resource-types.js';

describe('actionResourceTypes', () => {
  it('fits ARNs of the action resource types and `*`, not ARNs of other services', async () => {
    const getObject = await actionResourceTypes('s3:GetObject');
    expect(getObject.fits('arn:aws:s3:::bucket/key')).toBe(true);
    expect(getObject.fits('*')).toBe(true);
    expect(getObject.fits('arn:aws:iam::123456789012:user/fictional')).toBe(false);
    const getUser = await actionResourceTypes('IAM:getuser');
    expect(getUser.fits('arn:aws:iam::123456789012:user/path/alice')).toBe(true);
    expect(getUser.fits('arn:aws:s3:::bucket/a')).toBe(false);
  });

  it('names several resources by the ARN format of a type they all fit', async () => {
    const getObject = await actionResourceTypes('s3:GetObject');
    expect(getObject.formatFor(['arn:aws:s3:::b/a', 'arn:aws-cn:s3:::b/c'])).toMatch(/^arn:aws:s3:::\$\{BucketName\}\/\$\{\w+\}$/);
    expect(getObject.formatFor(['arn:aws:s3:::b/a', 'arn:aws:iam::123456789012:user/x'])).toBeUndefined();
  });

  it('does not restrict unknown or resource-less actions', async () => {
    for (const action of ['madeup:Action', 's3:MadeUp', 's3:ListAllMyBuckets', 's3:Get Object']) {
      const types = await actionResourceTypes(action);
      expect(types.fits('arn:aws:iam::123456789012:user/x'), action).toBe(true);
      expect(types.formatFor(['arn:aws:s3:::a', 'arn:aws:s3:::b']), action).toBeUndefined();
    }
  });
});
