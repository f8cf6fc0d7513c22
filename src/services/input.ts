// Reading decoded request members. The protocol layer already validated types and
// constraints against the model, so these only narrow the types.

import type { Tag } from '../domain/entities.js';
import { isWireObject, type WireObject, type WireValue } from '../protocol/wire-value.js';

export function str(input: WireObject, name: string): string {
  const v = input[name];
  return typeof v === 'string' ? v : '';
}

export function optStr(input: WireObject, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

export function optInt(input: WireObject, name: string): number | undefined {
  const v = input[name];
  return typeof v === 'number' ? v : undefined;
}

export function optBool(input: WireObject, name: string): boolean | undefined {
  const v = input[name];
  return typeof v === 'boolean' ? v : undefined;
}

export function strList(input: WireObject, name: string): string[] {
  const v = input[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function objList(input: WireObject, name: string): WireObject[] {
  const v: WireValue | undefined = input[name];
  return Array.isArray(v) ? (v as readonly WireValue[]).filter((x): x is WireObject => isWireObject(x)) : [];
}

/** `Tags.member.N.Key/Value` as domain tags. */
export function tagList(input: WireObject, name = 'Tags'): Tag[] {
  return objList(input, name).map((t) => ({ key: str(t, 'Key'), value: str(t, 'Value') }));
}

export function wireTags(tags: readonly Tag[]): WireObject[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}
