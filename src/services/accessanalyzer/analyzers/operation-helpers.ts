// Shared by the analyzer and finding operations: the authorization checks on AWS's ARNs, the
// caller's analyzer by name or ARN, filter criteria and an on-demand scan.

import type { Analyzer, FilterCriteria } from '../../../domain/analyzers.js';
import { analyzerArn, archiveRuleArn } from '../../../domain/analyzers.js';
import { validationException } from '../../../protocol/rest-json/rest-json-error.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { Operation, ServiceContext } from '../../operation.js';
import { loadActionExpander } from './action-catalogue.js';
import { resourceNotFound } from './errors.js';
import { checkFilter } from './filter-criteria.js';
import { scanInTransaction } from './scan.js';

const ANALYZER_ARN = /^arn:aws:access-analyzer:([a-z0-9-]+):(\d{12}):analyzer\/([A-Za-z_][A-Za-z0-9_.-]*)$/;

export const own = (ctx: ServiceContext, name: unknown): string => analyzerArn(ctx.region, ctx.accountId, String(name ?? ''));
export const check = (action: string, resource: (input: WireObject, ctx: ServiceContext) => string): Operation['checks'] => (input, ctx) => [{ action: `access-analyzer:${action}`, resource: resource(input, ctx) }];
export const byName = (action: string): Operation['checks'] => check(action, (input, ctx) => own(ctx, input.analyzerName));
export const byRule = (action: string): Operation['checks'] =>
  check(action, (input, ctx) => archiveRuleArn(ctx.region, ctx.accountId, String(input.analyzerName ?? ''), String(input.ruleName ?? '')));
export const byArn = (action: string, member = 'analyzerArn'): Operation['checks'] => check(action, (input) => String(input[member] ?? ''));

export async function getByName(tx: StoreTx, ctx: ServiceContext, name: unknown): Promise<Analyzer> {
  const analyzer = await tx.analyzers.get(ctx.accountId, ctx.region, String(name));
  if (analyzer === undefined) throw resourceNotFound('Analyzer', String(name));
  return analyzer;
}

/** The caller's analyzer an ARN names; another account's or Region's is not found. */
export async function getByArn(tx: StoreTx, ctx: ServiceContext, arn: unknown): Promise<Analyzer> {
  const m = ANALYZER_ARN.exec(String(arn));
  if (m === null) throw validationException(`Invalid analyzer ARN: ${String(arn)}.`, 'fieldValidationFailed', [{ name: 'analyzerArn', message: 'not an analyzer ARN' }]);
  const analyzer = m[1] === ctx.region && m[2] === ctx.accountId ? await tx.analyzers.get(ctx.accountId, ctx.region, m[3] ?? '') : undefined;
  if (analyzer === undefined) throw resourceNotFound('Analyzer', String(arn));
  return analyzer;
}

export function readFilter(filter: unknown, member: string): FilterCriteria {
  const f = (filter ?? {}) as FilterCriteria;
  checkFilter(f, member);
  return f;
}

export async function scan(ctx: ServiceContext, name: string): Promise<void> {
  const actions = await loadActionExpander();
  await ctx.store.write(async (tx) => {
    const analyzer = await tx.analyzers.get(ctx.accountId, ctx.region, name);
    if (analyzer !== undefined) await scanInTransaction(tx, analyzer, ctx.now, actions);
  });
}
