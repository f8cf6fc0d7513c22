// Engine benchmark: Keyward's authorize() against @cloud-copilot/iam-simulate on the
// same workload. Checks that both engines agree with each other and with the
// workload's expectations (exit 1 otherwise), then prints throughput and latency.
// Run with `npm run bench:engine`; see bench/README.md for how to read it.

import { compileEngine, type PolicyEngine } from './compile-engine.js';
import { engineWorkload, type WorkloadRequest } from './engine-workload.js';
import { peerDecision, type Verdict } from './iam-simulate-peer.js';
import { keywardDecision, keywardWorkload } from './keyward-engine.js';
import {
  asyncLatencies,
  batchLatencies,
  clockCost,
  cpuSecondsSince,
  formatBytes,
  formatCount,
  formatNanos,
  heapAfterGc,
  percentile,
  throughput,
} from './measure.js';

const KEYWARD_REQUESTS = 3000;
const PEER_REQUESTS = 300;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 2);
const LATENCY_SAMPLES = 50_000;
const LATENCY_BATCH = 32;

const TARGETS = { perSecond: 1_500_000, p50Nanos: 1000, ratio: 1000 };
const share = (cpu: number, wall: number): string => `${Math.min(100, (100 * cpu) / wall).toFixed(0)}%`;

const workload = engineWorkload(KEYWARD_REQUESTS);
const kinds = (requests: readonly WorkloadRequest[]): string =>
  (['Allow', 'ImplicitDeny', 'ExplicitDeny'] as const).map((k) => `${requests.filter((r) => r.expect === k).length} ${k}`).join(', ');
const statements = workload.policies.reduce((n, p) => n + ((p.document as { Statement: unknown[] }).Statement.length ?? 0), 0);

console.log('workload');
console.log(`  principal ${workload.principalArn}: ${workload.policies.length} managed policies, ${statements} statements`);
console.log('  wildcard actions over 10 services, glob resource ARNs with ${aws:username} / ${aws:PrincipalTag/team},');
console.log('  StringEquals / StringLike / IpAddress / Bool conditions, one Deny (kms:ScheduleKeyDeletion, kms:Delete*)');
console.log(`  requests: ${KEYWARD_REQUESTS} distinct (${kinds(workload.requests)})`);
console.log('  Allow requests are granted only by the last statement of the last policy');

// BENCH_ENGINE=source measures the sources as tsx runs them (esbuild's __name() wrappers included).
const fromSource = process.env['BENCH_ENGINE'] === 'source';
const engine: PolicyEngine = fromSource ? await import('../src/policy/index.js') : await compileEngine();

// --- correctness: both engines against the workload's expectations and each other ---
const heapBefore = heapAfterGc();
const keyward = keywardWorkload(engine, workload);
const keywardHeap = heapAfterGc() - heapBefore;
let mismatches = 0;
for (let i = 0; i < workload.requests.length; i++) {
  const r = workload.requests[i]!;
  const decision = keywardDecision(keyward, i);
  if (decision !== r.expect) {
    mismatches++;
    console.log(`  MISMATCH keyward ${decision}, expected ${r.expect}: ${r.action} ${r.resource}`);
  }
}
const peerRequests = workload.requests.slice(0, PEER_REQUESTS);
const peerVerdicts: Verdict[] = [];
for (let i = 0; i < peerRequests.length; i++) {
  const r = peerRequests[i]!;
  const verdict = await peerDecision(workload, r);
  peerVerdicts.push(verdict);
  const ours = keywardDecision(keyward, i);
  if (verdict !== r.expect || verdict !== ours) {
    mismatches++;
    console.log(`  MISMATCH iam-simulate ${verdict}, keyward ${ours}, expected ${r.expect}: ${r.action} ${r.resource}`);
  }
}
console.log(`\ncorrectness: ${mismatches} mismatches (keyward on ${KEYWARD_REQUESTS} requests, iam-simulate on ${PEER_REQUESTS}, against each other and the workload)`);

// --- Keyward ---
let allowed = 0;
const run = (i: number): void => {
  if (keywardDecision(keyward, i) === 'Allow') allowed++;
};
throughput(keyward.requests.length, Math.max(0.5, SECONDS / 2), run); // warm-up: let the JIT settle
const k = throughput(keyward.requests.length, SECONDS, run);
const kLatency = batchLatencies(keyward.requests.length, LATENCY_SAMPLES, LATENCY_BATCH, run);
const kP50 = percentile(kLatency, 50);
const kP99 = percentile(kLatency, 99);

