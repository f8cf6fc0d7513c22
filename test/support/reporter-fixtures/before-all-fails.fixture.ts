// Reporter fixture: a beforeAll hook that throws, so its tests never run.
import { beforeAll, expect, it } from 'vitest';

beforeAll(() => {
  throw new Error('fixture: beforeAll fails');
});

it('never runs', () => {
  expect(1).toBe(1);
});
