// AWS's finding filters (ListFindingsV2's `filter`, archive rules): a map from filter key to a
// criterion (eq, neq, contains, exists); a finding matches when every criterion holds. A key
// can have several values on one finding (principal.AWS): eq and contains hold when any value
// matches, neq when none is listed.

import type { AnalyzerFinding, Criterion, FilterCriteria } from '../../../domain/analyzers.js';
import { validationException } from '../../../protocol/rest-json/rest-json-error.js';

const FIXED_KEYS = new Set(['id', 'status', 'findingType', 'resource', 'resourceType', 'resourceOwnerAccount', 'isPublic', 'error', 'principal', 'action']);

/** The keys AWS documents: fixed ones, and the `principal.<type>` and `condition.<key>` families. */
export function isFilterKey(key: string): boolean {
  return FIXED_KEYS.has(key) || /^principal\.[A-Za-z]+$/.test(key) || /^condition\..+$/.test(key);
}

/** Refuses a filter naming an unknown key, or a criterion with nothing in it. */
export function checkFilter(filter: FilterCriteria, member: string): void {
  for (const [key, criterion] of Object.entries(filter)) {
    if (!isFilterKey(key)) throw validationException(`Invalid filter key: ${key}.`, 'fieldValidationFailed', [{ name: `${member}.${key}`, message: `unsupported filter key ${key}` }]);
    const given = ['eq', 'neq', 'contains', 'exists'].filter((c) => (criterion as Record<string, unknown>)[c] !== undefined);
    if (given.length === 0) throw validationException(`The criterion for ${key} is empty.`, 'fieldValidationFailed', [{ name: `${member}.${key}`, message: 'specify eq, neq, contains or exists' }]);
  }
}

/** The values a finding has for a filter key (none when it has no such attribute). */
export function findingValues(finding: AnalyzerFinding, key: string): readonly string[] {
  switch (key) {
    case 'id':
      return [finding.id];
    case 'status':
      return [finding.status];
    case 'findingType':
      return [finding.findingType];
    case 'resource':
      return [finding.resource];
    case 'resourceType':
      return [finding.resourceType];
    case 'resourceOwnerAccount':
      return [finding.resourceOwnerAccount];
    default:
      break;
  }
  const external = finding.details.flatMap((d) => (d.externalAccessDetails === undefined ? [] : [d.externalAccessDetails as Record<string, unknown>]));
  if (key === 'isPublic') return external.map((e) => String(e.isPublic === true));
  if (key === 'action') return external.flatMap((e) => (Array.isArray(e.action) ? (e.action as string[]) : []));
  if (key.startsWith('principal.')) {
    const type = key.slice('principal.'.length);
    return external.flatMap((e) => {
      const value = (e.principal as Record<string, string> | undefined)?.[type];
      return value === undefined ? [] : [value];
    });
  }
  if (key.startsWith('condition.')) {
    const name = key.slice('condition.'.length).toLowerCase();
    return external.flatMap((e) =>
      Object.entries((e.condition as Record<string, string> | undefined) ?? {})
        .filter(([k]) => k.toLowerCase() === name)
        .map(([, v]) => v),
    );
  }
  return [];
}

function holds(values: readonly string[], c: Criterion): boolean {
  if (c.exists !== undefined && c.exists !== values.length > 0) return false;
  if (c.eq !== undefined && !values.some((v) => c.eq!.includes(v))) return false;
  if (c.neq !== undefined && values.some((v) => c.neq!.includes(v))) return false;
  if (c.contains !== undefined && !values.some((v) => c.contains!.some((s) => v.includes(s)))) return false;
  return true;
}

export function matchesFilter(finding: AnalyzerFinding, filter: FilterCriteria): boolean {
  return Object.entries(filter).every(([key, criterion]) => holds(findingValues(finding, key), criterion));
}
