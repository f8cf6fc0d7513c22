// Reporter fixture: a describe block that throws while its tests are collected.
import { describe, expect, it } from 'vitest';

describe('a suite', () => {
  it('is collected', () => {
    expect(1).toBe(1);
  });
  throw new Error('fixture: describe throws');
});
