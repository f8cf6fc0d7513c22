// Analysis benchmark: `keyward analyze` on generated accounts of growing size (see
// analysis-account.ts), each in its own process so peak memory is its own. Prints the full
// analysis time (model, graph, paths, findings, the least-privilege report with AWS's action
// catalogue, whose loading is timed too) and peak RSS per size, and how it grows.
// Run with `npx tsx bench/analysis.bench.ts [SIZES...]` (default 1000 5000 10000).

import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyze, loadModel } from '../src/analysis/index.js';
import { getAwsManagedPolicy } from '../src/domain/aws-managed/catalogue.js';
import { loadActionCatalogue } from '../src/cli/action-catalogue.js';
import { generatedAccount } from './analysis-account.js';

const TARGET = { principals: 10_000, seconds: 30, bytes: 2 * 1024 ** 3 };

interface Row {
  principals: number;
  policies: number;
  seconds: number;
  /** User and system CPU time: steadier than the wall clock on a shared machine. */
  cpuSeconds: number;
  peakBytes: number;
  admins: number;
  paths: number;
  findings: number;
}

async function measureOne(principals: number): Promise<Row> {
  const json = generatedAccount(principals) as { Policies: unknown[] };
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const catalogue = await loadActionCatalogue();
  const built = loadModel([{ source: `generated-${principals}.json`, json }], { awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document });
  if (!built.ok) throw new Error(`generated account does not load: ${built.problems[0]?.message}`);
  const { report } = analyze(built.model, { now: new Date('2026-06-01T00:00:00Z'), catalogue });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { principals, policies: json.Policies.length, seconds, cpuSeconds: (used.user + used.system) / 1e6, peakBytes: process.resourceUsage().maxRSS * 1024, admins: report.admins.length, paths: report.escalations.length, findings: report.findings.length };
}

if (process.argv[2] === '--one') {
  process.stdout.write(JSON.stringify(await measureOne(Number(process.argv[3]))));
} else {
  const before = loadavg();
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows: Row[] = [];
  for (const n of sizes.length > 0 ? sizes : [1000, 5000, 10_000]) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    rows.push(JSON.parse(out) as Row);
  }
  console.log(`load average before: ${before.map((l) => l.toFixed(2)).join(', ')}`);
  console.log('| principals | policies | admins | paths | findings | time (s) | CPU (s) | peak RSS (MiB) | time growth |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    const growth = prev === undefined ? '' : `x${(row.seconds / prev.seconds).toFixed(1)} for x${(row.principals / prev.principals).toFixed(1)} principals`;
    console.log(`| ${row.principals} | ${row.policies} | ${row.admins} | ${row.paths} | ${row.findings} | ${row.seconds.toFixed(2)} | ${row.cpuSeconds.toFixed(2)} | ${(row.peakBytes / 1024 ** 2).toFixed(0)} | ${growth} |`);
  });
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (on ${cpus().length} cores: above that, the wall clock counts waiting for a core)`);
  const big = rows.find((r) => r.principals === TARGET.principals);
  if (big !== undefined) {
    // On a shared machine the wall clock counts waiting for a core: CPU time is the steady figure.
    const memory = big.peakBytes < TARGET.bytes;
    console.log(`target (${TARGET.principals} principals, under ${TARGET.seconds} s and 2 GiB): CPU ${big.cpuSeconds.toFixed(1)} s and ${(big.peakBytes / 1024 ** 2).toFixed(0)} MiB: ${big.cpuSeconds < TARGET.seconds && memory ? 'met' : 'NOT met'}; wall clock ${big.seconds.toFixed(1)} s: ${big.seconds < TARGET.seconds && memory ? 'met' : 'NOT met'}`);
  }
}
