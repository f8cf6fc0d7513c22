import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from './analyze.js';
import { reportToHtml } from './html.js';

const A = 'arn:aws:iam::111111111111:user/dev<script>';
const R = 'arn:aws:iam::111111111111:role/admin';
const step = (from: string, to: string, technique: string) => ({ from, to, technique, actions: ['sts:AssumeRole'], needsMfa: false, conditions: [], selfEscalation: from === to, alternatives: [] });

const report = {
  schema: 'keyward-analysis/1',
  accounts: ['111111111111'],
  principals: { users: 1, roles: 1 },
  admins: [R],
  adminDetails: [{ arn: R, needsMfa: false, conditions: [] }],
  escalations: [{ source: A, target: R, steps: [step(A, R, 'assume-role')] }],
  truncated: [],
  edges: [],
  findings: [
    { rule: 'privilege-escalation', severity: 'critical', principal: A, message: `${A} can become an admin`, remediation: 'fix "it"' },
    { rule: 'credentials-exposure', severity: 'high', policy: 'p', message: 'policy p may create credentials', remediation: 'r', actions: ['iam:CreateAccessKey'], statements: [{ policy: 'p', statement: 'S1', json: { Sid: 'S1', Action: '<b>' } }] },
  ],
  warnings: ['a & b'],
} as unknown as AnalysisReport;

describe('reportToHtml', () => {
  const html = reportToHtml(report, { generatedAt: new Date('2026-06-01T00:00:00Z') });

  it('is one page that loads nothing from the network', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<(?:link|img|iframe)\b|\bsrc=|url\(\s*['"]?https?:/i);
    // The only URL is the SVG namespace, which is never fetched.
    expect([...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0])).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes what the input wrote', () => {
    expect(html).not.toContain('dev<script>');
    expect(html).toContain('dev&lt;script&gt;');
    expect(html).toContain('&quot;Action&quot;: &quot;&lt;b&gt;&quot;');
    expect(html).toContain('<li>a &amp; b</li>');
  });

  it('draws the graph with the admin marked, and lists paths and findings worst first', () => {
    expect(html).toMatch(/<g class="node node-admin" data-arn="arn:aws:iam::111111111111:role\/admin">/);
    expect(html).toMatch(/<g class="node node-escalating" data-arn="arn:aws:iam::111111111111:user\/dev&lt;script&gt;">/);
    expect(html).toContain('>assume-role</text>');
    expect(html.indexOf('sev-row-critical')).toBeLessThan(html.indexOf('sev-row-high'));
    expect(html).toContain('<b id="count-paths">1</b>');
  });
});
