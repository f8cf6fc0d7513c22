// The simulator's ContextEntries: typed context key values checked the way AWS checks them
// (InvalidInput with AWS's messages) and turned into the engine's string / string-list values.

import { parseDate } from '../../../policy/condition/date-parse.js';
import { parseIPv4, parseIPv6 } from '../../../policy/condition/ip-address.js';
import type { ContextValue } from '../../../policy/context.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { optStr, strList } from '../../input.js';

export interface SuppliedContext {
  /** Values by key name as the caller wrote it. */
  readonly values: Readonly<Record<string, ContextValue>>;
  /** Lower-cased names of the keys the caller supplied (only these count as not missing). */
  readonly names: ReadonlySet<string>;
}

type ValueKind = 'string' | 'numeric' | 'boolean' | 'ip' | 'binary' | 'date';

const TYPES: Readonly<Record<string, { kind: ValueKind; list: boolean }>> = {
  string: { kind: 'string', list: false },
  stringList: { kind: 'string', list: true },
  numeric: { kind: 'numeric', list: false },
  numericList: { kind: 'numeric', list: true },
  boolean: { kind: 'boolean', list: false },
  booleanList: { kind: 'boolean', list: true },
  ip: { kind: 'ip', list: false },
  ipList: { kind: 'ip', list: true },
  binary: { kind: 'binary', list: false },
  binaryList: { kind: 'binary', list: true },
  date: { kind: 'date', list: false },
  dateList: { kind: 'date', list: true },
};

// Java BigDecimal syntax: a sign, digits with an optional fraction, an optional exponent.
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// Canonical, padded base64: the unused bits of the last character must be zero.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)?$/;
const ipv6Groups = new Uint16Array(8);

function isIp(value: string): boolean {
  if (value.includes(':')) return parseIPv6(value, 0, value.length, ipv6Groups);
  return parseIPv4(value, 0, value.length) >= 0;
}

const EXPECTED: Readonly<Record<Exclude<ValueKind, 'string' | 'boolean'>, string>> = {
  numeric: 'numeric format',
  ip: 'IP address',
  binary: 'base-64 encoded binary format',
  date: 'DateTime format',
};

function valid(kind: ValueKind, value: string): boolean {
  switch (kind) {
    case 'numeric':
      return NUMERIC.test(value);
    case 'ip':
      return isIp(value);
    case 'binary':
      return BASE64.test(value);
    case 'date':
      return !Number.isNaN(parseDate(value));
    default:
      // AWS accepts any text for strings and booleans (a non-boolean simply never matches Bool).
      return true;
  }
}

const invalid = (message: string): IamError => new IamError('InvalidInput', message);

/** Reads ContextEntries in order, failing on the first entry AWS would refuse. */
export function readContextEntries(entries: readonly WireObject[]): SuppliedContext {
  const values: Record<string, ContextValue> = {};
  const names = new Set<string>();
  for (const entry of entries) {
    const name = optStr(entry, 'ContextKeyName');
    if (name === undefined || name === '') throw invalid('ContextKeyName cannot be null or empty.');
    const typeName = optStr(entry, 'ContextKeyType');
    const type = typeName === undefined ? undefined : TYPES[typeName];
    if (type === undefined) throw invalid(`Context key ${name} has invalid type ${typeName ?? 'null'}.`);
    const raw = strList(entry, 'ContextKeyValues');
    if (raw.length === 0) throw invalid(`Context values for context key ${name} cannot be null or empty.`);
    if (!type.list && raw.length > 1) throw invalid(`Context key ${typeName} expected a single value, but received ${raw.length}.`);
    if (names.has(name.toLowerCase())) throw invalid(`Duplicate context key: ${name}.`);
    if (type.kind !== 'string' && type.kind !== 'boolean') {
      const bad = raw.find((v) => !valid(type.kind, v));
      if (bad !== undefined) throw invalid(`Invalid context value for key ${name}: expected ${EXPECTED[type.kind]}.`);
    }
    names.add(name.toLowerCase());
    values[name] = type.list ? raw : (raw[0] ?? '');
  }
  return { values, names };
}
