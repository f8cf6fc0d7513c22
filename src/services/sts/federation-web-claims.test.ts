import { describe, expect, it } from 'vitest';
import { SOURCE_IDENTITY_CLAIM, TAGS_CLAIM, webIdentitySessionTags, webIdentitySourceIdentity } from './federation-web-claims.js';
import { federatedTagKeys } from './federation-tags.js';

describe('web identity session claims', () => {
  it('reads AWS-format principal tags and transitive keys', () => {
    const session = webIdentitySessionTags({
      [TAGS_CLAIM]: { principal_tags: { Project: ['Automation'], CostCenter: '987654' }, transitive_tag_keys: ['Project'] },
    });
    expect(session).toEqual({
      tags: [
        { key: 'Project', value: 'Automation' },
        { key: 'CostCenter', value: '987654' },
      ],
      transitiveTagKeys: ['Project'],
    });
    expect(federatedTagKeys(session)).toEqual({
      'aws:RequestTag/Project': 'Automation',
      'aws:RequestTag/CostCenter': '987654',
      'aws:TagKeys': ['Project', 'CostCenter'],
      'sts:TransitiveTagKeys': ['Project'],
    });
  });

  it('has no tags without the claim', () => {
    expect(webIdentitySessionTags({ sub: 'x' })).toEqual({ tags: [], transitiveTagKeys: [] });
    expect(federatedTagKeys(webIdentitySessionTags({}))).toEqual({});
  });

  it('refuses malformed tag claims, duplicate keys and transitive keys that are not tags', () => {
    expect(() => webIdentitySessionTags({ [TAGS_CLAIM]: 'team=red' })).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
    expect(() => webIdentitySessionTags({ [TAGS_CLAIM]: { principal_tags: { a: ['1', '2'] } } })).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
    expect(() => webIdentitySessionTags({ [TAGS_CLAIM]: { principal_tags: { a: '1', A: '2' } } })).toThrow(
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    expect(() => webIdentitySessionTags({ [TAGS_CLAIM]: { principal_tags: { a: '1' }, transitive_tag_keys: ['b'] } })).toThrow(
      'The specified transitive tag key must be included in the requested tags.',
    );
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(() => webIdentitySessionTags({ [TAGS_CLAIM]: { principal_tags: many } })).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
  });

  it('reads the source identity claim', () => {
    expect(webIdentitySourceIdentity({ [SOURCE_IDENTITY_CLAIM]: 'alice@example.com' })).toBe('alice@example.com');
    expect(webIdentitySourceIdentity({})).toBeUndefined();
    expect(webIdentitySourceIdentity({ [SOURCE_IDENTITY_CLAIM]: 42 })).toBeUndefined();
  });
});
