// IAM Access Analyzer's analyzers on the endpoint: analyzers (ACCOUNT for external access,
// ACCOUNT_UNUSED_ACCESS), their tags and archive rules, findings (ListFindingsV2, GetFindingV2,
// UpdateFindings, GetFindingsStatistics), recommendations for unused permissions and on-demand
// scans. Every call is authorized as `access-analyzer:<Action>` on AWS's analyzer or archive
// rule ARN; ListFindingsV2 and GetFindingV2 need AWS's ListFindings and GetFinding actions. The
// v1 ListFindings and GetFinding answer for external access (ACCOUNT) analyzers, as AWS's do.

import type { AnalyzerFinding, Analyzer, AnalyzerType, FilterCriteria } from '../../../domain/analyzers.js';
import { analyzerArn, archiveRuleArn } from '../../../domain/analyzers.js';
import { validationException } from '../../../protocol/rest-json/rest-json-error.js';
import type { WireObject, WireValue } from '../../../protocol/wire-value.js';
import { EntityAlreadyExistsError } from '../../../storage/errors.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { Operation, OperationTable, ServiceContext } from '../../operation.js';
import { loadActionExpander } from './action-catalogue.js';
import { conflict, quotaExceeded, resourceNotFound } from './errors.js';
import { checkFilter, matchesFilter } from './filter-criteria.js';
import { recommendSteps } from './recommendation.js';
import { archivedByRules, scanInTransaction, unusedAccessSettings } from './scan.js';
import { analyzerSummary, findingSummary, page, revive, ruleSummary } from './wire.js';

const SUPPORTED_TYPES: readonly AnalyzerType[] = ['ACCOUNT', 'ACCOUNT_UNUSED_ACCESS'];
const ANALYZER_ARN = /^arn:aws:access-analyzer:([a-z0-9-]+):(\d{12}):analyzer\/([A-Za-z_][A-Za-z0-9_.-]*)$/;
const MAX_ARCHIVE_RULES = 100;
const MAX_AGE_DAYS = 365;

const own = (ctx: ServiceContext, name: unknown): string => analyzerArn(ctx.region, ctx.accountId, String(name ?? ''));
const check = (action: string, resource: (input: WireObject, ctx: ServiceContext) => string): Operation['checks'] => (input, ctx) => [{ action: `access-analyzer:${action}`, resource: resource(input, ctx) }];
const byName = (action: string): Operation['checks'] => check(action, (input, ctx) => own(ctx, input.analyzerName));
const byRule = (action: string): Operation['checks'] =>
  check(action, (input, ctx) => archiveRuleArn(ctx.region, ctx.accountId, String(input.analyzerName ?? ''), String(input.ruleName ?? '')));
const byArn = (action: string, member = 'analyzerArn'): Operation['checks'] => check(action, (input) => String(input[member] ?? ''));

async function getByName(tx: StoreTx, ctx: ServiceContext, name: unknown): Promise<Analyzer> {
  const analyzer = await tx.analyzers.get(ctx.accountId, ctx.region, String(name));
  if (analyzer === undefined) throw resourceNotFound('Analyzer', String(name));
  return analyzer;
}

/** The caller's analyzer an ARN names; another account's or Region's is not found. */
async function getByArn(tx: StoreTx, ctx: ServiceContext, arn: unknown): Promise<Analyzer> {
  const m = ANALYZER_ARN.exec(String(arn));
  if (m === null) throw validationException(`Invalid analyzer ARN: ${String(arn)}.`, 'fieldValidationFailed', [{ name: 'analyzerArn', message: 'not an analyzer ARN' }]);
  const analyzer = m[1] === ctx.region && m[2] === ctx.accountId ? await tx.analyzers.get(ctx.accountId, ctx.region, m[3] ?? '') : undefined;
  if (analyzer === undefined) throw resourceNotFound('Analyzer', String(arn));
  return analyzer;
}

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

function readFilter(filter: unknown, member: string): FilterCriteria {
  const f = (filter ?? {}) as FilterCriteria;
  checkFilter(f, member);
  return f;
}

