import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { scenarioArb } from './scenario-arbitrary.js';
import { runKeyward } from './run-keyward.js';
import { runIamSimulate } from './run-iam-simulate.js';
import { classify } from './divergences.js';
import type { Scenario } from './scenario.js';
const n = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? 1);
const samples = fc.sample(scenarioArb, { numRuns: n, seed });
const agreeOn = async (s: Scenario) => runKeyward(s).decision === (await runIamSimulate(s)).verdict;
const t0 = performance.now();
const counts: Record<string, number> = {}; const cats: Record<string, number> = {};
const out: unknown[] = [];
for (const s of samples) {
  const keyward = runKeyward(s); const peer = await runIamSimulate(s);
  counts[peer.verdict] = (counts[peer.verdict] ?? 0) + 1;
  if (keyward.decision !== peer.verdict) {
    const c = (await classify({ scenario: s, keyward, peer }, agreeOn)) ?? 'UNEXPLAINED';
    cats[c] = (cats[c] ?? 0) + 1;
    if (c === 'UNEXPLAINED' || c.startsWith('session')) out.push({ k: keyward.decision, p: peer.verdict, s });
  }
}
console.log('ms', performance.now() - t0, counts, cats);
writeFileSync('/tmp/dw/dis.json', JSON.stringify(out, null, 1));
