// A policy compiled for analysis: conditions on `open` keys (see condition-keys.ts) are
// taken out of Allow statements and remembered, so the engine decides as if the request
// met them; Deny statements with an open condition are set aside (a request can avoid
// them) and checked separately, so the report can say when they would deny.

import type { ConditionEntry, PolicyStatement } from '../../policy/document/types.js';
import { compilePolicy, type CompiledPolicy, type CompiledStatement } from '../../policy/evaluate/compile-policy.js';
import type { PolicyType } from '../../policy/evaluate/types.js';
import type { PolicyRef } from '../model/model.js';
import { classifyKey } from './condition-keys.js';

export interface AnalysisPolicy {
  readonly ref: PolicyRef;
  readonly type: PolicyType;
  readonly compiled: CompiledPolicy;
  /** Deny statements with open conditions, those conditions removed. */
  readonly avoidableDenies: readonly CompiledStatement[];
  /** The open conditions taken out, by statement index (Allow and set-aside Deny statements). */
  readonly openConditions: ReadonlyMap<number, readonly ConditionEntry[]>;
}

const cache = new WeakMap<PolicyRef, Map<PolicyType, AnalysisPolicy>>();

export function analysisPolicy(ref: PolicyRef, type: PolicyType): AnalysisPolicy {
  let byType = cache.get(ref);
  if (byType === undefined) cache.set(ref, (byType = new Map()));
  const hit = byType.get(type);
  if (hit !== undefined) return hit;

  const kept: PolicyStatement[] = [];
  const setAside: PolicyStatement[] = [];
  const openConditions = new Map<number, ConditionEntry[]>();
  for (const st of ref.document.statements) {
    const open = st.conditions.filter((c) => classifyKey(c.key) === 'open');
    if (open.length === 0) {
      kept.push(st);
      continue;
    }
    openConditions.set(st.index, open);
    const stripped = { ...st, conditions: st.conditions.filter((c) => classifyKey(c.key) !== 'open') };
    (st.effect === 'Deny' ? setAside : kept).push(stripped);
  }
  const options = { id: ref.id, type };
  const compiled = compilePolicy({ ...ref.document, statements: kept }, options);
  const avoidableDenies = setAside.length === 0 ? [] : compilePolicy({ ...ref.document, statements: setAside }, options).statements;
  const result: AnalysisPolicy = { ref, type, compiled, avoidableDenies, openConditions };
  byType.set(type, result);
  return result;
}
