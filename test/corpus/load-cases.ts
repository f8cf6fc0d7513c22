// Reads the golden decision corpus (test/corpus/cases/*.json), validates every
// case and rejects duplicate names across files.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { LoadedCase } from './case-types.js';
import { CaseSchemaError, validateCase } from './validate-case.js';

export const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));

/** Parses one case file's text; `file` names it in error messages. */
export function parseCaseFile(text: string, file: string): LoadedCase[] {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    throw new CaseSchemaError([`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`]);
  }
  if (!Array.isArray(value)) throw new CaseSchemaError([`${file}: must be a JSON array of cases`]);
  return value.map((item, i) => ({ ...validateCase(item, `${file}[${i}]`), file }));
}

/** Rejects a case name used twice anywhere in the corpus. */
export function checkUniqueNames(cases: readonly LoadedCase[]): void {
  const first = new Map<string, string>();
  const problems: string[] = [];
  for (const c of cases) {
    const where = first.get(c.name);
    if (where !== undefined) problems.push(`duplicate case name "${c.name}" in ${c.file} (first in ${where})`);
    else first.set(c.name, c.file);
  }
  if (problems.length > 0) throw new CaseSchemaError(problems);
}

/** Loads every `*.json` file of `dir`, in file-name order. */
export function loadCases(dir: string = CASES_DIR): LoadedCase[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const cases = files.flatMap((f) => parseCaseFile(readFileSync(join(dir, f), 'utf8'), f.slice(0, -'.json'.length)));
  checkUniqueNames(cases);
  return cases;
}
