// The golden decision corpus: one test per case, named `<file>: <name>`. A case
// whose policy does not parse fails.

import { describe, it, expect } from 'vitest';
import { loadCases } from './load-cases.js';
import { runCase } from './run-case.js';

const cases = loadCases();

describe('decision corpus', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      const { actual, expected } = runCase(c);
      expect(actual).toEqual(expected);
    });
  }
});
