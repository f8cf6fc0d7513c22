// The context keys a service sends with a check: its own keys (`notes:Visibility`), typed per
// its definition, and the `aws:` keys its action declares (request tags) or resource tags. Keys
// Keyward computes itself (aws:SourceIp, aws:PrincipalArn, ...) cannot be sent: a service
// must not be able to claim another caller or address.

import { isIP } from 'node:net';
import type { ContextValue } from '../../policy/context.js';
import type { ConditionKeyType, DefinedAction, ServiceDefinition } from '../definition/service-definition.js';

export type CheckedContext = { readonly ok: true; readonly keys: Record<string, ContextValue> } | { readonly ok: false; readonly message: string };

/** `aws:` keys a service may always send: the target resource's tags. */
const RESOURCE_TAG = /^aws:resourcetag\/.+$/i;

function templateMatches(template: string, key: string): boolean {
  const t = template.toLowerCase();
  const k = key.toLowerCase();
  const at = t.indexOf('/${');
  return at < 0 ? t === k : k.startsWith(t.slice(0, at + 1)) && k.length > at + 1;
}

function valueFits(type: ConditionKeyType, value: string): boolean {
  const base = type.replace(/^ArrayOf/, '');
  switch (base) {
    case 'Numeric':
      return /^-?\d+(\.\d+)?$/.test(value);
    case 'Bool':
      return value === 'true' || value === 'false';
    case 'Date':
      return /^\d+$/.test(value) || !Number.isNaN(Date.parse(value));
    case 'IPAddress': {
      const [ip = '', bits] = value.split('/');
      return isIP(ip) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
    }
    case 'ARN':
      return value.startsWith('arn:');
    default:
      return true;
  }
}

export function checkContext(
  definition: ServiceDefinition,
  action: DefinedAction,
  context: Readonly<Record<string, unknown>> | undefined,
  at: string,
): CheckedContext {
  const keys: Record<string, ContextValue> = {};
  for (const [key, raw] of Object.entries(context ?? {})) {
    const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((v) => typeof v === 'string') ? (raw as string[]) : undefined;
    if (values === undefined) return { ok: false, message: `${at}.${key}: a context value must be a string or a list of strings` };
    const lower = key.toLowerCase();
    if (lower.startsWith('aws:')) {
      if (!RESOURCE_TAG.test(key) && !action.ActionConditionKeys.some((k) => templateMatches(k, key))) {
        return { ok: false, message: `${at}.${key}: the global key ${key} is set by Keyward, not by the service` };
      }
      keys[key] = typeof raw === 'string' ? raw : values;
      continue;
    }
    const defined = definition.ConditionKeys.find((k) => templateMatches(k.Name, key));
    if (defined === undefined) return { ok: false, message: `${at}.${key}: ${key} is not a condition key of service ${definition.Name}` };
    const multi = defined.Types.some((t) => t.startsWith('ArrayOf'));
    if (typeof raw !== 'string' && !multi) return { ok: false, message: `${at}.${key}: ${key} takes one value (${defined.Types.join(', ')})` };
    for (const v of values) {
      if (!defined.Types.some((t) => valueFits(t, v))) return { ok: false, message: `${at}.${key}: ${JSON.stringify(v)} is not a ${defined.Types.join(' or ')}` };
    }
    keys[key] = typeof raw === 'string' ? raw : values;
  }
  return { ok: true, keys };
}
