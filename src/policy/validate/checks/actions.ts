// Action and NotAction values against the action catalogue: unknown services and actions,
// wildcards in the service name, SCP and RCP action rules, and actions made redundant by
// another entry of the same list.

import { compileWildcard, hasWildcard } from '../../match/wildcard.js';
import type { ServiceInfo } from '../catalog.js';
import type { Check, CheckContext } from '../context.js';
import type { LocatedString } from '../located.js';

const expansions = new WeakMap<ServiceInfo, Map<string, readonly string[]>>();

/** The catalogue's actions of `service` a pattern (the part after the colon) matches. */
export function actionsMatching(service: ServiceInfo, namePattern: string): readonly string[] {
  if (!hasWildcard(namePattern)) {
    const hit = service.actions.get(namePattern.toLowerCase());
    return hit === undefined ? [] : [hit.name];
  }
  let cache = expansions.get(service);
  if (cache === undefined) {
    cache = new Map();
    expansions.set(service, cache);
  }
  const key = namePattern.toLowerCase();
  const known = cache.get(key);
  if (known !== undefined) return known;
  const match = compileWildcard(namePattern, { ignoreCase: true });
  const out: string[] = [];
  for (const action of service.actions.values()) if (match(action.name)) out.push(action.name);
  if (cache.size > 5000) cache.clear();
  cache.set(key, out);
  return out;
}

function checkAction(ctx: CheckContext, item: LocatedString): void {
  const { value } = item;
  if (value === '*') return;
  // SCPs take wildcards anywhere in an action since AWS gave them the full IAM policy language
  // (2025): SCP_SYNTAX_ERROR_ACTION_WILDCARD is obsolete and not reported.
  const colon = value.indexOf(':');
  if (colon <= 0) {
    ctx.report('INVALID_ACTION', item.at, { action: value });
    return;
  }
  const prefix = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (hasWildcard(prefix)) {
    ctx.report('WILDCARD_IN_SERVICE_NAME', item.at);
    return;
  }
  const service = ctx.catalog.service(prefix.toLowerCase());
  if (service === undefined) {
    ctx.report('INVALID_SERVICE_IN_ACTION', item.at, { service: prefix });
    return;
  }
  if (actionsMatching(service, name).length === 0) {
    ctx.report('INVALID_ACTION', item.at, { action: value });
    return;
  }
  if (ctx.policyType === 'RESOURCE_CONTROL_POLICY' && !ctx.catalog.supportsRcp(service.prefix)) ctx.report('RCP_SYNTAX_ERROR_ACTION', item.at, { action: value });
}

/** Entries of one list whose every action another entry already grants. */
function redundantActions(ctx: CheckContext, items: readonly LocatedString[]): readonly LocatedString[] {
  const sets = items.map((item) => {
    const colon = item.value.indexOf(':');
    if (item.value === '*') return { all: true, service: '', actions: new Set<string>() };
    const prefix = item.value.slice(0, colon).toLowerCase();
    const service = colon > 0 && !hasWildcard(prefix) ? ctx.catalog.service(prefix) : undefined;
    const actions = service === undefined ? new Set<string>() : new Set(actionsMatching(service, item.value.slice(colon + 1)));
    return { all: false, service: prefix, actions };
  });
  const out: LocatedString[] = [];
  items.forEach((item, i) => {
    const mine = sets[i];
    if (mine === undefined || mine.all || mine.actions.size === 0) return;
    const covered = items.some((other, j) => {
      const theirs = sets[j];
      if (j === i || theirs === undefined) return false;
      if (theirs.all) return true;
      if (theirs.service !== mine.service) return false;
      // Identical entries: only the later one is redundant.
      if (other.value.toLowerCase() === item.value.toLowerCase()) return j < i;
      if (!hasWildcard(other.value)) return false;
      for (const a of mine.actions) if (!theirs.actions.has(a)) return false;
      // A pattern equal in reach to another pattern is only redundant if it is the narrower text.
      return theirs.actions.size > mine.actions.size || !hasWildcard(item.value) || j < i;
    });
    if (covered) out.push(item);
  });
  return out;
}

export const actionsCheck: Check = {
  name: 'actions',
  codes: ['INVALID_ACTION', 'INVALID_SERVICE_IN_ACTION', 'WILDCARD_IN_SERVICE_NAME', 'RCP_SYNTAX_ERROR_ACTION', 'RCP_SYNTAX_ERROR_NOTACTION', 'REDUNDANT_ACTION'],
  run(ctx) {
    for (const s of ctx.view.statements) {
      for (const item of [...s.actions, ...s.notActions]) checkAction(ctx, item);
      if (ctx.policyType === 'RESOURCE_CONTROL_POLICY' && s.notAction !== undefined) ctx.report('RCP_SYNTAX_ERROR_NOTACTION', s.notAction);
      const redundant = redundantActions(ctx, s.actions);
      const first = redundant[0];
      if (first !== undefined) {
        ctx.report(
          'REDUNDANT_ACTION',
          redundant.map((r) => r.at),
          { redundantActionCount: redundant.length, redundantAction: first.value },
        );
      }
    }
  },
};
