// Appends the cases a corpus gained to its manifest (`npx tsx test/corpus/append-manifest.ts`).
// It never edits or drops an entry: a removed or changed case still fails the
// append-only test until the manifest records why, by hand, with the evidence.

import { writeFileSync } from 'node:fs';
import { loadManifest, manifestCases, MANIFEST_PATHS, type CorpusName } from './manifest-cases.js';

for (const corpus of ['decision', 'golden'] as const satisfies readonly CorpusName[]) {
  const manifest = loadManifest(corpus);
  const known = new Set([...manifest.cases.map((c) => c.id), ...manifest.removed.map((r) => r.id)]);
  const added = manifestCases(corpus).filter((c) => !known.has(c.id));
  if (added.length === 0) continue;
  writeFileSync(MANIFEST_PATHS[corpus], `${JSON.stringify({ ...manifest, cases: [...manifest.cases, ...added] }, null, 2)}\n`);
  console.log(`${corpus}: appended ${added.length} case(s): ${added.map((c) => c.id).join('; ')}`);
}
