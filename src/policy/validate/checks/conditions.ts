// Condition blocks: operators (known, Null with IfExists or a qualifier), keys (format, global
// and service keys from the catalogue, tag keys, duplicates), values (empty arrays, JSON types,
// values each operator family can read, wildcards without Like, IP ranges, variables), the
// operator against the key's type, and keys that need a qualifier or a paired key.

import { parseBool } from '../../condition/bool.js';
import { decodeBase64 } from '../../condition/binary.js';
import { parseDate } from '../../condition/date-parse.js';
import { parseIPv4 } from '../../condition/ip-address.js';
import { parseCidr } from '../../condition/ip.js';
import { parseDecimal } from '../../condition/numeric.js';
import { parseOperatorName } from '../../condition/operator-name.js';
import type { BaseOperator, OperatorName } from '../../condition/operator-name.js';
import { findConditionKey } from '../catalog.js';
import type { ConditionKeyInfo } from '../catalog.js';
import type { Check, CheckContext } from '../context.js';
import { listItems, memberOf, scalarText } from '../located.js';
import type { Located } from '../located.js';
import type { StatementView } from '../policy-view.js';

type Family = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

function family(base: BaseOperator): Family {
  if (base.startsWith('String')) return 'String';
  if (base.startsWith('Numeric')) return 'Numeric';
  if (base.startsWith('Date')) return 'Date';
  if (base === 'Bool') return 'Bool';
  if (base === 'BinaryEquals') return 'Binary';
  if (base === 'IpAddress' || base === 'NotIpAddress') return 'IpAddress';
  if (base.startsWith('Arn')) return 'Arn';
  return 'Null';
}

/** Operator families that fit a key type of the catalogue (String, ARN, Bool, Date, Numeric, IPAddress, Binary, ArrayOf...). */
const FITS: Readonly<Record<string, readonly Family[]>> = {
  string: ['String'],
  arn: ['Arn', 'String'],
  bool: ['Bool'],
  boolean: ['Bool'],
  date: ['Date'],
  numeric: ['Numeric'],
  long: ['Numeric'],
  ipaddress: ['IpAddress'],
  binary: ['Binary'],
};

const SUGGESTED_OPERATOR: Readonly<Record<string, string>> = {
  arn: 'ARN',
  bool: 'Bool',
  boolean: 'Bool',
  date: 'Date',
  numeric: 'Numeric',
  long: 'Numeric',
  ipaddress: 'IpAddress',
  binary: 'Binary',
  string: 'String',
};

const TAG_KEYS: ReadonlySet<string> = new Set(['aws:requesttag', 'aws:resourcetag', 'aws:principaltag']);
const PAIRED_KEYS: ReadonlyMap<string, readonly string[]> = new Map([['aws:vpcsourceip', ['aws:SourceVpc']]]);

const PRIVATE_V4: readonly (readonly [number, number])[] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
];

function isPrivateV4(value: string): boolean {
  const slash = value.indexOf('/');
  const address = parseIPv4(value, 0, slash < 0 ? value.length : slash);
  const prefix = slash < 0 ? 32 : Number(value.slice(slash + 1));
  if (address < 0) return false;
  return PRIVATE_V4.some(([net, bits]) => prefix >= bits && (address >>> (32 - bits)) === (net >>> (32 - bits)));
}

/** The CIDR with host bits cleared, when the written one has any set (IPv4 only). */
function maskedV4(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0 || value.includes(':')) return undefined;
  const address = parseIPv4(value, 0, slash);
  const prefix = Number(value.slice(slash + 1));
  if (address < 0 || !(prefix >= 0 && prefix <= 32)) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (address & mask) >>> 0;
  if (network === address) return undefined;
  return `${[24, 16, 8, 0].map((s) => (network >>> s) & 0xff).join('.')}/${prefix}`;
}

interface VariableProblem {
  readonly code: 'MISSING_BRACE_IN_VARIABLE' | 'EMPTY_VARIABLE' | 'UNSUPPORTED_SPACE_IN_VARIABLE' | 'MISSING_QUOTE_IN_VARIABLE';
}

