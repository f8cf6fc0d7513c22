// Resource control policies (--rcp): they limit what anyone may do to the resources of the
// input's accounts (cross-account assume-role included) and never grant; a bad RCP is
// rejected with the file and JSON path.

import { describe, expect, it } from 'vitest';
import { analyze, answerQuery, loadModel, parseQuery, type AnalysisReport } from '../../src/analysis/index.js';
import { ACCOUNTS_DIR, loadAccounts } from './load-accounts.js';

const A = '111111111111';
const B = '222222222222';
const user = (name: string, account = A) => `arn:aws:iam::${account}:user/${name}`;
const role = (name: string, account = B) => `arn:aws:iam::${account}:role/${name}`;
const FILES = [`${ACCOUNTS_DIR}techniques-${A}.json`, `${ACCOUNTS_DIR}cross-${B}.json`];
const NOW = new Date('2026-06-01T00:00:00Z');
const DENY_OUTSIDE = `${ACCOUNTS_DIR}rcp-deny-outside-assume.json`;
const FULL = `${ACCOUNTS_DIR}rcp-full-access.json`;

function run(rcps: readonly string[] = []): AnalysisReport {
  return analyze(loadAccounts(FILES, [], rcps), { now: NOW }).report;
}

describe('--rcp', () => {
  const plain = run();

  it('an RCP denying sts:AssumeRole from outside the account removes the cross-account path', () => {
    expect(plain.escalations.some((p) => p.source === user('cross-user') && p.target === role('cross-admin'))).toBe(true);
    const limited = run([DENY_OUTSIDE]);
    expect(limited.escalations.some((p) => p.source === user('cross-user'))).toBe(false);
    expect(limited.edges.some((e) => e.to.includes(`:${B}:`) && !e.from.includes(`:${B}:`) && e.technique === 'assume-role')).toBe(false);
    // Nothing else changes: the paths inside account A stay, and so do B's admins.
    expect(limited.escalations).toEqual(plain.escalations.filter((p) => p.source !== user('cross-user')));
    expect(limited.admins).toEqual(plain.admins);
  });

  it('it also limits outsiders: roles open to anyone or to another account are no longer reported', () => {
    const rules = (r: AnalysisReport) => r.findings.filter((f) => f.principal?.includes(`:${B}:role/`) && f.rule.startsWith('role-assumable-by-')).map((f) => [f.rule, f.principal]);
    expect(rules(plain)).toContainEqual(['role-assumable-by-anyone', role('open-role')]);
    expect(rules(plain)).toContainEqual(['role-assumable-by-other-account', role('vendor-role')]);
    // The RCP exempts AWS services (aws:PrincipalIsAWSService): compute services may still
    // assume runner-role, and open-role (no longer open to anyone, so this is now its finding).
    expect(rules(run([DENY_OUTSIDE]))).toEqual([
      ['role-assumable-by-compute-service', role('open-role')],
      ['role-assumable-by-compute-service', role('runner-role')],
    ]);
  });

  it('queries see it: the cross-account user can no longer act as the role', () => {
    const can = parseQuery(`can ${user('cross-user')} do sts:AssumeRole on ${role('cross-admin')}`);
    if (!can.ok) throw new Error(can.message);
    const ask = (rcps: readonly string[]) => answerQuery(analyze(loadAccounts(FILES, [], rcps), { now: NOW }).graph, can.query);
    expect(ask([])).toMatchObject({ kind: 'can', allowed: true });
    expect(ask([DENY_OUTSIDE])).toMatchObject({ kind: 'can', allowed: false });
  });

  it('an RCP that allows everything changes nothing (RCPs never grant)', () => {
    expect(run([FULL])).toEqual(plain);
    expect(run([FULL, DENY_OUTSIDE])).toEqual(run([DENY_OUTSIDE]));
  });

  it('rejects an invalid RCP with the file and JSON path', () => {
    const built = loadModel([], {
      rcps: [
        { source: 'grants.json', json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] } },
        { source: 'no-principal.json', json: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] } },
        { source: 'text.json', json: 42 },
      ],
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => [p.source, p.path])).toEqual([['grants.json', '$'], ['no-principal.json', '$'], ['text.json', '$']]);
    for (const p of built.problems.slice(0, 2)) expect(p.message).toMatch(/^invalid policy: .+ \(at Statement\[0\]/);
  });
});
