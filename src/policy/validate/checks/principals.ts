// Principal and NotPrincipal: shape, keys, wildcards, unique ids instead of ARNs, Allow with
// NotPrincipal, RCP's "*"-only rule, and federated principals with the wrong assume-role action.

import type { Check, CheckContext } from '../context.js';
import { listItems, memberOf, stringItems } from '../located.js';
import type { Located, LocatedString } from '../located.js';
import type { StatementView } from '../policy-view.js';

const KEYS: ReadonlySet<string> = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const FEDERATED_ACTIONS: ReadonlySet<string> = new Set(['sts:assumerolewithsaml', 'sts:assumerolewithwebidentity']);

function checkBlock(ctx: CheckContext, at: Located): LocatedString[] {
  const federated: LocatedString[] = [];
  if (at.node.kind === 'string') {
    if (at.node.value !== '*') ctx.report('INVALID_PRINCIPAL_FORMAT', at);
    return federated;
  }
  if (at.node.kind !== 'object') {
    ctx.report('INVALID_PRINCIPAL_FORMAT', at);
    return federated;
  }
  if (at.node.entries.length === 0) ctx.report('EMPTY_OBJECT_PRINCIPAL', at);
  for (const entry of at.node.entries) {
    const keyAt = memberOf(at, entry.key, entry.value);
    if (!KEYS.has(entry.key)) {
      ctx.report('INVALID_PRINCIPAL_KEY', keyAt, { key: entry.key });
      continue;
    }
    if (entry.value.kind === 'array' && entry.value.items.length === 0) ctx.report('EMPTY_ARRAY_PRINCIPAL', keyAt);
    for (const item of listItems(keyAt)) if (item.node.kind !== 'string') ctx.report('DATA_TYPE_MISMATCH', item, { type: 'String' });
    for (const item of stringItems(keyAt)) {
      const v = item.value;
      if (entry.key === 'Federated') federated.push(item);
      if (/[*?]/.test(v) && !(v === '*' && entry.key === 'AWS')) ctx.report('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', item.at, { key: entry.key });
      else if (entry.key === 'AWS' && /^AIDA[A-Z0-9]{12,}$/.test(v)) ctx.report('INVALID_USER_REFERENCE', item.at, { id: v });
      else if (entry.key === 'AWS' && /^AROA[A-Z0-9]{12,}$/.test(v)) ctx.report('INVALID_ROLE_REFERENCE', item.at, { id: v });
    }
  }
  return federated;
}

/** A federated principal can only be trusted for AssumeRoleWithSAML / AssumeRoleWithWebIdentity. */
function checkFederatedActions(ctx: CheckContext, s: StatementView, federated: readonly LocatedString[]): void {
  if (federated.length === 0 || s.effectValue !== 'Allow') return;
  for (const action of s.actions) {
    const lower = action.value.toLowerCase();
    if (lower !== 'sts:assumerole') continue;
    if (FEDERATED_ACTIONS.has(lower)) continue;
    ctx.report('MISMATCHED_ACTION_FOR_PRINCIPAL', [action.at, ...federated.map((f) => f.at)], {
      actionName: action.value,
      principalNames: federated.map((f) => f.value).join(', '),
    });
  }
}

export const principalsCheck: Check = {
  name: 'principals',
  codes: [
    'INVALID_PRINCIPAL_FORMAT',
    'EMPTY_OBJECT_PRINCIPAL',
    'INVALID_PRINCIPAL_KEY',
    'EMPTY_ARRAY_PRINCIPAL',
    'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    'INVALID_USER_REFERENCE',
    'INVALID_ROLE_REFERENCE',
    'ALLOW_WITH_NOT_PRINCIPAL',
    'RCP_SYNTAX_ERROR_PRINCIPAL',
    'MISMATCHED_ACTION_FOR_PRINCIPAL',
  ],
  run(ctx) {
    if (ctx.policyType === 'IDENTITY_POLICY' || ctx.policyType === 'SERVICE_CONTROL_POLICY') return;
    for (const s of ctx.view.statements) {
      if (ctx.policyType === 'RESOURCE_CONTROL_POLICY') {
        if (s.notPrincipal !== undefined) ctx.report('RCP_SYNTAX_ERROR_PRINCIPAL', s.notPrincipal);
        if (s.principal !== undefined && !(s.principal.node.kind === 'string' && s.principal.node.value === '*')) ctx.report('RCP_SYNTAX_ERROR_PRINCIPAL', s.principal);
        continue;
      }
      const federated = s.principal === undefined ? [] : checkBlock(ctx, s.principal);
      if (s.notPrincipal !== undefined) {
        checkBlock(ctx, s.notPrincipal);
        if (s.effectValue === 'Allow') ctx.report('ALLOW_WITH_NOT_PRINCIPAL', s.notPrincipal);
      }
      checkFederatedActions(ctx, s, federated);
    }
  },
};
