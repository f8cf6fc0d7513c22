import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from './analyze.js';
import { reportToDot } from './dot.js';

const A = 'arn:aws:iam::111111111111:user/dev';
const R = 'arn:aws:iam::111111111111:role/ops/admin';
const S = 'arn:aws:iam::111111111111:user/self"quoted';
const step = (from: string, to: string, technique: string, needsMfa = false) => ({ from, to, technique, actions: [], needsMfa, conditions: [], selfEscalation: from === to, alternatives: [] });

describe('reportToDot', () => {
  it('draws the principals on paths, admins marked, steps labelled, MFA dashed, text quoted', () => {
    const report = {
      admins: [R],
      escalations: [
        { source: A, target: R, steps: [step(A, R, 'assume-role', true)] },
        { source: S, target: S, steps: [step(S, S, 'put-own-policy')] },
      ],
    } as unknown as AnalysisReport;
    expect(reportToDot(report)).toBe(
      [
        'digraph escalation {',
        '  rankdir=LR;',
        '  node [shape=box, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        `  "${R}" [label="role/admin\\n111111111111", shape=doubleoctagon, color=red];`,
        `  "${A}" [label="user/dev\\n111111111111"];`,
        '  "arn:aws:iam::111111111111:user/self\\"quoted" [label="user/self\\"quoted\\n111111111111"];',
        `  "${A}" -> "${R}" [label="assume-role (MFA)", style=dashed];`,
        '  "arn:aws:iam::111111111111:user/self\\"quoted" -> "arn:aws:iam::111111111111:user/self\\"quoted" [label="put-own-policy"];',
        '}',
        '',
      ].join('\n'),
    );
  });
});
