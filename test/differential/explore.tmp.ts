import fc from 'fast-check';
import { scenarioArb } from './scenario-arbitrary.js';
import { runKeyward } from './run-keyward.js';
import { runIamSimulate } from './run-iam-simulate.js';
const n = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? 1);
const samples = fc.sample(scenarioArb, { numRuns: n, seed });
const t0 = performance.now();
let dis = 0; const counts: Record<string, number> = {};
const out: unknown[] = [];
for (const s of samples) {
  let k, p;
  try { k = runKeyward(s).decision; p = (await runIamSimulate(s)).verdict; } catch (e) { console.log('ERR', (e as Error).message.slice(0, 400)); console.log(JSON.stringify(s)); continue; }
  counts[p] = (counts[p] ?? 0) + 1;
  if (k !== p) { dis++; out.push({ k, p, s }); }
}
console.log('ms', performance.now() - t0, 'disagreements', dis, counts);
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/dw/dis.json', JSON.stringify(out, null, 1));
