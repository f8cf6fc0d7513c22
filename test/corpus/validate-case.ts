// Schema and consistency check for one corpus case: unknown fields are rejected,
// and expectations must point at statements that exist and have the right effect.

import type { CasePolicyType, CorpusCase } from './case-types.js';

const POLICY_TYPES: readonly CasePolicyType[] = ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'];
const PRINCIPAL_TYPES = ['Root', 'User', 'AssumedRole', 'FederatedUser', 'WebIdentityUser', 'SAMLUser', 'Service', 'Anonymous'];
const DECISIONS = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];
/** Which type is named responsible when several hold a matching deny (the README contract). */
export const EXPLICIT_DENY_ORDER: readonly CasePolicyType[] = ['scp', 'rcp', 'resource', 'identity', 'boundary', 'session'];

export class CaseSchemaError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'CaseSchemaError';
  }
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
  /** Reports fields outside `allowed`; returns the record for further checks. */
  fields(v: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Json | undefined {
    if (!isRecord(v)) {
      this.add(path, 'must be an object');
      return undefined;
    }
    for (const key of Object.keys(v)) if (!required.includes(key) && !optional.includes(key)) this.add(path, `unknown field "${key}"`);
    for (const key of required) if (!(key in v)) this.add(path, `missing field "${key}"`);
    return v;
  }
}

/** The statements of a document, parsing it when it is JSON text; undefined when unreadable. */
export function documentStatements(document: unknown): readonly unknown[] | undefined {
  let doc: unknown = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!isRecord(doc)) return undefined;
  const st = doc['Statement'];
  if (Array.isArray(st)) return st;
  return isRecord(st) ? [st] : undefined;
}

function checkPrincipal(p: Problems, v: unknown, path: string): void {
  const principal = p.fields(v, path, ['type', 'arn', 'account'], ['roleArn', 'service', 'federatedProvider', 'canonicalUser']);
  if (!principal) return;
  if (!PRINCIPAL_TYPES.includes(principal['type'] as string)) p.add(`${path}.type`, `must be one of ${PRINCIPAL_TYPES.join(', ')}`);
  for (const key of ['arn', 'account', 'roleArn', 'service', 'federatedProvider', 'canonicalUser']) {
    if (key in principal && typeof principal[key] !== 'string') p.add(`${path}.${key}`, 'must be a string');
  }
  if (principal['type'] === 'AssumedRole' && !nonEmpty(principal['roleArn'])) p.add(path, 'AssumedRole needs roleArn');
  if (principal['type'] === 'Service' && !nonEmpty(principal['service'])) p.add(path, 'Service needs service');
}

function checkRequest(p: Problems, v: unknown): void {
  const request = p.fields(v, 'request', ['principal', 'action', 'resource'], ['resourceAccount', 'context']);
  if (!request) return;
  checkPrincipal(p, request['principal'], 'request.principal');
  for (const key of ['action', 'resource']) if (!nonEmpty(request[key])) p.add(`request.${key}`, 'must be a non-empty string');
  if ('resourceAccount' in request && typeof request['resourceAccount'] !== 'string') p.add('request.resourceAccount', 'must be a string');
  if (!('context' in request)) return;
  const context = request['context'];
  if (!isRecord(context)) {
    p.add('request.context', 'must be an object');
    return;
  }
  for (const [key, value] of Object.entries(context)) {
    const ok = typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string'));
    if (!ok) p.add(`request.context.${key}`, 'must be a string or an array of strings');
  }
}

/** Checks the policies; returns id -> (type, statements) for the expectation checks. */
function checkPolicies(p: Problems, v: unknown): Map<string, { type: CasePolicyType; statements: readonly unknown[] }> {
  const byId = new Map<string, { type: CasePolicyType; statements: readonly unknown[] }>();
  if (!Array.isArray(v)) {
    p.add('policies', 'must be an array');
    return byId;
  }
  const levels = new Map<CasePolicyType, Set<number>>();
  let boundaries = 0;
  v.forEach((item, i) => {
    const path = `policies[${i}]`;
    const policy = p.fields(item, path, ['id', 'type', 'document'], ['level']);
    if (!policy) return;
    const id = policy['id'];
    const type = policy['type'] as CasePolicyType;
    if (!nonEmpty(id)) p.add(`${path}.id`, 'must be a non-empty string');
    else if (byId.has(id)) p.add(`${path}.id`, `duplicate policy id "${id}"`);
    if (!POLICY_TYPES.includes(type)) p.add(`${path}.type`, `must be one of ${POLICY_TYPES.join(', ')}`);
    if (type === 'boundary') boundaries += 1;
    const organizational = type === 'scp' || type === 'rcp';
    const level = policy['level'];
    if (organizational) {
      if (typeof level !== 'number' || !Number.isInteger(level) || level < 0) p.add(`${path}.level`, `${type} needs a level >= 0`);
      else levels.set(type, (levels.get(type) ?? new Set()).add(level));
    } else if (level !== undefined) p.add(`${path}.level`, `only scp and rcp policies have a level`);
    const statements = documentStatements(policy['document']);
    if (!isRecord(policy['document']) && typeof policy['document'] !== 'string') p.add(`${path}.document`, 'must be an object or JSON text');
    else if (!statements) p.add(`${path}.document`, 'has no readable Statement');
    if (nonEmpty(id) && statements) byId.set(id, { type, statements });
  });
  if (boundaries > 1) p.add('policies', 'at most one boundary policy');
  for (const [type, set] of levels) {
    for (let l = 0; l < set.size; l += 1) if (!set.has(l)) p.add('policies', `${type} levels must run 0..n without gaps`);
  }
  return byId;
}

