// One analyzer scan: the account's state read with a few set-based queries, the findings
// computed (unused-access.ts, external-access.ts) and reconciled with the stored ones, all in
// one write transaction. Ids are derived from what a finding is about, so two nodes scanning
// at once write the same findings (the backend orders their transactions; the second sees the
// first's rows and changes nothing but times).
//
// Reconciling: a new finding is ACTIVE unless an archive rule matches it (then ARCHIVED); a
// finding found again keeps its status (a RESOLVED one that comes back is ACTIVE again, rules
// applied); a stored finding no longer found becomes RESOLVED.

import type { ActionExpander } from '../../../analysis/index.js';
import { DEFAULT_UNUSED_ACCESS_AGE_DAYS, type AnalyzerFinding, type Analyzer, type ArchiveRule } from '../../../domain/analyzers.js';
import type { StoreTx } from '../../../storage/ports.js';
import { externalAccessFindings } from './external-access.js';
import { matchesFilter } from './filter-criteria.js';
import { unusedAccessFindings, type ComputedFinding } from './unused-access.js';

export interface UnusedAccessSettings {
  readonly unusedAccessAgeDays: number;
  readonly excludedTags: readonly Readonly<Record<string, string>>[];
}

/** The analyzer's unused-access settings, defaults filled in. */
export function unusedAccessSettings(analyzer: Analyzer): UnusedAccessSettings {
  const unused = (analyzer.configuration?.unusedAccess ?? {}) as { unusedAccessAge?: number; analysisRule?: { exclusions?: { resourceTags?: Record<string, string>[] }[] } };
  return {
    unusedAccessAgeDays: unused.unusedAccessAge ?? DEFAULT_UNUSED_ACCESS_AGE_DAYS,
    excludedTags: (unused.analysisRule?.exclusions ?? []).flatMap((e) => e.resourceTags ?? []),
  };
}

export function archivedByRules(finding: AnalyzerFinding, rules: readonly ArchiveRule[]): boolean {
  return rules.some((r) => matchesFilter(finding, r.filter));
}

function sameDetails(a: AnalyzerFinding, b: ComputedFinding): boolean {
  return JSON.stringify(a.details) === JSON.stringify(b.details);
}

export interface ScanSummary {
  readonly findings: number;
  readonly changed: number;
}

/** Scans `analyzer` inside the caller's write transaction; the analyzer must exist in it. */
export async function scanInTransaction(tx: StoreTx, analyzer: Analyzer, now: Date, actions: ActionExpander): Promise<ScanSummary> {
  const source = await tx.analyzers.loadScanSource(analyzer.accountId);
  let computed: ComputedFinding[];
  if (analyzer.type === 'ACCOUNT_UNUSED_ACCESS') {
    const settings = unusedAccessSettings(analyzer);
    computed = unusedAccessFindings(source, { analyzerArn: analyzer.arn, now, unusedAccessAgeDays: settings.unusedAccessAgeDays, excludedTags: settings.excludedTags, actions });
  } else {
    computed = externalAccessFindings(source.roles, analyzer.accountId, analyzer.arn);
  }
  const stored = new Map((await tx.analyzers.listFindings(analyzer.accountId, analyzer.region, analyzer.name)).map((f) => [f.id, f]));
  const rules = await tx.analyzers.listRules(analyzer.accountId, analyzer.region, analyzer.name);
  const writes: AnalyzerFinding[] = [];
  const found = new Set<string>();
  for (const c of computed) {
    found.add(c.id);
    const prev = stored.get(c.id);
    const base = {
      accountId: analyzer.accountId,
      region: analyzer.region,
      analyzerName: analyzer.name,
      id: c.id,
      findingType: c.findingType,
      resource: c.resource,
      resourceType: c.resourceType,
      resourceOwnerAccount: analyzer.accountId,
      analyzedAt: now,
      details: c.details,
    };
    if (prev === undefined || prev.status === 'RESOLVED') {
      const fresh: AnalyzerFinding = { ...base, status: 'ACTIVE', createdAt: prev?.createdAt ?? now, updatedAt: now };
      writes.push(archivedByRules(fresh, rules) ? { ...fresh, status: 'ARCHIVED' } : fresh);
    } else if (!sameDetails(prev, c)) {
      // What the finding says changed: an older recommendation no longer fits it.
      writes.push({ ...base, status: prev.status, createdAt: prev.createdAt, updatedAt: now });
    }
  }
  for (const prev of stored.values()) {
    if (!found.has(prev.id) && prev.status !== 'RESOLVED') {
      const { recommendation: _dropped, ...rest } = prev;
      writes.push({ ...rest, status: 'RESOLVED', updatedAt: now, analyzedAt: now });
    }
  }
  await tx.analyzers.putFindings(writes);
  const last = computed.at(-1)?.resource ?? source.roles.at(-1)?.arn ?? source.users.at(-1)?.arn;
  await tx.analyzers.update({ ...analyzer, lastScanAt: now, ...(last !== undefined && { lastResourceAnalyzed: last, lastResourceAnalyzedAt: now }) });
  return { findings: computed.length, changed: writes.length };
}
