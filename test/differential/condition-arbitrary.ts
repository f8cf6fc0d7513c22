// fast-check generators for `Condition` blocks over the vocabulary's keys: typed
// operators, IfExists, ForAnyValue/ForAllValues, Null, policy variables in values.

import fc from 'fast-check';
import { KEYS, OPERATORS_FOR, type KeyInfo } from './vocabulary.js';

interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  readonly single: boolean;
}

const qualifierArb = (key: KeyInfo): fc.Arbitrary<string> =>
  key.type === 'strings'
    ? fc.constantFrom('ForAnyValue:', 'ForAllValues:', 'ForAnyValue:', 'ForAllValues:', '')
    : fc.constantFrom('', '', '', '', '', '', '', '', 'ForAnyValue:', 'ForAllValues:');

const entryArb: fc.Arbitrary<ConditionEntry> = fc.constantFrom(...KEYS).chain((key) =>
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc.record({
        operator: fc
          .tuple(qualifierArb(key), fc.constantFrom(...OPERATORS_FOR[key.type]), fc.constantFrom('', '', '', 'IfExists'))
          .map(([q, op, ifExists]) => `${q}${op}${ifExists}`),
        key: fc.constant(key.name),
        values: fc.subarray([...key.policyValues], { minLength: 1, maxLength: 2 }),
        single: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        operator: fc.constant('Null'),
        key: fc.constant(key.name),
        values: fc.constantFrom(['true'], ['false']),
        single: fc.constant(true),
      }),
    },
  ),
);

/** A `Condition` block of 1-3 (operator, key) entries; a repeated pair keeps the last values. */
export const conditionBlockArb: fc.Arbitrary<Record<string, Record<string, string | string[]>>> = fc
  .array(entryArb, { minLength: 1, maxLength: 3 })
  .map((entries) => {
    const block: Record<string, Record<string, string | string[]>> = {};
    for (const e of entries) {
      const values = e.single && e.values.length === 1 ? e.values[0]! : [...e.values];
      (block[e.operator] ??= {})[e.key] = values;
    }
    return block;
  });