function checkExpect(p: Problems, v: unknown, policies: Map<string, { type: CasePolicyType; statements: readonly unknown[] }>): void {
  const expect = p.fields(v, 'expect', ['decision'], ['matched', 'missingContextKeys', 'deniedBy']);
  if (!expect) return;
  const decision = expect['decision'];
  if (!DECISIONS.includes(decision as string)) p.add('expect.decision', `must be one of ${DECISIONS.join(', ')}`);
  const deniedBy = expect['deniedBy'];
  if (deniedBy !== undefined && !POLICY_TYPES.includes(deniedBy as CasePolicyType)) p.add('expect.deniedBy', 'must be a policy type');
  if (decision === 'Allow' && deniedBy !== undefined) p.add('expect.deniedBy', 'an Allow has no deniedBy');
  const keys = expect['missingContextKeys'];
  if (keys !== undefined && !(Array.isArray(keys) && keys.every(nonEmpty))) p.add('expect.missingContextKeys', 'must be an array of strings');

  const matched = expect['matched'];
  if (matched === undefined) {
    if (decision !== 'ImplicitDeny') p.add('expect.matched', `required for ${String(decision)}`);
    return;
  }
  if (!Array.isArray(matched)) {
    p.add('expect.matched', 'must be an array');
    return;
  }
  if (decision === 'ImplicitDeny' && matched.length > 0) p.add('expect.matched', 'must be empty for ImplicitDeny');
  if (decision === 'ExplicitDeny' && matched.length === 0) p.add('expect.matched', 'an ExplicitDeny comes from at least one statement');
  const wantEffect = decision === 'Allow' ? 'Allow' : 'Deny';
  const seen = new Set<string>();
  const types = new Set<CasePolicyType>();
  matched.forEach((ref, i) => {
    const path = `expect.matched[${i}]`;
    const r = p.fields(ref, path, ['policyId', 'index']);
    if (!r) return;
    const policy = policies.get(r['policyId'] as string);
    const index = r['index'];
    if (!policy) return p.add(path, `no policy "${String(r['policyId'])}"`);
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= policy.statements.length) return p.add(path, 'index out of range');
    const key = `${String(r['policyId'])}#${index}`;
    if (seen.has(key)) p.add(path, `listed twice: ${key}`);
    seen.add(key);
    types.add(policy.type);
    const statement = policy.statements[index];
    if (isRecord(statement) && statement['Effect'] !== wantEffect) p.add(path, `statement effect is not ${wantEffect}`);
  });
  if (decision === 'ExplicitDeny' && deniedBy !== undefined && types.size > 0) {
    const first = EXPLICIT_DENY_ORDER.find((t) => types.has(t));
    if (first !== deniedBy) p.add('expect.deniedBy', `matched denies make "${String(first)}" responsible, not "${String(deniedBy)}"`);
  }
}

/** Validates one case; throws CaseSchemaError listing every problem (prefixed with `where`). */
export function validateCase(value: unknown, where: string): CorpusCase {
  const p = new Problems();
  const c = p.fields(value, where, ['name', 'source', 'policies', 'request', 'expect']);
  if (c) {
    if (!nonEmpty(c['name'])) p.add(`${where}.name`, 'must be a non-empty string');
    if (!nonEmpty(c['source'])) p.add(`${where}.source`, 'must be a non-empty string');
    const policies = checkPolicies(p, c['policies']);
    checkRequest(p, c['request']);
    checkExpect(p, c['expect'], policies);
  }
  if (p.list.length > 0) {
    const name = c && typeof c['name'] === 'string' ? ` "${c['name']}"` : '';
    throw new CaseSchemaError(p.list.map((s) => `${where}${name} ${s}`));
  }
  return value as CorpusCase;
}
