import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalyzerFinding, Criterion } from '../../../domain/analyzers.js';
import { checkFilter, matchesFilter } from './filter-criteria.js';

const base: AnalyzerFinding = {
  accountId: '111122223333',
  region: 'us-east-1',
  analyzerName: 'a',
  id: 'f1',
  findingType: 'ExternalAccess',
  resource: 'arn:aws:iam::111122223333:role/Cognito-app',
  resourceType: 'AWS::IAM::Role',
  resourceOwnerAccount: '111122223333',
  status: 'ACTIVE',
  createdAt: new Date(0),
  updatedAt: new Date(0),
  analyzedAt: new Date(0),
  details: [{ externalAccessDetails: { action: ['sts:AssumeRole'], condition: { 'sts:ExternalId': 'x' }, isPublic: false, principal: { AWS: '444455556666' } } }],
};

describe('finding filters', () => {
  it("applies AWS's criteria to fixed keys, principals and conditions", () => {
    expect(matchesFilter(base, { resource: { contains: ['Cognito'] }, resourceType: { eq: ['AWS::IAM::Role'] } })).toBe(true);
    expect(matchesFilter(base, { status: { neq: ['ACTIVE'] } })).toBe(false);
    expect(matchesFilter(base, { 'principal.AWS': { eq: ['444455556666'] }, 'condition.sts:externalid': { exists: true } })).toBe(true);
    expect(matchesFilter(base, { 'principal.Federated': { exists: true } })).toBe(false);
    expect(matchesFilter(base, { isPublic: { eq: ['true'] } })).toBe(false);
    expect(() => checkFilter({ colour: { eq: ['red'] } }, 'filter')).toThrow(/colour/);
    expect(() => checkFilter({ status: {} }, 'filter')).toThrow(/empty/);
  });

  it('neq is the negation of eq and exists splits findings by whether a key has values', () => {
    const values = fc.array(fc.constantFrom('ACTIVE', 'ARCHIVED', 'RESOLVED', 'x'), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.constantFrom<AnalyzerFinding['status']>('ACTIVE', 'ARCHIVED', 'RESOLVED'), values, fc.boolean(), (status, list, exists) => {
        const f = { ...base, status };
        expect(matchesFilter(f, { status: { neq: list } })).toBe(!matchesFilter(f, { status: { eq: list } }));
        expect(matchesFilter(f, { status: { eq: list } })).toBe(list.includes(status));
        expect(matchesFilter(f, { error: { exists } } as Record<string, Criterion>)).toBe(!exists);
        // Criteria on one key combine with AND.
        expect(matchesFilter(f, { status: { eq: list, neq: list } })).toBe(false);
      }),
    );
  });
});
