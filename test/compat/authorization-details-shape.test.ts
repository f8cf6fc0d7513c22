import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shapeOf, shapeProblems } from './authorization-details-shape.js';
import { REPO_ROOT } from './keyward-process.js';

const reference = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/authorization-details/cloudsplaining-example.json'), 'utf8')) as Record<string, unknown>;

describe('authorization details shape comparison', () => {
  it('finds no problem in the reference itself', () => {
    expect(shapeProblems(shapeOf(reference), shapeOf(reference))).toEqual([]);
  });

  it('reports missing, unexpected and mistyped fields', () => {
    const ours = {
      UserDetailList: [{ Path: '/', UserName: 'a', UserId: 'AIDA', Arn: 'arn', CreateDate: 'x', GroupList: [], AttachedManagedPolicies: [], Colour: 'red' }],
      RoleDetailList: [],
      GroupDetailList: [],
      Policies: [{ PolicyName: 'p', AttachmentCount: '1' }],
    };
    const problems = shapeProblems(shapeOf(ours), shapeOf(reference));
    expect(problems).toContain('unexpected field UserDetailList[].Colour');
    expect(problems).toContain('missing field UserDetailList[].Tags (0 of 1)');
    expect(problems).toContain('Policies[].AttachmentCount is string, real AWS output has number');
    expect(problems.some((p) => p.includes('UserPolicyList'))).toBe(false);
  });
});
