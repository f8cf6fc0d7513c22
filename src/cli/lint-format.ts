// How `keyward lint` prints Access Analyzer findings: text (one line per finding), JSON (the
// findings as ValidatePolicy returns them, per file) and SARIF 2.1.0 (for code-scanning UIs).

import { ISSUE_CATALOGUE } from '../policy/validate/issue-catalogue.js';
import type { IssueCode } from '../policy/validate/issue-catalogue.js';
import type { FindingType, PathElement, ValidatePolicyFinding } from '../policy/validate/types.js';

export interface LintReport {
  readonly file: string;
  readonly size: number;
  readonly findings: readonly ValidatePolicyFinding[];
}

/** `Statement[0].Condition.StringEquals["aws:username"]`, for people. */
export function pathText(path: readonly PathElement[]): string {
  let out = '';
  for (const step of path) {
    if ('index' in step) out += `[${step.index}]`;
    else if ('value' in step) out += /^[A-Za-z][A-Za-z0-9]*$/.test(step.value) ? `${out === '' ? '' : '.'}${step.value}` : `[${JSON.stringify(step.value)}]`;
  }
  return out === '' ? '$' : out;
}

export function formatText(reports: readonly LintReport[]): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    if (r.findings.length === 0) lines.push(`${r.file}: ok (${r.size} characters)`);
    for (const f of r.findings) {
      const at = f.locations[0];
      const where = at === undefined ? '' : `${at.span.start.line}:${at.span.start.column + 1}: `;
      lines.push(`${r.file}:${where}${f.findingType} ${f.issueCode}: ${f.findingDetails} (${at === undefined ? '$' : pathText(at.path)})`);
    }
  }
  return lines;
}

const LEVEL: Readonly<Record<FindingType, string>> = { ERROR: 'error', SECURITY_WARNING: 'warning', WARNING: 'warning', SUGGESTION: 'note' };

export function formatSarif(reports: readonly LintReport[]): object {
  const codes = new Set<IssueCode>();
  for (const r of reports) for (const f of r.findings) codes.add(f.issueCode as IssueCode);
  const rules = [...codes].sort().map((code) => {
    const finding = reports.flatMap((r) => r.findings).find((f) => f.issueCode === code);
    return { id: code, shortDescription: { text: code.toLowerCase().replaceAll('_', ' ') }, helpUri: finding?.learnMoreLink, properties: { findingType: ISSUE_CATALOGUE[code].type } };
  });
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.issueCode,
      level: LEVEL[f.findingType],
      message: { text: f.findingDetails },
      locations: f.locations.map((l) => ({
        physicalLocation: {
          artifactLocation: { uri: r.file },
          region: {
            startLine: l.span.start.line,
            startColumn: l.span.start.column + 1,
            endLine: l.span.end.line,
            endColumn: l.span.end.column + 1,
            charOffset: l.span.start.offset,
            charLength: l.span.end.offset - l.span.start.offset,
          },
        },
        logicalLocations: [{ fullyQualifiedName: pathText(l.path) }],
      })),
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'keyward lint', informationUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html', rules } }, results }],
  };
}
