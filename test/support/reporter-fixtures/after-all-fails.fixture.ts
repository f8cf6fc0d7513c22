// Reporter fixture: every test passes, then the afterAll hook throws.
import { afterAll, describe, expect, it } from 'vitest';

describe('a suite', () => {
  afterAll(() => {
    throw new Error('fixture: afterAll fails');
  });
  it('passes', () => {
    expect(1).toBe(1);
  });
});
