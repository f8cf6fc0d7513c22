// Conditions as clauses (operator, key, values) and when one clause implies another: the
// narrowing a custom check may rely on. Implication is decided only where it is certain (same key
// and operator, fewer allowed values or a tighter bound); anything else counts as "not implied",
// so a check may answer FAIL where a finer proof would pass, never PASS where access is new.

import { parseDate } from '../condition/date-parse.js';
import { parseCidr } from '../condition/ip.js';
import type { Cidr } from '../condition/ip.js';
import { parseDecimal } from '../condition/numeric.js';
import { parseOperatorName } from '../condition/operator-name.js';
import type { OperatorName } from '../condition/operator-name.js';
import type { ConditionEntry } from '../document/types.js';
import { compileWildcard, hasWildcard } from '../match/wildcard.js';

export interface Clause {
  readonly op: OperatorName;
  /** Lower-cased: condition key names are case-insensitive. */
  readonly key: string;
  readonly values: readonly string[];
  /** As written, for messages. */
  readonly text: string;
}

export function toClauses(entries: readonly ConditionEntry[]): readonly Clause[] {
  const out: Clause[] = [];
  for (const e of entries) {
    const op = parseOperatorName(e.operator);
    if (op === undefined) continue;
    out.push({ op, key: e.key.toLowerCase(), values: [...e.values], text: `${e.operator} ${e.key}` });
  }
  return out;
}

function sameShape(a: Clause, b: Clause): boolean {
  return a.key === b.key && a.op.base === b.op.base && a.op.qualifier === b.op.qualifier && a.op.ifExists === b.op.ifExists;
}

function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family) return false;
  if (inner.family === 4 && outer.family === 4) {
    return ((inner.cidr.mask & outer.cidr.mask) >>> 0) === outer.cidr.mask >>> 0 && ((inner.cidr.network & outer.cidr.mask) >>> 0) === outer.cidr.network >>> 0;
  }
  if (inner.family === 6 && outer.family === 6) {
    for (let g = 0; g < 8; g++) {
      const om = outer.cidr.masks[g] ?? 0;
      if (((inner.cidr.masks[g] ?? 0) & om) !== om) return false;
      if (((inner.cidr.network[g] ?? 0) & om) !== (outer.cidr.network[g] ?? 0)) return false;
    }
    return true;
  }
  return false;
}

const cidrs = new Map<string, Cidr | undefined>();

function cidrOf(text: string): Cidr | undefined {
  if (cidrs.has(text)) return cidrs.get(text);
  const parsed = parseCidr(text);
  if (cidrs.size > 10_000) cidrs.clear();
  cidrs.set(text, parsed);
  return parsed;
}

/** Whether value `v` of a positive clause is within the values `of` the other clause. */
function valueWithin(base: string, v: string, of: readonly string[]): boolean {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'BinaryEquals':
    case 'Bool':
      return of.includes(v);
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return of.some((o) => o.toLowerCase() === v.toLowerCase());
    case 'StringLike':
    case 'StringNotLike':
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return of.some((o) => o === v || o === '*' || (!hasWildcard(v) && compileWildcard(o, { ignoreCase: false })(v)));
    case 'IpAddress':
    case 'NotIpAddress': {
      const inner = cidrOf(v);
      return inner !== undefined && of.some((o) => {
        const outer = cidrOf(o);
        return outer !== undefined && cidrWithin(inner, outer);
      });
    }
    default:
      return false;
  }
}

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NotIpAddress', 'NumericNotEquals', 'DateNotEquals']);

function bound(base: string, values: readonly string[]): number | undefined {
  if (values.length !== 1) return undefined;
  const v = values[0] ?? '';
  const n = base.startsWith('Numeric') ? parseDecimal(v) : parseDate(v);
  return Number.isNaN(n) ? undefined : n;
}

const implied = new WeakMap<Clause, WeakMap<Clause, boolean>>();

/** a ⇒ b: every request that satisfies clause a satisfies clause b. */
export function clauseImplies(a: Clause, b: Clause): boolean {
  if (!sameShape(a, b)) return false;
  let row = implied.get(a);
  if (row === undefined) {
    row = new WeakMap();
    implied.set(a, row);
  }
  let known = row.get(b);
  if (known === undefined) {
    known = decideImplies(a, b);
    row.set(b, known);
  }
  return known;
}

function decideImplies(a: Clause, b: Clause): boolean {
  const base = a.op.base;
  if (base === 'Null') return a.values.length === 1 && b.values.length === 1 && a.values[0]?.toLowerCase() === b.values[0]?.toLowerCase();
  if (/^(Numeric|Date)(Less|Greater)/.test(base)) {
    const x = bound(base, a.values);
    const y = bound(base, b.values);
    if (x === undefined || y === undefined) return false;
    return base.includes('Less') ? x <= y : x >= y;
  }
  if (NEGATED.has(base)) return b.values.every((v) => valueWithin(base, v, a.values));
  if (base === 'NumericEquals' || base === 'DateEquals') return a.values.every((v) => b.values.includes(v));
  return a.values.every((v) => valueWithin(base, v, b.values));
}

/** The conjunction `stronger` implies the conjunction `weaker`: each clause of weaker follows from one of stronger. */
export function conjunctionImplies(stronger: readonly Clause[], weaker: readonly Clause[]): boolean {
  return weaker.every((w) => stronger.some((s) => clauseImplies(s, w)));
}
