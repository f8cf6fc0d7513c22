// `Principal` / `NotPrincipal` values: `"*"`, or a map of principal types (AWS,
// Service, Federated, CanonicalUser) to one value or a list. Checks the shape of each
// value; whether a named user or role exists is the caller's business, as in IAM.

import { member, memberNames } from './json-tree.js';
import type { JsonNode } from './json-tree.js';
import type { ProblemArgs, ProblemCode } from './messages.js';
import { memberPath } from './paths.js';
import { readStringList } from './element-values.js';
import type { PrincipalSpec } from './types.js';

export interface PrincipalFault {
  readonly code: ProblemCode;
  readonly path: string;
  readonly args?: ProblemArgs;
}

export interface PrincipalReading {
  readonly spec?: PrincipalSpec;
  readonly faults: readonly PrincipalFault[];
}

export type PrincipalDialect = 'trust' | 'resource';

const PARTITION = 'arn:[a-z][a-z-]*';
const AWS_PRINCIPAL = new RegExp(
  [
    '^\\d{12}$',
    `^${PARTITION}:iam::\\d{12}:(?:root|user/.+|role/.+)$`,
    `^${PARTITION}:sts::\\d{12}:(?:assumed-role/[^/]+/.+|federated-user/.+)$`,
    `^${PARTITION}:iam::cloudfront:user/.+$`,
  ].join('|'),
);
const NAME_LIKE = /^[A-Za-z0-9][A-Za-z0-9.\-_]*$/;
const NO_SPACE = /^\S+$/;

const TYPES: Readonly<Record<string, keyof Omit<PrincipalSpec, 'wildcard'>>> = {
  AWS: 'aws',
  Service: 'service',
  Federated: 'federated',
  CanonicalUser: 'canonicalUser',
};

function validValue(type: string, value: string): boolean {
  if (value === '*') return type === 'AWS';
  if (value.includes('*') || value.includes('?')) return false;
  switch (type) {
    case 'AWS':
      return AWS_PRINCIPAL.test(value);
    case 'Service':
      return NAME_LIKE.test(value);
    default:
      return NO_SPACE.test(value);
  }
}

/** Reads a Principal or NotPrincipal value for a trust or resource policy. */
export function readPrincipal(node: JsonNode, path: string, dialect: PrincipalDialect): PrincipalReading {
  if (node.kind === 'string') {
    if (node.value === '*') {
      const spec: PrincipalSpec = { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] };
      return dialect === 'trust' ? { faults: [{ code: 'principal-star-string', path }] } : { spec, faults: [] };
    }
    const code: ProblemCode = dialect === 'trust' ? 'syntax' : 'principal-invalid';
    return { faults: [{ code, path }] };
  }
  if (node.kind !== 'object') return { faults: [{ code: dialect === 'trust' ? 'syntax' : 'principal-invalid', path }] };
  if (node.entries.length === 0) return { faults: [{ code: 'principal-empty', path }] };

  const lists = { aws: [] as string[], service: [] as string[], federated: [] as string[], canonicalUser: [] as string[] };
  const faults: PrincipalFault[] = [];
  for (const key of memberNames(node)) {
    const value = member(node, key);
    if (value === undefined) continue;
    const keyPath = memberPath(path, key);
    const list = readStringList(value, keyPath);
    const field = TYPES[key];
    const allowed = field !== undefined && !(dialect === 'trust' && key === 'CanonicalUser');
    if (!allowed) {
      faults.push({ code: 'principal-invalid', path: keyPath, args: { name: key, value: list?.values[0] ?? '' } });
      continue;
    }
    if (list === undefined) {
      faults.push({ code: dialect === 'trust' ? 'syntax' : 'principal-invalid', path: keyPath });
      continue;
    }
    if (list.values.length === 0) {
      faults.push({ code: 'principal-empty', path: keyPath });
      continue;
    }
    for (const [i, v] of list.values.entries()) {
      if (!validValue(key, v)) {
        faults.push({ code: 'principal-invalid', path: list.paths[i] ?? keyPath, args: { name: key, value: v } });
      }
    }
    lists[field].push(...list.values);
  }
  if (faults.length > 0) return { faults };
  return { spec: { wildcard: false, ...lists }, faults };
}
