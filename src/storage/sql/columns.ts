// Conversions between domain values and the portable column types: epoch-millisecond
// BIGINT timestamps, INTEGER 0/1 booleans and JSON in TEXT.
import type { Tag } from '../../domain/entities.js';
import type { SqlValue } from './executor.js';

export function millis(date: Date): number {
  return date.getTime();
}

export function optionalMillis(date: Date | undefined): number | null {
  return date === undefined ? null : date.getTime();
}

export function dateOf(value: unknown): Date {
  return new Date(Number(value));
}

export function optionalDate(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(Number(value));
}

export function flag(value: boolean): number {
  return value ? 1 : 0;
}

export function optionalText(value: string | undefined): SqlValue {
  return value ?? null;
}

export function textOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

export function tagsText(tags: readonly Tag[]): string {
  return JSON.stringify(tags.map((t) => ({ key: t.key, value: t.value })));
}

export function tagsOf(text: unknown): Tag[] {
  // Most entities have no tags: a listed page then parses no JSON.
  if (text === '[]') return [];
  const parsed: unknown = JSON.parse(String(text));
  if (!Array.isArray(parsed)) throw new Error('corrupt tags column: not an array');
  return parsed.map((t: unknown) => {
    const { key, value } = (t ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== 'string' || typeof value !== 'string') throw new Error('corrupt tags column: bad tag');
    return { key, value };
  });
}

/** JSON for columns holding small objects (password policy, settings). */
export function jsonText(value: object | undefined): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function jsonOf<T>(text: unknown): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(String(text)) as T);
}

/** A JSON array of strings (OIDC client ids and thumbprints). */
export function stringsOf(text: unknown, column: string): string[] {
  const parsed: unknown = JSON.parse(String(text));
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string')) {
    throw new Error(`corrupt ${column} column: not an array of strings`);
  }
  return parsed;
}