async function scan(ctx: ServiceContext, name: string): Promise<void> {
  const actions = await loadActionExpander();
  await ctx.store.write(async (tx) => {
    const analyzer = await tx.analyzers.get(ctx.accountId, ctx.region, name);
    if (analyzer !== undefined) await scanInTransaction(tx, analyzer, ctx.now, actions);
  });
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
      if (!(await tx.analyzers.delete(ctx.accountId, ctx.region, String(input.analyzerName)))) throw resourceNotFound('Analyzer', String(input.analyzerName));
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
      const analyzer = await getByName(tx, ctx, input.analyzerName);
      const rule = await tx.analyzers.getRule(ctx.accountId, ctx.region, analyzer.name, String(input.ruleName));
      if (rule === undefined) throw resourceNotFound('ArchiveRule', String(input.ruleName));
      await tx.analyzers.updateRule({ ...rule, filter, updatedAt: ctx.now });
    });
    return undefined;
  },
};

const deleteArchiveRule: Operation = {
  checks: byRule('DeleteArchiveRule'),
  async run(input, ctx) {
    await ctx.store.write(async (tx) => {
      const analyzer = await getByName(tx, ctx, input.analyzerName);
      if (!(await tx.analyzers.deleteRule(ctx.accountId, ctx.region, analyzer.name, String(input.ruleName)))) throw resourceNotFound('ArchiveRule', String(input.ruleName));
    });
    return undefined;
  },
};

const applyArchiveRule: Operation = {
  checks: byArn('ApplyArchiveRule'),
  async run(input, ctx) {
    await ctx.store.write(async (tx) => {
      const analyzer = await getByArn(tx, ctx, input.analyzerArn);
      const rule = await tx.analyzers.getRule(ctx.accountId, ctx.region, analyzer.name, String(input.ruleName));
      if (rule === undefined) throw resourceNotFound('ArchiveRule', String(input.ruleName));
      const findings = await tx.analyzers.listFindings(ctx.accountId, ctx.region, analyzer.name);
      const archived = findings.filter((f) => f.status === 'ACTIVE' && archivedByRules(f, [rule])).map((f): AnalyzerFinding => ({ ...f, status: 'ARCHIVED', updatedAt: ctx.now }));
      await tx.analyzers.putFindings(archived);
    });
    return undefined;
  },
};

const SORTABLE = new Set(['analyzedAt', 'createdAt', 'updatedAt', 'id', 'resource', 'resourceType', 'resourceOwnerAccount', 'status', 'findingType']);

function sortKey(f: AnalyzerFinding, attribute: string): string | number {
  const v = (f as unknown as Record<string, unknown>)[attribute];
  return v instanceof Date ? v.getTime() : String(v ?? '');
}

