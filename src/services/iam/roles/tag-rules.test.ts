// Tag rules for roles and instance profiles: duplicates and the quota.
import { describe, expect, it } from 'vitest';
import { checkRequestTags, checkTagCount } from './tag-rules.js';

const tags = ['a', 'b', 'c'].map((key) => ({ key, value: key.toUpperCase() }));

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
});
