// docs/access-analyzer.md is generated from the issue catalogue and the check registry: this test
// regenerates it and fails when the file differs, and keeps the catalogue and registry coherent.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAccessAnalyzerDoc } from '../scripts/access-analyzer-checks.js';
import { ISSUE_CODES, issueSpec } from '../src/policy/validate/issue-catalogue.js';
import { CHECKS } from '../src/policy/validate/registry.js';

const docsPath = join(dirname(fileURLToPath(import.meta.url)), '../docs/access-analyzer.md');

describe('the Access Analyzer check catalogue', () => {
  it('is docs/access-analyzer.md, generated from the catalogue and the registry', () => {
    const rendered = renderAccessAnalyzerDoc();
    if (process.env['KEYWARD_UPDATE_DOCS'] === '1') writeFileSync(docsPath, rendered);
    expect(existsSync(docsPath)).toBe(true);
    expect(readFileSync(docsPath, 'utf8')).toBe(rendered);
  });

  it('gives wording to every code a check emits', () => {
    for (const check of CHECKS) {
      for (const code of check.codes) {
        expect(issueSpec(code).details, `${check.name}: ${code}`).toBeDefined();
      }
    }
  });

  it('lists each code of the current reference once: 79 errors, 26 warnings, 19 security warnings, 29 suggestions', () => {
    const current = ISSUE_CODES.map(issueSpec).filter((s) => s.retired !== true);
    const count = (type: string): number => current.filter((s) => s.type === type).length;
    expect([count('ERROR'), count('WARNING'), count('SECURITY_WARNING'), count('SUGGESTION')]).toEqual([79, 26, 19, 29]);
  });
});
