import { describe, it, expect } from 'vitest';
import { isArnOrStar, resourceFormatMessage, resourcePassesLegacyParsing } from './resource-arn.js';

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
    expect(resourceFormatMessage('arn:aws:iam:::bucket')).toMatch(/^IAM resource path must either be "\*" or start with user\/, /);
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
