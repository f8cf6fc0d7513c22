// Reporter fixture: the module throws while it is imported, before any test is collected.
import { expect, it } from 'vitest';

throw new Error('fixture: import fails');

it('is never collected', () => {
  expect(1).toBe(1);
});
