// Tag rules for roles and instance profiles: duplicates, the quota and List*Tags pages.
import { describe, expect, it } from 'vitest';
import { checkRequestTags, checkTagCount, tagPage } from './tag-rules.js';

const tags = ['a', 'b', 'c'].map((key) => ({ key, value: key.toUpperCase() }));
const marker = (after: string): string => Buffer.from(after, 'utf8').toString('base64url');

describe('role tag rules', () => {
  it('refuses keys that differ only in case', () => {
    expect(() => checkRequestTags([{ key: 'Env', value: '1' }, { key: 'env', value: '2' }])).toThrow(
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    expect(() => checkRequestTags(tags)).not.toThrow();
  });

  it('allows 50 tags and refuses 51', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(() => checkTagCount(many(50))).not.toThrow();
    expect(() => checkTagCount(many(51))).toThrow(expect.objectContaining({ code: 'LimitExceeded' }));
  });

  it('pages tags with MaxItems and Marker', () => {
    const first = tagPage(tags, { MaxItems: 2 });
    expect(first).toMatchObject({ Tags: [{ Key: 'a' }, { Key: 'b' }], IsTruncated: true });
    expect(tagPage(tags, { MaxItems: 2, Marker: first['Marker'] as string })).toEqual({ Tags: [{ Key: 'c', Value: 'C' }], IsTruncated: false });
    expect(tagPage(tags, {})).toMatchObject({ IsTruncated: false });
    expect(tagPage(tags, { Marker: marker('junk') })).toMatchObject({ Tags: [{ Key: 'a' }, { Key: 'b' }, { Key: 'c' }] });
  });
});
