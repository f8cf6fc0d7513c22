// Golden corpus of policy syntax: documents AWS accepts must parse, documents it
// rejects must fail with AWS's exact message (and path, where recorded). Every case
// records its source. Append-only, checked against test/golden/manifest.json:
// removing or changing a case is a breaking change of the parser.

import { describe, it, expect } from 'vitest';
import { parsePolicy } from '../../src/policy/document/parse-policy.js';
import type { PolicyKind } from '../../src/policy/document/types.js';
import { appendOnlyProblems } from '../corpus/append-only.js';
import { goldenManifestCases, loadManifest } from '../corpus/manifest-cases.js';
import { loadGolden, type GoldenCase } from './golden-cases.js';

const accepted = loadGolden('accepted');
const rejected = loadGolden('rejected');
const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

function run(c: GoldenCase): ReturnType<typeof parsePolicy> {
  const text = typeof c.document === 'string' ? c.document : JSON.stringify(c.document, null, 2);
  return parsePolicy(text, { kind: c.kind, managed: c.managed === true });
}

describe('golden corpus: accepted syntax', () => {
  it('covers every kind, with unique names', () => {
    const all = [...accepted, ...rejected];
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
    for (const kind of KINDS) {
      expect(accepted.some((c) => c.kind === kind), `accepted ${kind}`).toBe(true);
      if (kind !== 'boundary' && kind !== 'session') expect(rejected.some((c) => c.kind === kind), `rejected ${kind}`).toBe(true);
    }
  });

  it('records where every case comes from: an AWS documentation page, or why it was constructed', () => {
    const FIELDS = ['name', 'source', 'kind', 'document', 'managed', 'message', 'path'];
    const unsourced = [...accepted, ...rejected].filter(
      (c) => typeof c.source !== 'string' || !/^(https:\/\/docs\.aws\.amazon\.com\/\S+|constructed: .{20,})$/.test(c.source),
    );
    expect(unsourced.map((c) => c.name)).toEqual([]);
    const unknown = [...accepted, ...rejected].flatMap((c) => Object.keys(c).filter((k) => !FIELDS.includes(k)).map((k) => `${c.name}: ${k}`));
    expect(unknown).toEqual([]);
  });

  it('is append-only: no listed case removed or changed without a record (manifest.json)', () => {
    expect(appendOnlyProblems(loadManifest('golden'), goldenManifestCases())).toEqual([]);
  });

  it.each(accepted.map((c) => [c.name, c] as const))('accepts %s', (_name, c) => {
    const result = run(c);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(rejected.map((c) => [c.name, c] as const))('rejects %s', (_name, c) => {
    const result = run(c);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(c.message);
    if (c.path !== undefined) expect(result.problems[0]?.path).toBe(c.path);
  });
});