console.log('\nkeyward (parse + compile + preparePolicySet once, then authorize() per request)');
console.log(`  engine:       ${fromSource ? 'src/policy through tsx (BENCH_ENGINE=source)' : 'src/policy transpiled by TypeScript, as npm run build ships it'}`);
console.log(`  setup:        ${keyward.setupMs.toFixed(1)} ms for ${workload.policies.length} policies`);
console.log(`  throughput:   ${formatCount(k.perCpuSecond)} decisions/s on one core (${formatCount(k.calls)} decisions in ${k.cpuSeconds.toFixed(2)} CPU s)`);
console.log(`                ${formatCount(k.perSecond)} decisions/s wall clock (${k.seconds.toFixed(2)} s; the process ran ${share(k.cpuSeconds, k.seconds)} of it)`);
console.log(`  latency p50:  ${formatNanos(kP50)}`);
console.log(`  latency p99:  ${formatNanos(kP99)}`);
console.log(`  heap used:    ${formatBytes(keywardHeap)} for the prepared policies and ${KEYWARD_REQUESTS} request contexts (after GC)`);

// --- iam-simulate ---
for (let i = 0; i < 10; i++) await peerDecision(workload, peerRequests[i]!); // warm-up
const pCpu = process.cpuUsage();
const pLatency = await asyncLatencies(peerRequests.length, async (i) => {
  await peerDecision(workload, peerRequests[i]!);
});
const pCpuSeconds = cpuSecondsSince(pCpu);
const pSeconds = pLatency.reduce((a, b) => a + b, 0) / 1e9;
const pPerSecond = peerRequests.length / pSeconds;
const pPerCpuSecond = peerRequests.length / pCpuSeconds;

console.log('\niam-simulate (runSimulation() per request: validates, loads the policies, evaluates)');
console.log(`  throughput:   ${formatCount(pPerCpuSecond)} decisions/s on one core (${peerRequests.length} decisions in ${pCpuSeconds.toFixed(2)} CPU s)`);
console.log(`                ${formatCount(pPerSecond)} decisions/s wall clock (${pSeconds.toFixed(2)} s; the process ran ${share(pCpuSeconds, pSeconds)} of it)`);
console.log(`  latency p50:  ${formatNanos(percentile(pLatency, 50))}`);
console.log(`  latency p99:  ${formatNanos(percentile(pLatency, 99))}`);
console.log(`\nheap used: ${formatBytes(heapAfterGc())} by the whole process after GC (both engines, iam-data, the TypeScript compiler)`);

const ratio = k.perCpuSecond / pPerCpuSecond;
console.log(`\nratio: ${ratio.toFixed(0)}`);
console.log(`  (Keyward / iam-simulate decisions per CPU second; wall clock: ${(k.perSecond / pPerSecond).toFixed(0)})`);

console.log('\nmethod');
console.log(`  throughput: a tight loop over the ${KEYWARD_REQUESTS} prepared requests for ${SECONDS} s after a warm-up;`);
console.log('    the clock is read once per pass, so it adds nothing per decision. "On one core" divides by the');
console.log('    CPU time the process used (process.cpuUsage), which a busy machine does not inflate.');
console.log(`  latency: ${LATENCY_SAMPLES} samples, each the time of ${LATENCY_BATCH} consecutive decisions / ${LATENCY_BATCH},`);
console.log(`    read with process.hrtime.bigint() (one read costs ~${formatNanos(clockCost())} here, amortised over the batch);`);
console.log('    p99 shows the batches that met a slow path or a garbage collection.');
console.log('  iam-simulate: each awaited runSimulation() timed on its own; throughput = calls / summed time.');
console.log(`  request contexts (principal, action, resource, keys map) are built before timing; ${allowed} allows counted so no call is dead code.`);

const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');
console.log('\ntargets');
console.log(`  > ${formatCount(TARGETS.perSecond)} decisions/s on one core: ${met(k.perCpuSecond > TARGETS.perSecond)}`);
console.log(`  p50 < ${formatNanos(TARGETS.p50Nanos)}: ${met(kP50 < TARGETS.p50Nanos)}`);
console.log(`  ratio >= ${TARGETS.ratio}: ${met(ratio >= TARGETS.ratio)}`);

if (mismatches > 0) {
  console.log(`\nFAILED: ${mismatches} mismatches`);
  process.exit(1);
}
