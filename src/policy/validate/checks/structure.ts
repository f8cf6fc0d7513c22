// The document's own shape: elements, Version, Statement, Effect, Sid, the element pairs that
// exclude each other, and the elements each policy type requires or forbids.


import type { Check, CheckContext } from '../context.js';
import type { Located } from '../located.js';
import { memberOf } from '../located.js';
import type { StatementView } from '../policy-view.js';
import { STATEMENT_ELEMENTS } from '../policy-view.js';

const TOP_LEVEL: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const ELEMENTS: ReadonlySet<string> = new Set(STATEMENT_ELEMENTS);
const VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);
const SID_CHARACTERS = /^[A-Za-z0-9]*$/;

function checkTopLevel(ctx: CheckContext): void {
  const { view } = ctx;
  for (const entry of view.object.entries) {
    if (!TOP_LEVEL.has(entry.key)) ctx.report('INVALID_POLICY_ELEMENT', memberOf(view.root, entry.key, entry.value), { element: entry.key });
  }
  if (view.version === undefined) ctx.report('MISSING_VERSION', view.root);
  else if (view.version.node.kind !== 'string' || !VERSIONS.has(view.version.node.value)) {
    ctx.report('INVALID_VERSION', view.version, { version: view.version.node.kind === 'string' ? view.version.node.value : '' });
  }
  const statement = view.statement;
  if (statement === undefined) ctx.report('MISSING_STATEMENT', view.root);
  else if (statement.node.kind === 'array' && statement.node.items.length === 0) ctx.report('MISSING_STATEMENT', statement);
  else if (statement.node.kind !== 'array' && statement.node.kind !== 'object') ctx.report('DATA_TYPE_MISMATCH', statement, { type: 'Array' });
}

function checkPair(ctx: CheckContext, a: Located | undefined, b: Located | undefined, names: readonly [string, string]): void {
  if (a !== undefined && b !== undefined) ctx.report('UNSUPPORTED_ELEMENT_COMBINATION', [a, b], { element1: names[0], element2: names[1] });
}

function checkStatement(ctx: CheckContext, s: StatementView): void {
  if (s.object === undefined) {
    ctx.report('DATA_TYPE_MISMATCH', s.at, { type: 'Object' });
    return;
  }
  for (const entry of s.object.entries) {
    if (!ELEMENTS.has(entry.key)) ctx.report('INVALID_POLICY_ELEMENT', memberOf(s.at, entry.key, entry.value), { element: entry.key });
  }
  if (s.effect === undefined) ctx.report('MISSING_EFFECT', s.at);
  else if (s.effect.node.kind !== 'string') ctx.report('DATA_TYPE_MISMATCH', s.effect, { type: 'String' });
  else if (s.effectValue === undefined) ctx.report('INVALID_EFFECT', s.effect, { effect: s.effect.node.value });
  if (s.sid !== undefined) {
    if (s.sid.node.kind !== 'string') ctx.report('DATA_TYPE_MISMATCH', s.sid, { type: 'String' });
    else if (s.sid.node.value === '') ctx.report('EMPTY_SID_VALUE', s.sid);
    else if (ctx.policyType !== 'RESOURCE_POLICY' && !SID_CHARACTERS.test(s.sid.node.value)) ctx.report('UNSUPPORTED_SID', s.sid);
  }
  checkPair(ctx, s.action, s.notAction, ['Action', 'NotAction']);
  checkPair(ctx, s.resource, s.notResource, ['Resource', 'NotResource']);
  checkPair(ctx, s.principal, s.notPrincipal, ['Principal', 'NotPrincipal']);
  if (s.action === undefined && s.notAction === undefined) ctx.report('MISSING_ACTION', s.at);
  for (const list of [s.action, s.notAction, s.resource, s.notResource]) {
    if (list === undefined) continue;
    if (list.node.kind !== 'string' && list.node.kind !== 'array') ctx.report('DATA_TYPE_MISMATCH', list, { type: 'Array' });
    else if (list.node.kind === 'array') {
      list.node.items.forEach((item, i) => {
        if (item.kind !== 'string') ctx.report('DATA_TYPE_MISMATCH', { node: item, path: [...list.path, { index: i }] }, { type: 'String' });
      });
    }
  }
  if (s.action?.node.kind === 'array' && s.action.node.items.length === 0) ctx.report('EMPTY_ARRAY_ACTION', s.action);
  if (s.notAction?.node.kind === 'array' && s.notAction.node.items.length === 0) ctx.report('EMPTY_ARRAY_ACTION', s.notAction);
  if (s.resource?.node.kind === 'array' && s.resource.node.items.length === 0) ctx.report('EMPTY_ARRAY_RESOURCE', s.resource);
  if (s.notResource?.node.kind === 'array' && s.notResource.node.items.length === 0) ctx.report('EMPTY_ARRAY_RESOURCE', s.notResource);
  checkPolicyTypeElements(ctx, s);
}

