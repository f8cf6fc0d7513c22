// Reporter fixture: the test passes, but leaves a rejected promise nobody handles.
import { expect, it } from 'vitest';

it('passes but leaks a rejection', async () => {
  void Promise.reject(new Error('fixture: unhandled rejection'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(1).toBe(1);
});