/** The first malformed `${...}` in a value; `${*}`, `${?}` and `${$}` are escapes. */
export function variableProblem(value: string): VariableProblem | undefined {
  for (let i = value.indexOf('${'); i >= 0; i = value.indexOf('${', i + 2)) {
    const end = value.indexOf('}', i + 2);
    if (end < 0) return { code: 'MISSING_BRACE_IN_VARIABLE' };
    const inside = value.slice(i + 2, end);
    if (inside.trim() === '') return { code: 'EMPTY_VARIABLE' };
    const comma = inside.indexOf(',');
    const name = comma < 0 ? inside : inside.slice(0, comma);
    if (/\s/.test(name.trim()) || name !== name.trimStart()) return { code: 'UNSUPPORTED_SPACE_IN_VARIABLE' };
    if (comma >= 0) {
      const fallback = inside.slice(comma + 1).trim();
      if (fallback.length < 2 || !fallback.startsWith("'") || !fallback.endsWith("'")) return { code: 'MISSING_QUOTE_IN_VARIABLE' };
    }
  }
  return undefined;
}

export function hasVariable(value: string): boolean {
  return /\$\{(?![*?$]\})/.test(value);
}

function keyInfo(ctx: CheckContext, s: StatementView, key: string, at: Located): ConditionKeyInfo | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    ctx.report('INVALID_CONDITION_KEY_FORMAT', at, { key });
    return undefined;
  }
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'aws') {
    const lower = key.toLowerCase();
    if (lower === 'aws:arn') {
      ctx.report('UNSUPPORTED_GLOBAL_CONDITION_KEY', at);
      return undefined;
    }
    if (TAG_KEYS.has(lower) || (TAG_KEYS.has(lower.slice(0, -1)) && lower.endsWith('/'))) {
      ctx.report('MISSING_TAG_KEY_IN_CONDITION', at, { key: `${key.replace(/\/$/, '')}/` });
      return undefined;
    }
    const info = ctx.catalog.globalConditionKey(key);
    if (info === undefined) ctx.report('INVALID_GLOBAL_CONDITION_KEY', at, { key });
    return info;
  }
  const service = ctx.catalog.service(prefix);
  if (service !== undefined) {
    const info = findConditionKey(service.conditionKeys, key);
    if (info === undefined) ctx.report('INVALID_SERVICE_CONDITION_KEY', at, { key, service: prefix });
    return info;
  }
  // Identity-provider keys (cognito-identity.amazonaws.com:aud, token.actions.githubusercontent.com:sub)
  // belong to the services whose actions they filter: look them up there.
  for (const action of s.actions) {
    const owner = ctx.catalog.service(action.value.split(':')[0]?.toLowerCase() ?? '');
    const info = owner === undefined ? undefined : findConditionKey(owner.conditionKeys, key);
    if (info !== undefined) return info;
  }
  if (!prefix.includes('.') && !prefix.includes('/')) ctx.report('INVALID_SERVICE', at, { service: key.slice(0, colon) });
  return undefined;
}

/** Literal actions of the key's service that do not list the key (UNSUPPORTED_ACTION_FOR_CONDITION_KEY). */
function unsupportedActions(ctx: CheckContext, s: StatementView, key: string): readonly Located[] {
  if (key.toLowerCase().startsWith('aws:')) return [];
  const out: Located[] = [];
  let keyKnown = false;
  for (const item of s.actions) {
    const [prefix = '', name = ''] = item.value.split(':');
    if (/[*?]/.test(item.value)) continue;
    const service = ctx.catalog.service(prefix.toLowerCase());
    const action = service?.actions.get(name.toLowerCase());
    if (service === undefined || action === undefined) continue;
    if (findConditionKey(service.conditionKeys, key) === undefined) continue;
    keyKnown = true;
    if (!action.conditionKeys.some((k) => k.toLowerCase() === key.toLowerCase() || (k.includes('${') && findConditionKey(new Map([[k.toLowerCase(), { key: k, type: '' }]]), key)))) out.push(item.at);
  }
  return keyKnown ? out : [];
}

