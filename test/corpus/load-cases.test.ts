// Checks the corpus itself, without the engine: every case is well formed, the
// corpus is large enough and covers every condition operator, and the schema
// check rejects what it should.

import { describe, it, expect } from 'vitest';
import { BASE_OPERATORS, parseOperatorName } from '../../src/policy/condition/operator-name.js';
import type { LoadedCase } from './case-types.js';
import { checkUniqueNames, loadCases, parseCaseFile } from './load-cases.js';
import { CaseSchemaError, documentStatements } from './validate-case.js';

const cases = loadCases();

function operatorsOf(c: LoadedCase): string[] {
  const names: string[] = [];
  for (const p of c.policies) {
    for (const st of documentStatements(p.document) ?? []) {
      const condition = (st as { Condition?: unknown }).Condition;
      if (typeof condition === 'object' && condition !== null) names.push(...Object.keys(condition));
    }
  }
  return names;
}

const valid = {
  name: 'a valid case',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  policies: [{ id: 'P', type: 'identity', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }],
  request: { principal: { type: 'User', arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' }, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: {} },
  expect: { decision: 'Allow', matched: [{ policyId: 'P', index: 0 }] },
};
const withChange = (change: (c: Record<string, unknown>) => void): string => {
  const c = structuredClone(valid) as unknown as Record<string, unknown>;
  change(c);
  return JSON.stringify([c]);
};
const problemsOf = (text: string): string => {
  try {
    parseCaseFile(text, 'test');
  } catch (err) {
    if (err instanceof CaseSchemaError) return err.message;
    throw err;
  }
  return '';
};

describe('corpus contents', () => {
  it('has at least 300 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('uses every condition operator in at least one case', () => {
    const used = new Set(cases.flatMap(operatorsOf).map((o) => parseOperatorName(o)?.base));
    expect(BASE_OPERATORS.filter((op) => !used.has(op))).toEqual([]);
  });

  it('uses IfExists and both set qualifiers, also with negated operators', () => {
    const parsed = cases.flatMap(operatorsOf).map((o) => parseOperatorName(o));
    expect(parsed.some((o) => o?.ifExists)).toBe(true);
    expect(parsed.some((o) => o?.qualifier === 'ForAllValues' && o.base.includes('Not'))).toBe(true);
    expect(parsed.some((o) => o?.qualifier === 'ForAnyValue' && o.base.includes('Not'))).toBe(true);
  });

  it('covers every policy type, decision and principal type', () => {
    const types = new Set(cases.flatMap((c) => c.policies.map((p) => p.type)));
    expect([...types].sort()).toEqual(['boundary', 'identity', 'rcp', 'resource', 'scp', 'session']);
    const decisions = new Set(cases.map((c) => c.expect.decision));
    expect([...decisions].sort()).toEqual(['Allow', 'ExplicitDeny', 'ImplicitDeny']);
    const principals = new Set(cases.map((c) => c.request.principal.type));
    expect([...principals].sort()).toEqual(['Anonymous', 'AssumedRole', 'FederatedUser', 'Root', 'SAMLUser', 'Service', 'User', 'WebIdentityUser']);
  });

  it('gives every case a source: an AWS documentation page, another page with what it shows, or why it was constructed', () => {
    const SOURCE = /^(https:\/\/docs\.aws\.amazon\.com\/\S+|https:\/\/\S+ \(.{20,}\)|constructed: .{20,})$/;
    expect(cases.filter((c) => !SOURCE.test(c.source)).map((c) => c.name)).toEqual([]);
  });
});

describe('case schema', () => {
  it('accepts a valid case', () => {
    expect(problemsOf(JSON.stringify([valid]))).toBe('');
  });

  it('rejects unknown fields at every level', () => {
    expect(problemsOf(withChange((c) => (c['note'] = 'x')))).toMatch(/unknown field "note"/);
    expect(problemsOf(withChange((c) => ((c['policies'] as Record<string, unknown>[])[0]!['kind'] = 'trust')))).toMatch(/unknown field "kind"/);
    expect(problemsOf(withChange((c) => ((c['request'] as Record<string, unknown>)['ctx'] = {})))).toMatch(/unknown field "ctx"/);
    expect(problemsOf(withChange((c) => (((c['request'] as Record<string, unknown>)['principal'] as Record<string, unknown>)['name'] = 'a')))).toMatch(/unknown field "name"/);
    expect(problemsOf(withChange((c) => ((c['expect'] as Record<string, unknown>)['reason'] = 'x')))).toMatch(/unknown field "reason"/);
  });

  it('rejects a file that is not a JSON array', () => {
    expect(problemsOf('{}')).toMatch(/JSON array/);
    expect(problemsOf('[')).toMatch(/not valid JSON/);
  });

  it('rejects duplicate case names across files', () => {
    const a = parseCaseFile(JSON.stringify([valid]), 'a');
    const b = parseCaseFile(JSON.stringify([valid]), 'b');
    expect(() => checkUniqueNames([...a, ...b])).toThrow(/duplicate case name "a valid case" in b \(first in a\)/);
  });

  it('rejects duplicate policy ids and bad levels', () => {
    expect(problemsOf(withChange((c) => (c['policies'] as unknown[]).push((c['policies'] as unknown[])[0])))).toMatch(/duplicate policy id "P"/);
    expect(problemsOf(withChange((c) => ((c['policies'] as Record<string, unknown>[])[0]!['type'] = 'scp')))).toMatch(/scp needs a level/);
    expect(problemsOf(withChange((c) => ((c['policies'] as Record<string, unknown>[])[0]!['level'] = 1)))).toMatch(/only scp and rcp/);
    expect(
      problemsOf(withChange((c) => Object.assign((c['policies'] as Record<string, unknown>[])[0]!, { type: 'scp', level: 1 }))),
    ).toMatch(/levels must run 0..n/);
  });

  it('rejects expectations that point at missing or wrong statements', () => {
    expect(problemsOf(withChange((c) => ((c['expect'] as Record<string, unknown>)['matched'] = [{ policyId: 'P', index: 3 }])))).toMatch(/index out of range/);
    expect(problemsOf(withChange((c) => ((c['expect'] as Record<string, unknown>)['matched'] = [{ policyId: 'Q', index: 0 }])))).toMatch(/no policy "Q"/);
    expect(problemsOf(withChange((c) => ((c['expect'] as Record<string, unknown>)['decision'] = 'ExplicitDeny')))).toMatch(/effect is not Deny/);
    expect(problemsOf(withChange((c) => ((c['expect'] as Record<string, unknown>)['decision'] = 'ImplicitDeny')))).toMatch(/must be empty for ImplicitDeny/);
    expect(problemsOf(withChange((c) => ((c['expect'] as Record<string, unknown>)['deniedBy'] = 'identity')))).toMatch(/Allow has no deniedBy/);
  });

  it('rejects a deniedBy that contradicts the matched denies', () => {
    const text = withChange((c) => {
      c['policies'] = [
        { id: 'S', type: 'scp', level: 0, document: { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } } },
        { id: 'I', type: 'identity', document: { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } } },
      ];
      c['expect'] = { decision: 'ExplicitDeny', matched: [{ policyId: 'S', index: 0 }, { policyId: 'I', index: 0 }], deniedBy: 'identity' };
    });
    expect(problemsOf(text)).toMatch(/make "scp" responsible/);
  });

  it('reads statements from a document given as JSON text', () => {
    expect(documentStatements('{"Statement":{"Effect":"Allow"}}')).toEqual([{ Effect: 'Allow' }]);
    expect(documentStatements('not json')).toBeUndefined();
  });
});
