// EventBridge's ARNs and the little naming rules every events operation shares: only the
// default event bus exists, rules live per account, and NextToken is an opaque cursor.

import { compileEventPattern, type CompiledPattern } from '../../audit/rules/pattern/compile.js';
import { describePatternError, EventPatternError } from '../../audit/rules/pattern/types.js';
import type { WireObject } from '../../protocol/wire-value.js';
import type { PageRequest } from '../../storage/repositories.js';
import { optInt, optStr } from '../input.js';
import type { ServiceContext } from '../operation.js';
import { eventBusNotFound, invalidPattern, validation } from './errors.js';

export const DEFAULT_BUS = 'default';

export function ruleArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${name}`;
}

/** The ARN a policy names a connection by (the stored one has a unique suffix). */
export function connectionPolicyArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:events:${ctx.region}:${ctx.accountId}:connection/${name}`;
}

export function apiDestinationPolicyArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:events:${ctx.region}:${ctx.accountId}:api-destination/${name}`;
}

/** `arn:aws:events:region:account:connection/NAME/UUID` -> NAME. */
export function nameInArn(arn: string, kind: 'connection' | 'api-destination'): string | undefined {
  const match = new RegExp(`^arn:aws[\\w-]*:events:[\\w-]*:\\d{12}:${kind}/([.\\-_A-Za-z0-9]+)(?:/.*)?$`).exec(arn);
  return match?.[1];
}

/** Only the default bus exists: by name or by ARN. */
export function checkEventBus(input: WireObject, ctx: ServiceContext): void {
  const bus = optStr(input, 'EventBusName');
  if (bus === undefined || bus === DEFAULT_BUS || bus === `arn:aws:events:${ctx.region}:${ctx.accountId}:event-bus/${DEFAULT_BUS}`) return;
  const slash = bus.lastIndexOf('/');
  throw eventBusNotFound(bus.startsWith('arn:') && slash >= 0 ? bus.slice(slash + 1) : bus);
}

/** Compiles a pattern with EventBridge's refusal. */
export function compilePattern(text: string): CompiledPattern {
  try {
    return compileEventPattern(text);
  } catch (error) {
    if (error instanceof EventPatternError) throw invalidPattern(describePatternError(error, text));
    throw error;
  }
}

/** NextToken and Limit (default 100) as a page request. */
export function pageOf(input: WireObject): PageRequest {
  const limit = optInt(input, 'Limit') ?? 100;
  const token = optStr(input, 'NextToken');
  if (token === undefined) return { limit };
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith('n:')) throw validation('The NextToken is not valid.');
  return { limit, after: text.slice(2) };
}

export function nextTokenOf(nextAfter: string | undefined): { NextToken?: string } {
  return nextAfter === undefined ? {} : { NextToken: Buffer.from(`n:${nextAfter}`, 'utf8').toString('base64url') };
}
