// Analyzers, archive rules and findings as Access Analyzer's wire members. Stored details keep
// timestamps as ISO text; the JSON encoder wants Dates for timestamp members.

import type { AnalyzerFinding, Analyzer, ArchiveRule } from '../../../domain/analyzers.js';
import type { WireObject, WireValue } from '../../../protocol/wire-value.js';
import { validationException } from '../../../protocol/rest-json/rest-json-error.js';

const TIMESTAMP_MEMBERS = new Set(['lastAccessed', 'policyUpdatedAt', 'startedAt', 'completedAt']);

/** JSON as stored, with ISO timestamps turned back into Dates. */
export function revive(value: unknown): WireValue {
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, WireValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = TIMESTAMP_MEMBERS.has(k) && typeof v === 'string' ? new Date(v) : revive(v);
    return out;
  }
  return value as WireValue;
}

export function analyzerSummary(a: Analyzer, withConfiguration: boolean): WireObject {
  return {
    arn: a.arn,
    name: a.name,
    type: a.type,
    createdAt: a.createdAt,
    ...(a.lastResourceAnalyzed !== undefined && { lastResourceAnalyzed: a.lastResourceAnalyzed }),
    ...(a.lastResourceAnalyzedAt !== undefined && { lastResourceAnalyzedAt: a.lastResourceAnalyzedAt }),
    tags: { ...a.tags },
    status: a.status,
    ...(withConfiguration && a.configuration !== undefined && { configuration: revive(a.configuration) }),
  };
}

export function ruleSummary(r: ArchiveRule): WireObject {
  return { ruleName: r.ruleName, filter: revive(r.filter), createdAt: r.createdAt, updatedAt: r.updatedAt };
}

export function findingSummary(f: AnalyzerFinding): WireObject {
  return {
    analyzedAt: f.analyzedAt,
    createdAt: f.createdAt,
    id: f.id,
    resource: f.resource,
    resourceType: f.resourceType,
    resourceOwnerAccount: f.resourceOwnerAccount,
    status: f.status,
    updatedAt: f.updatedAt,
    findingType: f.findingType,
  };
}

/** Page tokens: the offset into a stable ordering, opaque to clients. */
export function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function readPageToken(token: unknown): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  throw validationException('The nextToken is not valid.', 'fieldValidationFailed', [{ name: 'nextToken', message: 'Invalid pagination token' }]);
}

export function page<T>(items: readonly T[], input: WireObject, defaultSize: number): { items: readonly T[]; nextToken?: string } {
  const size = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : defaultSize;
  const offset = readPageToken(input.nextToken);
  const next = offset + size < items.length ? pageToken(offset + size) : undefined;
  return { items: items.slice(offset, offset + size), ...(next !== undefined && { nextToken: next }) };
}
