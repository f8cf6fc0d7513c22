// The `Condition` element: operator -> condition key -> value or list of values.
// Operators are checked by name (parseOperatorName); values are kept as text.

import { parseOperatorName } from '../condition/operator-name.js';
import { readConditionValues } from './element-values.js';
import { member, memberNames } from './json-tree.js';
import type { JsonNode } from './json-tree.js';
import type { ProblemArgs, ProblemCode } from './messages.js';
import { memberPath } from './paths.js';
import { isLegacyDateValue } from './date-value.js';
import type { ConditionEntry } from './types.js';

export interface ConditionFault {
  readonly code: ProblemCode;
  readonly path: string;
  readonly args?: ProblemArgs;
}

export interface ConditionReading {
  readonly entries: readonly ConditionEntry[];
  readonly faults: readonly ConditionFault[];
}

export interface ConditionOptions {
  /** IAM's identity parser lets an unknown operator with an empty block pass; the others do not. */
  readonly emptyUnknownOperatorAllowed: boolean;
  /** Run IAM's legacy check of Date operator values. */
  readonly legacyDates: boolean;
}

/** Reads a statement's Condition element at `path`. */
export function readCondition(node: JsonNode, path: string, options: ConditionOptions): ConditionReading {
  if (node.kind !== 'object') return { entries: [], faults: [{ code: 'syntax', path }] };
  const entries: ConditionEntry[] = [];
  const faults: ConditionFault[] = [];
  for (const operator of memberNames(node)) {
    const block = member(node, operator);
    const opPath = memberPath(path, operator);
    if (block === undefined || block.kind !== 'object') {
      faults.push({ code: 'syntax', path: opPath });
      continue;
    }
    const parsed = parseOperatorName(operator);
    if (parsed === undefined) {
      if (!(options.emptyUnknownOperatorAllowed && block.entries.length === 0)) {
        faults.push({ code: 'condition-operator', path: opPath, args: { name: operator } });
      }
      continue;
    }
    for (const key of memberNames(block)) {
      const valueNode = member(block, key);
      const keyPath = memberPath(opPath, key);
      const values = valueNode === undefined ? undefined : readConditionValues(valueNode);
      if (values === undefined) {
        faults.push({ code: 'syntax', path: keyPath });
        continue;
      }
      if (options.legacyDates && parsed.base.startsWith('Date') && !values.every(isLegacyDateValue)) {
        faults.push({ code: 'legacy', path: keyPath });
      }
      entries.push({ operator, key, values, path: keyPath });
    }
  }
  return { entries, faults };
}
