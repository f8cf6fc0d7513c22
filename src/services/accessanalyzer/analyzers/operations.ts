// IAM Access Analyzer's analyzers on the endpoint: analyzers (ACCOUNT for external access,
// ACCOUNT_UNUSED_ACCESS), their tags and archive rules; the findings, recommendations and scans
// are in finding-operations.ts. Every call is authorized as `access-analyzer:<Action>` on AWS's
// analyzer or archive rule ARN.

import type { AnalyzerFinding, Analyzer, AnalyzerType } from '../../../domain/analyzers.js';
import { validationException } from '../../../protocol/rest-json/rest-json-error.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { EntityAlreadyExistsError } from '../../../storage/errors.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { Operation, OperationTable, ServiceContext } from '../../operation.js';
import { loadActionExpander } from './action-catalogue.js';
import { runOnce } from './client-token.js';
import { conflict, quotaExceeded, resourceNotFound } from './errors.js';
import { archivedByRules, scanInTransaction } from './scan.js';
import { analyzerSummary, page, revive, ruleSummary } from './wire.js';
import { byArn, byName, byRule, getByArn, getByName, own, readFilter } from './operation-helpers.js';
import { FINDING_OPERATIONS } from './finding-operations.js';

const SUPPORTED_TYPES: readonly AnalyzerType[] = ['ACCOUNT', 'ACCOUNT_UNUSED_ACCESS'];
const MAX_ARCHIVE_RULES = 100;
const MAX_AGE_DAYS = 365;

function readTags(tags: unknown, member: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((tags ?? {}) as Record<string, unknown>)) {
    if (k.toLowerCase().startsWith('aws:')) throw validationException(`Tag keys must not start with aws: (${k}).`, 'fieldValidationFailed', [{ name: `${member}.${k}`, message: 'reserved tag key prefix' }]);
    out[k] = String(v);
  }
  return out;
}

/** The configuration union: only unusedAccess, only for unused-access analyzers, age within 1-365 days. */
function readConfiguration(type: AnalyzerType, configuration: unknown): Record<string, unknown> | undefined {
  if (configuration === undefined) return type === 'ACCOUNT_UNUSED_ACCESS' ? { unusedAccess: {} } : undefined;
  const c = configuration as Record<string, unknown>;
  const keys = Object.keys(c);
  if (type !== 'ACCOUNT_UNUSED_ACCESS' || keys.length !== 1 || keys[0] !== 'unusedAccess') {
    throw validationException(`The configuration is not valid for an analyzer of type ${type}.`, 'fieldValidationFailed', [{ name: 'configuration', message: 'unsupported configuration for this analyzer type' }]);
  }
  const unused = (c.unusedAccess ?? {}) as Record<string, unknown>;
  const age = unused.unusedAccessAge;
  if (age !== undefined && (typeof age !== 'number' || age < 1 || age > MAX_AGE_DAYS)) {
    throw validationException(`unusedAccessAge must be between 1 and ${MAX_AGE_DAYS} days.`, 'fieldValidationFailed', [{ name: 'configuration.unusedAccess.unusedAccessAge', message: `must be between 1 and ${MAX_AGE_DAYS}` }]);
  }
  const exclusions = ((unused.analysisRule as Record<string, unknown> | undefined)?.exclusions ?? []) as Record<string, unknown>[];
  for (const e of exclusions) {
    if (Array.isArray(e.accountIds) && e.accountIds.length > 0) {
      throw validationException('Account exclusions apply only to organization analyzers.', 'fieldValidationFailed', [{ name: 'configuration.unusedAccess.analysisRule.exclusions.accountIds', message: 'not supported for an account analyzer' }]);
    }
    for (const tags of (e.resourceTags ?? []) as Record<string, string>[]) readTags(tags, 'configuration.unusedAccess.analysisRule.exclusions.resourceTags');
  }
  return c;
}

const createAnalyzer: Operation = {
  checks: byName('CreateAnalyzer'),
  readsUsage: true,
  async run(input, ctx) {
    const type = input.type as AnalyzerType;
    if (!SUPPORTED_TYPES.includes(type)) throw validationException(`Analyzers of type ${String(input.type)} are not supported: Keyward serves one account.`, 'notSupported');
    const name = String(input.analyzerName);
    const configuration = readConfiguration(type, input.configuration);
    const tags = readTags(input.tags, 'tags');
    const inlineRules = ((input.archiveRules ?? []) as WireObject[]).map((r, i) => ({ ruleName: String(r.ruleName), filter: readFilter(r.filter, `archiveRules.${i}.filter`) }));
    if (new Set(inlineRules.map((r) => r.ruleName)).size !== inlineRules.length) throw validationException('Archive rule names must be unique.', 'fieldValidationFailed', [{ name: 'archiveRules', message: 'duplicate rule name' }]);
    const arn = own(ctx, name);
    const actions = await loadActionExpander();
    await ctx.store.write(async (tx) => {
      await runOnce(tx, ctx, 'CreateAnalyzer', 'Analyzer', input, async () => {
        const existing = await tx.analyzers.list(ctx.accountId, ctx.region);
        if (existing.some((a) => a.name === name)) throw conflict('Analyzer', name);
        if (existing.some((a) => a.type === type)) throw quotaExceeded('Analyzer', name, `You can create only one analyzer of type ${type} per account per Region.`);
        const analyzer: Analyzer = { accountId: ctx.accountId, region: ctx.region, name, arn, type, status: 'ACTIVE', createdAt: ctx.now, ...(configuration !== undefined && { configuration }), tags };
        try {
          await tx.analyzers.insert(analyzer);
        } catch (error) {
          if (error instanceof EntityAlreadyExistsError) throw conflict('Analyzer', name);
          throw error;
        }
        for (const r of inlineRules) await tx.analyzers.insertRule({ accountId: ctx.accountId, region: ctx.region, analyzerName: name, ruleName: r.ruleName, filter: r.filter, createdAt: ctx.now, updatedAt: ctx.now });
        await scanInTransaction(tx, analyzer, ctx.now, actions);
      });
    });
    return { arn };
  },
};

