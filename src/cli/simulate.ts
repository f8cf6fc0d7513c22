// `keyward simulate`: decide one request against policy files and explain why.

import { parseArgs } from 'node:util';
import { explain, type Explanation, type StatementExplanation } from '../policy/explain/explain.js';
import { parsePolicy } from '../policy/document/parse-policy.js';
import type { PolicyKind } from '../policy/document/types.js';
import { compilePolicy, type CompiledPolicy } from '../policy/evaluate/compile-policy.js';
import type { PolicyType } from '../policy/evaluate/types.js';
import { contextKeys, type ContextValue } from '../policy/context.js';
import { principalFromArn, principalKeys } from '../policy/principal-from-arn.js';
import type { PolicySet } from '../policy/authorize/policy-set.js';
import type { CliIo } from './io.js';

const HELP = `Usage: keyward simulate --policy FILE [--policy FILE ...] --action ACTION [--resource ARN] [options]

Decides one request with the AWS evaluation logic and explains the decision.
  --policy FILE            identity-based policy (repeatable)
  --boundary FILE          permissions boundary
  --resource-policy FILE   resource-based policy of the target
  --session-policy FILE    session policy (repeatable)
  --scp FILE               service control policy, one level each (repeatable)
  --action ACTION          for example s3:GetObject
  --resource ARN           target resource (default *)
  --resource-account ID    account that owns the resource (default: from the ARN)
  --principal ARN          caller (default arn:aws:iam::123456789012:user/simulated)
  --context KEY=VALUE      request context key (repeat a key for a multi-valued key)
  --json                   print the full explanation as JSON
Exit status: 0 allowed, 3 denied, 2 usage or policy errors.`;

export async function runSimulate(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      policy: { type: 'string', multiple: true, default: [] },
      boundary: { type: 'string' },
      'resource-policy': { type: 'string' },
      'session-policy': { type: 'string', multiple: true, default: [] },
      scp: { type: 'string', multiple: true, default: [] },
      action: { type: 'string' },
      resource: { type: 'string', default: '*' },
      'resource-account': { type: 'string' },
      principal: { type: 'string', default: 'arn:aws:iam::123456789012:user/simulated' },
      context: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.action === undefined) {
    io.err(`keyward simulate: --action is required\n\n${HELP}`);
    return 2;
  }
  const principal = principalFromArn(values.principal);
  if (principal === undefined) {
    io.err(`keyward simulate: cannot read principal '${values.principal}'`);
    return 2;
  }
  const errors: string[] = [];
  const load = async (file: string, kind: PolicyKind, type: PolicyType): Promise<CompiledPolicy | undefined> => {
    const parsed = parsePolicy(await io.readFile(file), { kind });
    if (!parsed.ok) {
      for (const p of parsed.problems) errors.push(`${file}: ${p.path}: ${p.message}`);
      return undefined;
    }
    return compilePolicy(parsed.document, { id: file, type });
  };
  const identity = await loadAll(values.policy, (f) => load(f, 'identity', 'identity'));
  const session = await loadAll(values['session-policy'], (f) => load(f, 'session', 'session'));
  const scp = await loadAll(values.scp, (f) => load(f, 'scp', 'scp'));
  const boundary = values.boundary === undefined ? undefined : await load(values.boundary, 'boundary', 'boundary');
  const resourcePolicy =
    values['resource-policy'] === undefined ? undefined : await load(values['resource-policy'], 'resource', 'resource');
  if (errors.length > 0) {
    for (const e of errors) io.err(e);
    return 2;
  }
  const record: Record<string, ContextValue> = principalKeys(principal);
  for (const entry of values.context) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      io.err(`keyward simulate: --context wants KEY=VALUE, got '${entry}'`);
      return 2;
    }
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    const previous = values.context.filter((e) => e.startsWith(`${key}=`)).length > 1;
    const existing = record[key];
    record[key] = previous ? [...(Array.isArray(existing) ? existing : []), value] : value;
  }
  const set: PolicySet = {
    identity,
    ...(resourcePolicy && { resource: [resourcePolicy] }),
    ...(boundary && { boundary }),
    ...(session.length > 0 && { session }),
    ...(scp.length > 0 && { scp: scp.map((p) => [p]) }),
  };
  const result = explain(
    {
      principal,
      action: values.action,
      resource: values.resource,
      ...(values['resource-account'] !== undefined && { resourceAccount: values['resource-account'] }),
      keys: contextKeys(record),
    },
    set,
  );
  io.out(values.json ? JSON.stringify(result, null, 2) : formatExplanation(result));
  return result.decision === 'Allow' ? 0 : 3;
}

async function loadAll<T>(files: readonly string[], load: (file: string) => Promise<T | undefined>): Promise<T[]> {
  const out: T[] = [];
  for (const f of files) {
    const v = await load(f);
    if (v !== undefined) out.push(v);
  }
  return out;
}

export function formatExplanation(result: Explanation): string {
  const lines = [`decision: ${result.decision}${result.deniedBy ? ` (${result.deniedBy} policy)` : ''}`];
  for (const m of result.matched) {
    lines.push(`  decided by: ${m.policyType} ${m.policyId} statement ${m.index}${m.sid ? ` (${m.sid})` : ''} ${m.effect}`);
  }
  for (const [type, d] of Object.entries(result.byType)) lines.push(`  ${type}: ${d}`);
  if (result.allMissingContextKeys.length > 0) lines.push(`  missing context keys: ${result.allMissingContextKeys.join(', ')}`);
  lines.push('statements:');
  for (const s of result.statements) lines.push(`  ${describe(s)}`);
  return lines.join('\n');
}

function describe(s: StatementExplanation): string {
  const name = `${s.policyType} ${s.policyId} #${s.index}${s.sid ? ` (${s.sid})` : ''} ${s.effect}`;
  if (s.matched) return `${name}: matched`;
  if (s.mismatch === 'condition' && s.failedCondition) {
    const c = s.failedCondition;
    const got = c.requestValue === undefined ? 'missing' : JSON.stringify(c.requestValue);
    return `${name}: condition ${c.operator} ${c.key} ${JSON.stringify(c.values)} not met (request: ${got}${c.invalid ? `; ${c.invalid}` : ''})`;
  }
  return `${name}: ${s.mismatch} does not match`;
}
