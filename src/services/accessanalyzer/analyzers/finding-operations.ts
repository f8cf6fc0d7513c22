// Access Analyzer's findings on the endpoint: ListFindingsV2, GetFindingV2, UpdateFindings,
// GetFindingsStatistics, the v1 ListFindings and GetFinding (external access analyzers only, as
// AWS's), recommendations for unused permissions and on-demand scans. ListFindingsV2 and
// GetFindingV2 are authorized with AWS's ListFindings and GetFinding actions.

import type { AnalyzerFinding, Analyzer } from '../../../domain/analyzers.js';
import { validationException } from '../../../protocol/rest-json/rest-json-error.js';
import type { WireObject, WireValue } from '../../../protocol/wire-value.js';
import type { Operation, OperationTable, ServiceContext } from '../../operation.js';
import { loadActionExpander } from './action-catalogue.js';
import { runOnce } from './client-token.js';
import { resourceNotFound } from './errors.js';
import { matchesFilter } from './filter-criteria.js';
import { recommendSteps } from './recommendation.js';
import { unusedAccessSettings } from './scan.js';
import { findingSummary, page, revive } from './wire.js';
import { byArn, getByArn, readFilter, scan } from './operation-helpers.js';

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
      await runOnce(tx, ctx, 'UpdateFindings', 'Finding', input, async () => {
        const analyzer = await getByArn(tx, ctx, input.analyzerArn);
        const findings = await tx.analyzers.listFindings(ctx.accountId, ctx.region, analyzer.name);
        const byId = new Map(findings.map((f) => [f.id, f]));
        for (const id of ids) if (!byId.has(id)) throw resourceNotFound('Finding', id);
        const chosen = findings.filter((f) => ids.includes(f.id) || (resourceArn !== undefined && f.resource === resourceArn));
        // A resolved finding stays resolved: only ACTIVE and ARCHIVED move between each other.
        await tx.analyzers.putFindings(chosen.filter((f) => f.status !== 'RESOLVED' && f.status !== status).map((f) => ({ ...f, status, updatedAt: ctx.now })));
      });
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
export const FINDING_OPERATIONS: OperationTable = {
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