const getAnalyzer: Operation = {
  checks: byName('GetAnalyzer'),
  async run(input, ctx) {
    const analyzer = await ctx.store.read((tx) => getByName(tx, ctx, input.analyzerName));
    return { analyzer: analyzerSummary(analyzer, true) };
  },
};

const listAnalyzers: Operation = {
  checks: () => [{ action: 'access-analyzer:ListAnalyzers', resource: '*' }],
  async run(input, ctx) {
    const all = await ctx.store.read((tx) => tx.analyzers.list(ctx.accountId, ctx.region));
    const wanted = input.type === undefined ? all : all.filter((a) => a.type === input.type);
    const { items, nextToken } = page(wanted, input, 100);
    return { analyzers: items.map((a) => analyzerSummary(a, false)), ...(nextToken !== undefined && { nextToken }) };
  },
};

const deleteAnalyzer: Operation = {
  checks: byName('DeleteAnalyzer'),
  async run(input, ctx) {
    await ctx.store.write(async (tx) => {
      await runOnce(tx, ctx, 'DeleteAnalyzer', 'Analyzer', input, async () => {
        if (!(await tx.analyzers.delete(ctx.accountId, ctx.region, String(input.analyzerName)))) throw resourceNotFound('Analyzer', String(input.analyzerName));
      });
    });
    return undefined;
  },
};

const updateAnalyzer: Operation = {
  checks: byName('UpdateAnalyzer'),
  readsUsage: true,
  async run(input, ctx) {
    const name = String(input.analyzerName);
    const before = await ctx.store.read((tx) => getByName(tx, ctx, name));
    const configuration = readConfiguration(before.type, input.configuration);
    const actions = await loadActionExpander();
    const after = await ctx.store.write(async (tx) => {
      const analyzer = await getByName(tx, ctx, name);
      const updated: Analyzer = { ...analyzer, ...(configuration !== undefined && { configuration }) };
      await tx.analyzers.update(updated);
      await scanInTransaction(tx, updated, ctx.now, actions);
      return updated;
    });
    return after.configuration === undefined ? {} : { configuration: revive(after.configuration) };
  },
};

/** Tag operations take any ARN: only the caller's analyzers have tags here. */
async function taggedAnalyzer(tx: StoreTx, ctx: ServiceContext, arn: unknown): Promise<Analyzer> {
  return getByArn(tx, ctx, arn).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ValidationException') throw resourceNotFound('Analyzer', String(arn));
    throw error;
  });
}

const tagResource: Operation = {
  checks: byArn('TagResource', 'resourceArn'),
  async run(input, ctx) {
    const tags = readTags(input.tags, 'tags');
    await ctx.store.write(async (tx) => {
      const analyzer = await taggedAnalyzer(tx, ctx, input.resourceArn);
      await tx.analyzers.update({ ...analyzer, tags: { ...analyzer.tags, ...tags } });
    });
    return {};
  },
};

const untagResource: Operation = {
  checks: byArn('UntagResource', 'resourceArn'),
  async run(input, ctx) {
    const keys = new Set((input.tagKeys ?? []) as string[]);
    await ctx.store.write(async (tx) => {
      const analyzer = await taggedAnalyzer(tx, ctx, input.resourceArn);
      await tx.analyzers.update({ ...analyzer, tags: Object.fromEntries(Object.entries(analyzer.tags).filter(([k]) => !keys.has(k))) });
    });
    return {};
  },
};

const listTagsForResource: Operation = {
  checks: byArn('ListTagsForResource', 'resourceArn'),
  async run(input, ctx) {
    const analyzer = await ctx.store.read((tx) => taggedAnalyzer(tx, ctx, input.resourceArn));
    return { tags: { ...analyzer.tags } };
  },
};