function checkPolicyTypeElements(ctx: CheckContext, s: StatementView): void {
  const principals = [s.principal, s.notPrincipal].filter((p) => p !== undefined);
  const hasResource = s.resource !== undefined || s.notResource !== undefined;
  switch (ctx.policyType) {
    case 'IDENTITY_POLICY':
      for (const p of principals) ctx.report('UNSUPPORTED_PRINCIPAL', p, { policyType: 'IDENTITY_POLICY' });
      if (!hasResource) ctx.report('MISSING_RESOURCE', s.at);
      break;
    case 'SERVICE_CONTROL_POLICY':
      for (const p of principals) ctx.report('SCP_SYNTAX_ERROR_PRINCIPAL', p);
      break;
    case 'RESOURCE_CONTROL_POLICY':
      if (principals.length === 0) ctx.report('MISSING_PRINCIPAL', s.at);
      if (!hasResource) ctx.report('MISSING_RESOURCE', s.at);
      break;
    case 'RESOURCE_POLICY':
      if (principals.length === 0) ctx.report('MISSING_PRINCIPAL', s.at);
      if (ctx.trustPolicy) {
        for (const r of [s.resource, s.notResource]) if (r !== undefined) ctx.report('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', r);
        if (s.notPrincipal !== undefined) ctx.report('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', s.notPrincipal);
      }
      // A resource policy may leave Resource out (a role trust policy must): AWS's own example
      // of a trust policy validated as plain RESOURCE_POLICY reports no MISSING_RESOURCE.
      break;
  }
}

/** Sids: IAM identity policies and organization policies need them unique; elsewhere AWS recommends it. */
function checkSids(ctx: CheckContext): void {
  const seen = new Map<string, Located>();
  for (const s of ctx.view.statements) {
    if (s.sid?.node.kind !== 'string' || s.sid.node.value === '') continue;
    const first = seen.get(s.sid.node.value);
    if (first === undefined) {
      seen.set(s.sid.node.value, s.sid);
      continue;
    }
    ctx.report(ctx.policyType === 'RESOURCE_POLICY' ? 'UNIQUE_SIDS_RECOMMENDED' : 'UNIQUE_SIDS_REQUIRED', s.sid);
  }
}

export const structureCheck: Check = {
  name: 'structure',
  codes: [
    'INVALID_POLICY_ELEMENT',
    'MISSING_VERSION',
    'INVALID_VERSION',
    'MISSING_STATEMENT',
    'DATA_TYPE_MISMATCH',
    'MISSING_EFFECT',
    'INVALID_EFFECT',
    'EMPTY_SID_VALUE',
    'UNSUPPORTED_SID',
    'UNSUPPORTED_ELEMENT_COMBINATION',
    'MISSING_ACTION',
    'EMPTY_ARRAY_ACTION',
    'EMPTY_ARRAY_RESOURCE',
    'UNSUPPORTED_PRINCIPAL',
    'MISSING_RESOURCE',
    'SCP_SYNTAX_ERROR_PRINCIPAL',
    'MISSING_PRINCIPAL',
    'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
    'UNIQUE_SIDS_REQUIRED',
    'UNIQUE_SIDS_RECOMMENDED',
  ],
  run(ctx) {
    checkTopLevel(ctx);
    for (const s of ctx.view.statements) checkStatement(ctx, s);
    checkSids(ctx);
  },
};