function checkValues(ctx: CheckContext, op: OperatorName, operator: string, key: string, keyAt: Located, info: ConditionKeyInfo | undefined): void {
  const items = listItems(keyAt);
  if (keyAt.node.kind === 'array' && keyAt.node.items.length === 0) {
    const code = op.qualifier === 'ForAllValues' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : op.qualifier === 'ForAnyValue' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : op.ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
    ctx.report(code, keyAt, { key });
    return;
  }
  const kinds = new Set(items.map((i) => i.node.kind));
  if ([...kinds].some((k) => k === 'object' || k === 'array' || k === 'null')) {
    ctx.report('DATA_TYPE_MISMATCH', keyAt, { type: 'String' });
    return;
  }
  if (kinds.size > 1) ctx.report('INVALID_CONDITION_DATA_TYPE', keyAt);
  const fam = family(op.base);
  if (fam === 'Bool' && items.length > 1) ctx.report('INVALID_CONDITION_MULTIPLE_BOOLEAN', keyAt, { key });
  const privateIps: boolean[] = [];
  for (const item of items) {
    const value = scalarText(item.node) ?? '';
    const variable = hasVariable(value);
    if (variable && fam !== 'String' && fam !== 'Arn') {
      ctx.report('INVALID_VARIABLE_FOR_OPERATOR', item);
      continue;
    }
    if (variable) {
      const problem = variableProblem(value);
      if (problem !== undefined) ctx.report(problem.code, item);
      else if (!ctx.variablesEnabled) ctx.report('VARIABLE_UNSUPPORTED_IN_VERSION', item);
      continue;
    }
    switch (fam) {
      case 'Bool':
        if (parseBool(value) < 0) ctx.report('TYPE_MISMATCH_BOOLEAN', item, { operator });
        break;
      case 'Null':
        if (parseBool(value) < 0) ctx.report('TYPE_MISMATCH_BOOLEAN', item, { operator });
        break;
      case 'Numeric':
        if (Number.isNaN(parseDecimal(value))) ctx.report('TYPE_MISMATCH_NUMBER', item, { operator });
        break;
      case 'Date':
        if (item.node.kind === 'number' || /^\d+$/.test(value)) ctx.report('INVALID_DATE_VALUE', item, { date: value });
        else if (Number.isNaN(parseDate(value))) ctx.report('TYPE_MISMATCH_DATE', item);
        break;
      case 'Binary':
        if (decodeBase64(value) === undefined) ctx.report('TYPE_MISMATCH_STRING', item, { operator });
        break;
      case 'IpAddress': {
        if (parseCidr(value) === undefined) {
          ctx.report('TYPE_MISMATCH_IP_RANGE', item, { operator });
          break;
        }
        const masked = maskedV4(value);
        if (masked !== undefined) ctx.report('IMPROVE_IP_RANGE', item, { address: masked });
        if (key.toLowerCase() === 'aws:sourceip') privateIps.push(!value.includes(':') && isPrivateV4(value));
        break;
      }
      case 'String':
        if ((op.base === 'StringEquals' || op.base === 'StringNotEquals' || op.base === 'StringEqualsIgnoreCase' || op.base === 'StringNotEqualsIgnoreCase') && /[*?]/.test(value)) {
          ctx.report('WILDCARD_WITHOUT_LIKE_OPERATOR', item);
        }
        break;
      case 'Arn':
        break;
    }
  }
  if (privateIps.some((p) => p)) {
    const all = privateIps.every((p) => p);
    const negated = op.base === 'NotIpAddress';
    ctx.report(all ? (negated ? 'PRIVATE_NOT_IP_ADDRESS' : 'PRIVATE_IP_ADDRESS') : negated ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET', keyAt);
  }
  if (info === undefined || fam === 'Null') return;
  const type = info.type.toLowerCase();
  const multi = type.startsWith('arrayof');
  const scalar = multi ? type.slice('arrayof'.length) : type;
  const fits = FITS[scalar];
  if (fits !== undefined && !fits.includes(fam)) {
    ctx.report('TYPE_MISMATCH', keyAt, { type: SUGGESTED_OPERATOR[scalar] ?? info.type, operator, key });
  }
  if (multi && op.qualifier === undefined) ctx.report('MISSING_QUALIFIER', keyAt, { key });
  if (!multi && op.qualifier === 'ForAllValues' && ctx.policyType !== 'SERVICE_CONTROL_POLICY') ctx.report('FORALLVALUES_WITH_SINGLE_VALUED_KEY', keyAt, { key });
}

function checkCondition(ctx: CheckContext, s: StatementView, condition: Located): void {
  if (condition.node.kind !== 'object') {
    ctx.report('DATA_TYPE_MISMATCH', condition, { type: 'Object' });
    return;
  }
  if (condition.node.entries.length === 0) {
    ctx.report('EMPTY_OBJECT_CONDITION', condition);
    return;
  }
  const allKeys = new Set<string>();
  for (const block of condition.node.entries) for (const e of block.value.kind === 'object' ? block.value.entries : []) allKeys.add(e.key.toLowerCase());
  for (const block of condition.node.entries) {
    const blockAt = memberOf(condition, block.key, block.value);
    const op = parseOperatorName(block.key);
    if (op === undefined && /^((forallvalues|foranyvalue):)?nullifexists$/i.test(block.key)) {
      ctx.report('NULL_WITH_IF_EXISTS', blockAt);
      continue;
    }
    if (op === undefined) {
      ctx.report('INVALID_CONDITION_OPERATOR', blockAt, { operator: block.key });
      continue;
    }
    if (op.base === 'Null' && op.ifExists) ctx.report('NULL_WITH_IF_EXISTS', blockAt);
    if (op.base === 'Null' && op.qualifier !== undefined) ctx.report('NULL_WITH_QUALIFIER', blockAt);
    if (block.value.kind !== 'object') {
      ctx.report('DATA_TYPE_MISMATCH', blockAt, { type: 'Object' });
      continue;
    }
    const seen = new Map<string, string>();
    for (const entry of block.value.entries) {
      const keyAt = memberOf(blockAt, entry.key, entry.value);
      const lower = entry.key.toLowerCase();
      const earlier = seen.get(lower);
      if (earlier !== undefined && earlier !== entry.key) ctx.report('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', keyAt, { key: entry.key });
      seen.set(lower, entry.key);
      const info = keyInfo(ctx, s, entry.key, keyAt);
      checkValues(ctx, op, block.key, entry.key, keyAt, info);
      const unsupported = unsupportedActions(ctx, s, entry.key);
      if (unsupported.length > 0) {
        const names = unsupported.map((u) => scalarText(u.node) ?? '').join(', ');
        ctx.report('UNSUPPORTED_ACTION_FOR_CONDITION_KEY', [...unsupported, keyAt], { actions: names, key: entry.key });
      }
      const paired = PAIRED_KEYS.get(lower);
      if (paired !== undefined && !paired.every((p) => allKeys.has(p.toLowerCase()))) {
        ctx.report('MISSING_PAIRED_CONDITION_KEYS', keyAt, { key: entry.key, pairedKeys: paired.join(', ') });
      }
    }
  }
}

export const conditionsCheck: Check = {
  name: 'conditions',
  codes: [
    'DATA_TYPE_MISMATCH',
    'EMPTY_OBJECT_CONDITION',
    'INVALID_CONDITION_OPERATOR',
    'NULL_WITH_IF_EXISTS',
    'NULL_WITH_QUALIFIER',
    'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    'INVALID_CONDITION_KEY_FORMAT',
    'UNSUPPORTED_GLOBAL_CONDITION_KEY',
    'MISSING_TAG_KEY_IN_CONDITION',
    'INVALID_GLOBAL_CONDITION_KEY',
    'INVALID_SERVICE_CONDITION_KEY',
    'INVALID_SERVICE',
    'EMPTY_ARRAY_CONDITION',
    'EMPTY_ARRAY_CONDITION_FORALLVALUES',
    'EMPTY_ARRAY_CONDITION_FORANYVALUE',
    'EMPTY_ARRAY_CONDITION_IFEXISTS',
    'INVALID_CONDITION_DATA_TYPE',
    'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    'INVALID_VARIABLE_FOR_OPERATOR',
    'MISSING_BRACE_IN_VARIABLE',
    'EMPTY_VARIABLE',
    'UNSUPPORTED_SPACE_IN_VARIABLE',
    'MISSING_QUOTE_IN_VARIABLE',
    'VARIABLE_UNSUPPORTED_IN_VERSION',
    'TYPE_MISMATCH_BOOLEAN',
    'TYPE_MISMATCH_NUMBER',
    'TYPE_MISMATCH_DATE',
    'INVALID_DATE_VALUE',
    'TYPE_MISMATCH_STRING',
    'TYPE_MISMATCH_IP_RANGE',
    'IMPROVE_IP_RANGE',
    'WILDCARD_WITHOUT_LIKE_OPERATOR',
    'PRIVATE_IP_ADDRESS',
    'PRIVATE_NOT_IP_ADDRESS',
    'PRIVATE_IP_ADDRESS_SUBSET',
    'PRIVATE_NOT_IP_ADDRESS_SUBSET',
    'TYPE_MISMATCH',
    'MISSING_QUALIFIER',
    'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    'MISSING_PAIRED_CONDITION_KEYS',
  ],
  run(ctx) {
    for (const s of ctx.view.statements) if (s.condition !== undefined) checkCondition(ctx, s, s.condition);
  },
};