/** ListFindings' and ListFindingsV2's selection: the analyzer's findings filtered, sorted, paged. */
async function selectFindings(input: WireObject, ctx: ServiceContext, v1: boolean): Promise<{ items: readonly AnalyzerFinding[]; nextToken?: string }> {
  const filter = readFilter(input.filter, 'filter');
  const sort = (input.sort ?? {}) as { attributeName?: string; orderBy?: 'ASC' | 'DESC' };
  const attribute = sort.attributeName ?? 'updatedAt';
  if (!SORTABLE.has(attribute)) throw validationException(`Cannot sort by ${attribute}.`, 'fieldValidationFailed', [{ name: 'sort.attributeName', message: `one of ${[...SORTABLE].join(', ')}` }]);
  const direction = (sort.orderBy ?? (sort.attributeName === undefined ? 'DESC' : 'ASC')) === 'ASC' ? 1 : -1;
  const findings = await ctx.store.read(async (tx) => {
    const analyzer = await getByArn(tx, ctx, input.analyzerArn);
    if (v1 && analyzer.type !== 'ACCOUNT') throw unusedNotInV1();
    return tx.analyzers.listFindings(ctx.accountId, ctx.region, analyzer.name);
  });
  const wanted = findings
    .filter((f) => matchesFilter(f, filter))
    .sort((a, b) => {
      const x = sortKey(a, attribute);
      const y = sortKey(b, attribute);
      return x < y ? -direction : x > y ? direction : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  return page(wanted, input, 100);
}

const unusedNotInV1 = () => validationException('ListFindings and GetFinding answer for external access analyzers; use ListFindingsV2 and GetFindingV2.', 'notSupported');

const listFindingsV2: Operation = {
  checks: byArn('ListFindings'),
  async run(input, ctx) {
    const { items, nextToken } = await selectFindings(input, ctx, false);
    return { findings: items.map(findingSummary), ...(nextToken !== undefined && { nextToken }) };
  },
};

/** The v1 shape of an external access finding: its one externalAccessDetails flattened. */
function findingV1(f: AnalyzerFinding): WireObject {
  const d = (f.details[0]?.externalAccessDetails ?? {}) as { action?: string[]; condition?: Record<string, string>; isPublic?: boolean; principal?: Record<string, string> };
  return {
    id: f.id,
    ...(d.principal !== undefined && { principal: { ...d.principal } }),
    ...(d.action !== undefined && { action: [...d.action] }),
    resource: f.resource,
    ...(d.isPublic !== undefined && { isPublic: d.isPublic }),
    resourceType: f.resourceType,
    condition: { ...(d.condition ?? {}) },
    createdAt: f.createdAt,
    analyzedAt: f.analyzedAt,
    updatedAt: f.updatedAt,
    status: f.status,
    resourceOwnerAccount: f.resourceOwnerAccount,
  };
}

const listFindings: Operation = {
  checks: byArn('ListFindings'),
  async run(input, ctx) {
    const { items, nextToken } = await selectFindings(input, ctx, true);
    return { findings: items.map(findingV1), ...(nextToken !== undefined && { nextToken }) };
  },
};

const getFinding: Operation = {
  checks: byArn('GetFinding'),
  async run(input, ctx) {
    const { analyzer, finding } = await findingOf(ctx, input);
    if (analyzer.type !== 'ACCOUNT') throw unusedNotInV1();
    return { finding: findingV1(finding) };
  },
};

async function findingOf(ctx: ServiceContext, input: WireObject): Promise<{ analyzer: Analyzer; finding: AnalyzerFinding }> {
  return ctx.store.read(async (tx) => {
    const analyzer = await getByArn(tx, ctx, input.analyzerArn);
    const finding = await tx.analyzers.getFinding(ctx.accountId, ctx.region, analyzer.name, String(input.id));
    if (finding === undefined) throw resourceNotFound('Finding', String(input.id));
    return { analyzer, finding };
  });
}

const getFindingV2: Operation = {
  checks: byArn('GetFinding'),
  async run(input, ctx) {
    const { finding } = await findingOf(ctx, input);
    const { items, nextToken } = page(finding.details, input, 100);
    return { ...findingSummary(finding), findingDetails: revive(items) as WireValue[], ...(nextToken !== undefined && { nextToken }) };
  },
};

const updateFindings: Operation = {
  checks: byArn('UpdateFindings'),
  async run(input, ctx) {
    const ids = (input.ids ?? []) as string[];
    const resourceArn = input.resourceArn as string | undefined;
    if (ids.length === 0 && resourceArn === undefined) throw validationException('Specify ids or resourceArn.', 'fieldValidationFailed', [{ name: 'ids', message: 'ids or resourceArn is required' }]);
    const status = input.status as 'ACTIVE' | 'ARCHIVED';
    await ctx.store.write(async (tx) => {
      const analyzer = await getByArn(tx, ctx, input.analyzerArn);
      const findings = await tx.analyzers.listFindings(ctx.accountId, ctx.region, analyzer.name);
      const byId = new Map(findings.map((f) => [f.id, f]));
      for (const id of ids) if (!byId.has(id)) throw resourceNotFound('Finding', id);
      const chosen = findings.filter((f) => ids.includes(f.id) || (resourceArn !== undefined && f.resource === resourceArn));
      // A resolved finding stays resolved: only ACTIVE and ARCHIVED move between each other.
      await tx.analyzers.putFindings(chosen.filter((f) => f.status !== 'RESOLVED' && f.status !== status).map((f) => ({ ...f, status, updatedAt: ctx.now })));
    });
    return undefined;
  },
};

const getFindingsStatistics: Operation = {
  checks: byArn('GetFindingsStatistics'),
  async run(input, ctx) {
    const { analyzer, findings } = await ctx.store.read(async (tx) => {
      const a = await getByArn(tx, ctx, input.analyzerArn);
      return { analyzer: a, findings: await tx.analyzers.listFindings(ctx.accountId, ctx.region, a.name) };
    });
    const count = (status: string): number => findings.filter((f) => f.status === status).length;
    const active = findings.filter((f) => f.status === 'ACTIVE');
    const totals = { totalActiveFindings: active.length, totalArchivedFindings: count('ARCHIVED'), totalResolvedFindings: count('RESOLVED') };
    let statistics: WireObject;
    if (analyzer.type === 'ACCOUNT_UNUSED_ACCESS') {
      const byType = new Map<string, number>();
      for (const f of active) byType.set(f.findingType, (byType.get(f.findingType) ?? 0) + 1);
      const types = [...byType.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      statistics = {
        unusedAccessFindingsStatistics: {
          unusedAccessTypeStatistics: types.map(([unusedAccessType, total]) => ({ unusedAccessType, total })),
          topAccounts: active.length === 0 ? [] : [{ account: analyzer.accountId, numberOfActiveFindings: active.length, details: Object.fromEntries(types) }],
          ...totals,
        },
      };
    } else {
      const isPublic = (f: AnalyzerFinding): boolean => f.details.some((d) => (d.externalAccessDetails as { isPublic?: boolean } | undefined)?.isPublic === true);
      const roles = active.filter((f) => f.resourceType === 'AWS::IAM::Role');
      statistics = {
        externalAccessFindingsStatistics: {
          resourceTypeStatistics: roles.length === 0 ? {} : { 'AWS::IAM::Role': { totalActivePublic: roles.filter(isPublic).length, totalActiveCrossAccount: roles.filter((f) => !isPublic(f)).length, totalActiveErrors: 0 } },
          ...totals,
        },
      };
    }
    return { findingsStatistics: [statistics], ...(analyzer.lastScanAt !== undefined && { lastUpdatedAt: analyzer.lastScanAt }) };
  },
};

const generateFindingRecommendation: Operation = {
  checks: byArn('GenerateFindingRecommendation'),
  readsUsage: true,
  async run(input, ctx) {
    const actions = await loadActionExpander();
    await ctx.store.write(async (tx) => {
      const analyzer = await getByArn(tx, ctx, input.analyzerArn);
      const finding = await tx.analyzers.getFinding(ctx.accountId, ctx.region, analyzer.name, String(input.id));
      if (finding === undefined) throw resourceNotFound('Finding', String(input.id));
      if (finding.findingType !== 'UnusedPermission') {
        throw validationException(`Recommendations are available only for UnusedPermission findings, not ${finding.findingType}.`, 'notSupported');
      }
      const source = await tx.analyzers.loadScanSource(ctx.accountId);
      const steps = recommendSteps(source, finding.resource, ctx.now, unusedAccessSettings(analyzer).unusedAccessAgeDays, actions);
      const recommendation = {
        startedAt: ctx.now.toISOString(),
        completedAt: ctx.now.toISOString(),
        resourceArn: finding.resource,
        recommendedSteps: steps,
        recommendationType: 'UnusedPermissionRecommendation',
        status: 'SUCCEEDED',
      };
      await tx.analyzers.putFindings([{ ...finding, recommendation: JSON.stringify(recommendation) }]);
    });
    return undefined;
  },
};

const getFindingRecommendation: Operation = {
  checks: byArn('GetFindingRecommendation'),
  async run(input, ctx) {
    const { finding } = await findingOf(ctx, input);
    if (finding.recommendation === undefined) throw resourceNotFound('Recommendation', String(input.id));
    const stored = JSON.parse(finding.recommendation) as { recommendedSteps: unknown[] } & Record<string, unknown>;
    const { items, nextToken } = page(stored.recommendedSteps, input, 100);
    return { ...(revive({ ...stored, recommendedSteps: items }) as WireObject), ...(nextToken !== undefined && { nextToken }) };
  },
};

const startResourceScan: Operation = {
  checks: byArn('StartResourceScan'),
  readsUsage: true,
  async run(input, ctx) {
    const analyzer = await ctx.store.read((tx) => getByArn(tx, ctx, input.analyzerArn));
    // Keyward's scans are whole-account and cheap: the resource's findings come with the rest.
    await scan(ctx, analyzer.name);
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
  ListFindingsV2: listFindingsV2,
  ListFindings: listFindings,
  GetFinding: getFinding,
  GetFindingV2: getFindingV2,
  UpdateFindings: updateFindings,
  GetFindingsStatistics: getFindingsStatistics,
  GenerateFindingRecommendation: generateFindingRecommendation,
  GetFindingRecommendation: getFindingRecommendation,
  StartResourceScan: startResourceScan,
};