const createArchiveRule: Operation = {
  checks: byRule('CreateArchiveRule'),
  async run(input, ctx) {
    const filter = readFilter(input.filter, 'filter');
    const ruleName = String(input.ruleName);
    await ctx.store.write(async (tx) => {
      await runOnce(tx, ctx, 'CreateArchiveRule', 'ArchiveRule', input, async () => {
        const analyzer = await getByName(tx, ctx, input.analyzerName);
        if ((await tx.analyzers.listRules(ctx.accountId, ctx.region, analyzer.name)).length >= MAX_ARCHIVE_RULES) {
          throw quotaExceeded('ArchiveRule', ruleName, `An analyzer can have at most ${MAX_ARCHIVE_RULES} archive rules.`);
        }
        try {
          await tx.analyzers.insertRule({ accountId: ctx.accountId, region: ctx.region, analyzerName: analyzer.name, ruleName, filter, createdAt: ctx.now, updatedAt: ctx.now });
        } catch (error) {
          if (error instanceof EntityAlreadyExistsError) throw conflict('ArchiveRule', ruleName);
          throw error;
        }
      });
    });
    return undefined;
  },
};

const getArchiveRule: Operation = {
  checks: byRule('GetArchiveRule'),
  async run(input, ctx) {
    const rule = await ctx.store.read(async (tx) => {
      const analyzer = await getByName(tx, ctx, input.analyzerName);
      return tx.analyzers.getRule(ctx.accountId, ctx.region, analyzer.name, String(input.ruleName));
    });
    if (rule === undefined) throw resourceNotFound('ArchiveRule', String(input.ruleName));
    return { archiveRule: ruleSummary(rule) };
  },
};

const listArchiveRules: Operation = {
  checks: byName('ListArchiveRules'),
  async run(input, ctx) {
    const rules = await ctx.store.read(async (tx) => {
      const analyzer = await getByName(tx, ctx, input.analyzerName);
      return tx.analyzers.listRules(ctx.accountId, ctx.region, analyzer.name);
    });
    const { items, nextToken } = page(rules, input, 100);
    return { archiveRules: items.map(ruleSummary), ...(nextToken !== undefined && { nextToken }) };
  },
};

const updateArchiveRule: Operation = {
  checks: byRule('UpdateArchiveRule'),
  async run(input, ctx) {
    const filter = readFilter(input.filter, 'filter');
    await ctx.store.write(async (tx) => {
      await runOnce(tx, ctx, 'UpdateArchiveRule', 'ArchiveRule', input, async () => {
        const analyzer = await getByName(tx, ctx, input.analyzerName);
        const rule = await tx.analyzers.getRule(ctx.accountId, ctx.region, analyzer.name, String(input.ruleName));
        if (rule === undefined) throw resourceNotFound('ArchiveRule', String(input.ruleName));
        await tx.analyzers.updateRule({ ...rule, filter, updatedAt: ctx.now });
      });
    });
    return undefined;
  },
};

const deleteArchiveRule: Operation = {
  checks: byRule('DeleteArchiveRule'),
  async run(input, ctx) {
    await ctx.store.write(async (tx) => {
      await runOnce(tx, ctx, 'DeleteArchiveRule', 'ArchiveRule', input, async () => {
        const analyzer = await getByName(tx, ctx, input.analyzerName);
        if (!(await tx.analyzers.deleteRule(ctx.accountId, ctx.region, analyzer.name, String(input.ruleName)))) throw resourceNotFound('ArchiveRule', String(input.ruleName));
      });
    });
    return undefined;
  },
};

const applyArchiveRule: Operation = {
  checks: byArn('ApplyArchiveRule'),
  async run(input, ctx) {
    await ctx.store.write(async (tx) => {
      await runOnce(tx, ctx, 'ApplyArchiveRule', 'ArchiveRule', input, async () => {
        const analyzer = await getByArn(tx, ctx, input.analyzerArn);
        const rule = await tx.analyzers.getRule(ctx.accountId, ctx.region, analyzer.name, String(input.ruleName));
        if (rule === undefined) throw resourceNotFound('ArchiveRule', String(input.ruleName));
        const findings = await tx.analyzers.listFindings(ctx.accountId, ctx.region, analyzer.name);
        const archived = findings.filter((f) => f.status === 'ACTIVE' && archivedByRules(f, [rule])).map((f): AnalyzerFinding => ({ ...f, status: 'ARCHIVED', updatedAt: ctx.now }));
        await tx.analyzers.putFindings(archived);
      });
    });
    return undefined;
  },
};

export const ANALYZER_OPERATIONS: OperationTable = {
  CreateAnalyzer: createAnalyzer,
  GetAnalyzer: getAnalyzer,
  ListAnalyzers: listAnalyzers,
  DeleteAnalyzer: deleteAnalyzer,
  UpdateAnalyzer: updateAnalyzer,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  CreateArchiveRule: createArchiveRule,
  GetArchiveRule: getArchiveRule,
  ListArchiveRules: listArchiveRules,
  UpdateArchiveRule: updateArchiveRule,
  DeleteArchiveRule: deleteArchiveRule,
  ApplyArchiveRule: applyArchiveRule,
  ...FINDING_OPERATIONS,
};
