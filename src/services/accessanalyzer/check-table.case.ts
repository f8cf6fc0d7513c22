// Shared by the per-check tests: one row per issue code, with a document that triggers it, one
// that does not, and the path of the finding's first location.

import { expect, it } from 'vitest';
import { validateCase } from './validate.case.js';
import type { FindingType, PathElement, ValidatePolicyResourceType, ValidatePolicyType } from '../../policy/validate/types.js';

export interface CheckRow {
  readonly code: string;
  readonly type: FindingType;
  readonly policyType?: ValidatePolicyType;
  readonly resourceType?: ValidatePolicyResourceType;
  readonly triggers: string | object;
  readonly clean: string | object;
  readonly path: readonly PathElement[];
  /** Words the findingDetails must contain. */
  readonly details?: string;
}

/** A 2012-10-17 identity policy with one Allow statement; `extra` overrides its members. */
export function identity(extra: Record<string, unknown>): object {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', ...extra }] };
}

/** A 2012-10-17 resource policy (an S3 bucket policy) with one statement. */
export function resource(extra: Record<string, unknown>): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', ...extra }],
  };
}

export const S = (...path: (string | number)[]): PathElement[] => path.map((p) => (typeof p === 'number' ? { index: p } : { value: p }));

export function runRows(rows: readonly CheckRow[]): void {
  for (const row of rows) {
    it(`${row.code}: reported with its type and location, and not on the corrected policy`, async () => {
      const findings = await validateCase(row.triggers, row.policyType, row.resourceType);
      const hit = findings.find((f) => f.issueCode === row.code);
      expect(hit, JSON.stringify(findings.map((f) => f.issueCode))).toBeDefined();
      expect(hit?.findingType).toBe(row.type);
      expect(hit?.locations[0]?.path).toEqual(row.path);
      if (row.details !== undefined) expect(hit?.findingDetails).toContain(row.details);
      const clean = await validateCase(row.clean, row.policyType, row.resourceType);
      expect(clean.map((f) => f.issueCode)).not.toContain(row.code);
    });
  }
}
