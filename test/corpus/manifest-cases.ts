// The two golden corpora as manifest entries (`<file>: <name>` and a content hash),
// and their committed manifests: test/corpus/manifest.json for the decision corpus,
// test/golden/manifest.json for the syntax corpus.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadGolden } from '../golden/golden-cases.js';
import { caseHash, type Manifest, type ManifestCase } from './append-only.js';
import { loadCases } from './load-cases.js';

export type CorpusName = 'decision' | 'golden';

export const MANIFEST_PATHS: Readonly<Record<CorpusName, string>> = {
  decision: fileURLToPath(new URL('./manifest.json', import.meta.url)),
  golden: fileURLToPath(new URL('../golden/manifest.json', import.meta.url)),
};

export function loadManifest(corpus: CorpusName): Manifest {
  return JSON.parse(readFileSync(MANIFEST_PATHS[corpus], 'utf8')) as Manifest;
}

/** The decision corpus's cases; the hash covers the case as written in its file. */
export function decisionManifestCases(): ManifestCase[] {
  return loadCases().map(({ file, ...c }) => ({ id: `${file}: ${c.name}`, sha256: caseHash(c) }));
}

export function goldenManifestCases(): ManifestCase[] {
  return (['accepted', 'rejected'] as const).flatMap((file) =>
    (file === 'accepted' ? loadGolden('accepted') : loadGolden('rejected')).map((c) => ({ id: `${file}: ${c.name}`, sha256: caseHash(c) })),
  );
}

export function manifestCases(corpus: CorpusName): ManifestCase[] {
  return corpus === 'decision' ? decisionManifestCases() : goldenManifestCases();
}
