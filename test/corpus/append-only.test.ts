// The append-only rule of the decision corpus (manifest.json), and the checker
// itself on small made-up manifests: a removed, changed or unlisted case fails.

import { describe, expect, it } from 'vitest';
import { appendOnlyProblems, caseHash, type Manifest } from './append-only.js';
import { decisionManifestCases, loadManifest } from './manifest-cases.js';

const a = { id: 'f: a', sha256: caseHash({ name: 'a', x: 1 }) };
const b = { id: 'f: b', sha256: caseHash({ name: 'b' }) };
const base: Manifest = { about: '', cases: [a, b], changed: [], removed: [] };
const because = 'because the AWS page says otherwise, see the evidence';

describe('append-only manifest', () => {
  it('holds for the decision corpus', () => {
    expect(appendOnlyProblems(loadManifest('decision'), decisionManifestCases())).toEqual([]);
  });

  it('records the cases that left the decision corpus, with why and the evidence', () => {
    const removed = loadManifest('decision').removed.map((r) => r.id);
    expect(removed).toEqual([
      'resource-policy-principals: NotPrincipal allow: the named user is not allowed',
      'resource-policy-principals: NotPrincipal allow: any other principal is allowed',
      'multivalued-keys: ForAnyValue:StringEqualsIfExists: a missing key passes',
    ]);
  });

  it('hashes content, not key order or formatting', () => {
    expect(caseHash({ x: 1, name: 'a' })).toBe(a.sha256);
    expect(caseHash({ name: 'a', x: 2 })).not.toBe(a.sha256);
  });

  it('accepts a corpus that only grew', () => {
    const c = { id: 'f: c', sha256: caseHash({ name: 'c' }) };
    expect(appendOnlyProblems({ ...base, cases: [a, b, c] }, [a, b, c])).toEqual([]);
  });

  it('fails on a removed, changed or unlisted case', () => {
    expect(appendOnlyProblems(base, [a])).toEqual([expect.stringMatching(/^"f: b" was removed/)]);
    expect(appendOnlyProblems(base, [a, { ...b, sha256: caseHash({ name: 'b', y: 1 }) }])).toEqual([expect.stringMatching(/^"f: b" changed/)]);
    expect(appendOnlyProblems(base, [a, b, { id: 'f: c', sha256: 'x' }])).toEqual([expect.stringMatching(/^"f: c" is not in the manifest/)]);
  });

  it('accepts a removal or change only as recorded, with reasons', () => {
    const changed = { ...b, sha256: caseHash({ name: 'b', y: 1 }) };
    const change = { id: b.id, from: b.sha256, to: changed.sha256, commit: 'abc', why: because };
    expect(appendOnlyProblems({ ...base, changed: [change] }, [a, changed])).toEqual([]);
    expect(appendOnlyProblems({ ...base, changed: [{ ...change, from: a.sha256 }] }, [a, changed])).toHaveLength(2);
    const removal = { id: b.id, sha256: b.sha256, commit: 'abc', why: because, evidence: because };
    expect(appendOnlyProblems({ ...base, removed: [removal] }, [a])).toEqual([]);
    expect(appendOnlyProblems({ ...base, removed: [{ ...removal, evidence: '' }] }, [a])).toEqual([expect.stringMatching(/with the evidence/)]);
    expect(appendOnlyProblems({ ...base, removed: [removal] }, [a, b])).toEqual([expect.stringMatching(/recorded as removed but is in the corpus/)]);
  });
});
