// Does an event match a compiled pattern? Fields must all match (AND), a leaf's
// matchers any (OR), array values match when any element does, and a nested
// pattern under an array of objects must match within one element (array
// consistency, as AWS's matching library does for EventBridge).

import type { CompiledPattern } from './compile.js';
import type { LeafValue, PatternField, PatternObject, ValueMatcher } from './types.js';

export function matchesEvent(pattern: CompiledPattern, event: unknown): boolean {
  return matchObject(pattern.root, isRecord(event) ? event : undefined);
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldOf(node: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  return node !== undefined && Object.hasOwn(node, name) ? node[name] : undefined;
}

function matchObject(p: PatternObject, node: Readonly<Record<string, unknown>> | undefined): boolean {
  for (const [name, field] of p.fields) {
    if (!matchField(field, fieldOf(node, name))) return false;
  }
  for (const group of p.anyOf) {
    if (!group.some((branch) => matchObject(branch, node))) return false;
  }
  return true;
}

function isMatcherList(field: PatternField): field is readonly ValueMatcher[] {
  return Array.isArray(field);
}

function matchField(field: PatternField, value: unknown): boolean {
  if (isMatcherList(field)) return matchLeaf(field, value);
  if (Array.isArray(value)) {
    const objects: Array<Readonly<Record<string, unknown>>> = [];
    collect(value, (v) => {
      if (isRecord(v)) objects.push(v);
    });
    if (objects.length === 0) return matchObject(field, undefined);
    return objects.some((o) => matchObject(field, o));
  }
  return matchObject(field, isRecord(value) ? value : undefined);
}

function matchLeaf(matchers: readonly ValueMatcher[], value: unknown): boolean {
  const values: LeafValue[] = [];
  if (Array.isArray(value)) {
    collect(value, (v) => {
      if (isLeaf(v)) values.push(v);
    });
  } else if (isLeaf(value)) {
    values.push(value);
  }
  if (values.length === 0) return matchers.some((m) => m.matchesAbsent);
  return matchers.some((m) => values.some((v) => m.matches(v)));
}

function isLeaf(v: unknown): v is LeafValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function collect(values: readonly unknown[], visit: (v: unknown) => void): void {
  for (const v of values) {
    if (Array.isArray(v)) collect(v, visit);
    else visit(v);
  }
}
