// Compiles one `Condition` entry (operator, key, values) into a CompiledCondition:
// the operator name is parsed once, policy values are pre-parsed by their family,
// and the result is a test that reads one context key per call.

import type { ContextKeys } from '../context.js';
import type { ConditionEntry, PolicyProblem } from '../document/types.js';
import { compileNull } from './null.js';
import type { BadValue } from './operand.js';
import { parseOperatorName } from './operator-name.js';
import { OPERATORS } from './registry.js';
import { testForAllValues, testForAnyValue, testUnqualified, type ValueTest } from './set-qualifier.js';
import type { CompiledCondition, ConditionTrace } from './types.js';

export interface CompiledConditionEntry extends CompiledCondition {
  /** The key as looked up in the context (lower-cased). */
  readonly lowerKey: string;
  /** Policy values that can never match (`"abc"` for NumericEquals, a bad CIDR); IAM accepts them, the linter reports them. */
  readonly problems: readonly PolicyProblem[];
}

export interface CompileConditionOptions {
  /** Substitute policy variables in values; true for `2012-10-17` documents. */
  readonly variables: boolean;
}

export function isPolicyProblem(value: CompiledConditionEntry | PolicyProblem): value is PolicyProblem {
  return !('test' in value);
}

function problemsOf(entry: ConditionEntry, badValues: readonly BadValue[]): PolicyProblem[] {
  return badValues.map((bad) => ({
    path: entry.values.length > 1 ? `${entry.path}[${bad.index}]` : entry.path,
    message: `condition value ${bad.message} for ${entry.operator}`,
  }));
}

/**
 * Compiles a condition entry. Returns a PolicyProblem only for an operator IAM
 * rejects (unknown name, `NullIfExists`); values IAM accepts but that can never
 * match are compiled as never-matching and listed in `problems`.
 */
export function compileCondition(entry: ConditionEntry, options: CompileConditionOptions): CompiledConditionEntry | PolicyProblem {
  const name = parseOperatorName(entry.operator);
  if (name === undefined) return { path: entry.path, message: `unknown condition operator ${JSON.stringify(entry.operator)}` };
  const key = entry.key;
  const lowerKey = key.toLowerCase();
  const common = { operator: entry.operator, key, values: entry.values, lowerKey };

  if (name.base === 'Null') {
    // Null tests presence, so a set qualifier has nothing to add.
    const compiled = compileNull(entry.values);
    return {
      ...common,
      problems: problemsOf(entry, compiled.badValues),
      test(keys: ContextKeys, trace: ConditionTrace | null): boolean {
        const value = keys.get(lowerKey);
        if (value === undefined && trace !== null) trace.missingKey(key);
        return compiled.test(value);
      },
    };
  }

  const spec = OPERATORS[name.base];
  const operand = spec.compile(entry.values, { variables: options.variables });
  const shape: ValueTest = { key, operand, negated: spec.negated };
  const check = name.qualifier === 'ForAllValues' ? testForAllValues : name.qualifier === 'ForAnyValue' ? testForAnyValue : testUnqualified;
  // AWS: a missing key fails a positive operator and satisfies a negated one;
  // IfExists makes it true; ForAllValues over nothing is true, ForAnyValue false,
  // even with IfExists (observed on AWS: ForAnyValue:StringEqualsIfExists on a missing
  // aws:TagKeys denies; iam-simulate agrees).
  const whenMissing =
    name.qualifier === 'ForAnyValue'
      ? false
      : name.ifExists || name.qualifier === 'ForAllValues' || (name.qualifier === undefined && spec.negated);
  return {
    ...common,
    problems: problemsOf(entry, operand.badValues),
    test(keys: ContextKeys, trace: ConditionTrace | null): boolean {
      const value = keys.get(lowerKey);
      if (value === undefined) {
        if (trace !== null) trace.missingKey(key);
        return whenMissing;
      }
      return check(shape, value, keys, trace);
    },
  };
}
