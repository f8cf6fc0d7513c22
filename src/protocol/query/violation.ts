// One failed input constraint, and AWS's wording for the ValidationError that
// lists them: "2 validation errors detected: Value 'x' at 'userName' failed ...".
import { isWireObject, type WireValue } from '../wire-value.js';

export interface Violation {
  /** lowerCamelCase member path as AWS prints it: `userName`, `tags.1.member.key`. */
  path: string;
  /** The offending value, already rendered; null prints as `Value null`. */
  value: string | null;
  /** Sensitive members print as `Value at '...'`, without the value. */
  sensitive: boolean;
  /** `Member must have length less than or equal to 64`, ... */
  constraint: string;
}

export function formatViolation(v: Violation): string {
  const value = v.value === null ? 'Value null' : v.sensitive ? 'Value' : `Value '${v.value}'`;
  return `${value} at '${v.path}' failed to satisfy constraint: ${v.constraint}`;
}

export function validationMessage(violations: readonly Violation[]): string {
  const n = violations.length;
  const noun = n === 1 ? 'error' : 'errors';
  return `${n} validation ${noun} detected: ${violations.map(formatViolation).join('; ')}`;
}

/** AWS prints member names with the first letter lowered: `UserName` -> `userName`. */
export function memberPath(parent: string, member: string): string {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent === '' ? name : `${parent}.${name}`;
}

/** Renders a value the way AWS's (Java) validator quotes it: lists as `[a, b]`. */
export function renderValue(value: WireValue): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return `[${value.map((v: WireValue) => renderValue(v)).join(', ')}]`;
  if (isWireObject(value)) {
    const parts = Object.entries(value)
      .filter((e): e is [string, WireValue] => e[1] !== undefined)
      .map(([k, v]) => `${k}: ${renderValue(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return String(value);
}
