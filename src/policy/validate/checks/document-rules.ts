// Whole-document rules: size quotas per policy type, statements that repeat another, policy
// variables where AWS does not read them, and RCP's Allow-statement shape.

import { policySize } from '../../document/policy-size.js';
import type { JsonNode } from '../../document/json-tree.js';
import type { Check, CheckContext } from '../context.js';
import type { LocatedString } from '../located.js';
import { listItems, stringItems } from '../located.js';
import type { StatementView } from '../policy-view.js';
import { hasVariable, variableProblem } from './conditions.js';

// IAM and Organizations quotas, in non-white-space characters (identity: managed policy 6,144;
// trust: 2,048 default; SCP and RCP: 5,120; resource policies: S3's 20 KB, the largest common one).
const QUOTAS = {
  IDENTITY_POLICY: { size: 6144, code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA' },
  SERVICE_CONTROL_POLICY: { size: 5120, code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA' },
  RESOURCE_CONTROL_POLICY: { size: 5120, code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA' },
  RESOURCE_POLICY: { size: 20480, code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA' },
  TRUST: { size: 2048, code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA' },
} as const;

/** Canonical JSON for comparing statements: object members sorted, Sid left out. */
function canonical(node: JsonNode, dropSid: boolean): string {
  switch (node.kind) {
    case 'object':
      return `{${node.entries
        .filter((e) => !(dropSid && e.key === 'Sid'))
        .map((e) => `${JSON.stringify(e.key)}:${canonical(e.value, false)}`)
        .sort()
        .join(',')}}`;
    case 'array':
      return `[${node.items.map((i) => canonical(i, false)).join(',')}]`;
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}

function checkRedundantStatements(ctx: CheckContext): void {
  const seen = new Map<string, StatementView>();
  for (const s of ctx.view.statements) {
    if (s.object === undefined) continue;
    const key = canonical(s.object, true);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, s);
    else ctx.report('REDUNDANT_STATEMENT', [first.at, s.at]);
  }
}

function checkVariables(ctx: CheckContext, s: StatementView): void {
  const elsewhere: LocatedString[] = [...s.actions, ...s.notActions];
  for (const p of [s.principal, s.notPrincipal]) {
    if (p?.node.kind !== 'object') continue;
    for (const entry of p.node.entries) elsewhere.push(...stringItems({ node: entry.value, path: [...p.path, { value: entry.key }] }));
  }
  for (const item of elsewhere) if (hasVariable(item.value)) ctx.report('VARIABLE_UNSUPPORTED_IN_ELEMENT', item.at, { variable: item.value });
  for (const item of [...s.resources, ...s.notResources]) {
    if (!hasVariable(item.value)) continue;
    const problem = variableProblem(item.value);
    if (problem !== undefined) ctx.report(problem.code, item.at);
    else if (!ctx.variablesEnabled) ctx.report('VARIABLE_UNSUPPORTED_IN_VERSION', item.at);
  }
}

function isStar(items: readonly LocatedString[], count: number): boolean {
  return count === 1 && items.length === 1 && items[0]?.value === '*';
}

function checkRcpAllow(ctx: CheckContext, s: StatementView): void {
  if (s.effectValue !== 'Allow') return;
  const principalStar = s.principal?.node.kind === 'string' && s.principal.node.value === '*';
  const actionStar = s.action !== undefined && isStar(s.actions, listItems(s.action).length);
  const resourceStar = s.resource !== undefined && isStar(s.resources, listItems(s.resource).length);
  if (!principalStar || !actionStar || !resourceStar || s.condition !== undefined || s.notResource !== undefined) ctx.report('RCP_SYNTAX_ERROR_ALLOW', s.at);
}

export const documentRulesCheck: Check = {
  name: 'document-rules',
  codes: [
    'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
    'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    'REDUNDANT_STATEMENT',
    'VARIABLE_UNSUPPORTED_IN_ELEMENT',
    'MISSING_BRACE_IN_VARIABLE',
    'EMPTY_VARIABLE',
    'UNSUPPORTED_SPACE_IN_VARIABLE',
    'MISSING_QUOTE_IN_VARIABLE',
    'VARIABLE_UNSUPPORTED_IN_VERSION',
    'RCP_SYNTAX_ERROR_ALLOW',
  ],
  run(ctx) {
    const quota = ctx.trustPolicy ? QUOTAS.TRUST : QUOTAS[ctx.policyType];
    // The size never exceeds the text's length: most documents need no count at all.
    const size = ctx.text.length > quota.size ? policySize(ctx.text) : 0;
    if (size > quota.size) ctx.report(quota.code, ctx.view.root, { policySize: size, policySizeQuota: quota.size });
    checkRedundantStatements(ctx);
    for (const s of ctx.view.statements) {
      checkVariables(ctx, s);
      if (ctx.policyType === 'RESOURCE_CONTROL_POLICY') checkRcpAllow(ctx, s);
    }
  },
};
