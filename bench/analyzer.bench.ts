// Access Analyzer benchmark: ValidatePolicy and the custom checks (CheckNoNewAccess,
// CheckNoPublicAccess) on realistic identity and bucket policies of 10, 50 and 100 statements
// with action and ARN globs and conditions; p50/p99 per call, in-process (no HTTP).
// Peer: AWS publishes that its SMT-based custom checks answer within 3 s for 99.999% of
// policies (IAM Access Analyzer custom policy checks paper, Zelkova); the ratio is against that.
// Last, the unused-access scan of an account with 10,000 principals (BENCH_SCAN_PRINCIPALS):
// users in groups with managed and group policies, roles, an access key per user, half the
// users with recorded uses; one scan through the Store port in one write transaction, on
// SQLite (or PostgreSQL with BENCH_DATABASE_URL), timed with its peak memory. Target 20 s.
// Run with `npm run bench:analyzer`.

import { parsePolicy } from '../src/policy/document/parse-policy.js';
import type { PolicyDocument, PolicyKind } from '../src/policy/document/types.js';
import { checkNoNewAccess, checkNoPublicAccess } from '../src/policy/reasoning/custom-checks.js';
import { validatePolicy } from '../src/policy/validate/validate-policy.js';
import { prepareCatalog } from '../src/services/accessanalyzer/iam-data-catalog.js';
import { formatNanos, percentile } from './measure.js';
import { scanUnusedAccessAccount } from './analyzer-scan.js';

const SIZES = [10, 50, 100];
const RUNS = Number(process.env['BENCH_RUNS'] ?? 200);
const PEER_P99_NANOS = 3e9;
const TARGETS = { validateP99: 5e6, checkP99: 50e6 };

const SERVICES: readonly [string, readonly string[]][] = [
  ['s3', ['GetObject', 'PutObject', 'Get*', 'List*', 'GetObject*', 'DeleteObject']],
  ['dynamodb', ['GetItem', 'Query', 'PutItem', 'BatchGet*', 'Describe*']],
  ['sqs', ['SendMessage', 'ReceiveMessage', 'Get*', 'DeleteMessage']],
  ['kms', ['Decrypt', 'Encrypt', 'GenerateDataKey*', 'Describe*']],
  ['lambda', ['InvokeFunction', 'Get*', 'List*']],
  ['logs', ['CreateLogStream', 'PutLogEvents', 'Describe*']],
];

function resourceFor(service: string, i: number): string {
  switch (service) {
    case 's3':
      return i % 3 === 0 ? `arn:aws:s3:::team-${i % 7}-bucket/*` : `arn:aws:s3:::team-${i % 7}-bucket/home/\${aws:username}/*`;
    case 'dynamodb':
      return `arn:aws:dynamodb:eu-west-1:111122223333:table/orders-${i % 5}*`;
    case 'sqs':
      return `arn:aws:sqs:eu-west-1:111122223333:queue-${i % 4}-*`;
    case 'kms':
      return `arn:aws:kms:eu-west-1:111122223333:key/${(i * 7919).toString(16).padStart(8, '0')}-aaaa-bbbb-cccc-000000000000`;
    case 'lambda':
      return `arn:aws:lambda:eu-west-1:111122223333:function:svc-${i % 6}-*`;
    default:
      return `arn:aws:logs:eu-west-1:111122223333:log-group:/app/${i % 8}:*`;
  }
}

function statement(i: number, withPrincipal: boolean): object {
  const [service, actions] = SERVICES[i % SERVICES.length] ?? ['s3', ['GetObject']];
  const picked = [actions[i % actions.length], actions[(i + 1) % actions.length]].map((a) => `${service}:${a}`);
  const conditions = [
    { StringEquals: { 'aws:PrincipalTag/team': [`team-${i % 7}`, 'platform'] } },
    { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } },
    { Bool: { 'aws:SecureTransport': 'true' } },
    undefined,
  ][i % 4];
  return {
    Sid: `S${i}`,
    Effect: i % 11 === 10 ? 'Deny' : 'Allow',
    ...(withPrincipal && { Principal: { AWS: `arn:aws:iam::${String(111122223333 + (i % 3))}:role/app-${i % 5}` } }),
    Action: picked,
    Resource: [resourceFor(service, i), resourceFor(service, i + 1)],
    ...(conditions !== undefined && { Condition: conditions }),
  };
}

const text = (n: number, withPrincipal = false, tweak?: (s: object[]) => object[]): string => {
  const statements = Array.from({ length: n }, (_, i) => statement(i, withPrincipal));
  return JSON.stringify({ Version: '2012-10-17', Statement: tweak === undefined ? statements : tweak(statements) }, null, 2);
};

function parsed(t: string, kind: PolicyKind): PolicyDocument {
  const p = parsePolicy(t, { kind });
  if (!p.ok) throw new Error(p.message);
  return p.document;
}

function measure(fn: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start));
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

console.log('workload');
console.log(`  identity policies of ${SIZES.join(', ')} statements over ${SERVICES.length} services: literal and glob actions (s3:Get*, s3:GetObject*),`);
console.log('  glob ARNs with ${aws:username}, StringEquals / IpAddress / Bool conditions, one Deny in eleven;');
console.log('  CheckNoNewAccess: the same policy against itself (PASS, every statement proved) and with one statement widened to Resource "*" (FAIL)');
console.log('  CheckNoPublicAccess: the policy as a bucket policy with account and role principals (PASS: every statement examined)');
console.log(`  ${RUNS} calls per figure, in-process, catalogue loaded beforehand`);
console.log('');

let failed = false;
const row = (name: string, n: number, m: { p50: number; p99: number }, target: number): void => {
  const ok = m.p99 <= target;
  failed ||= !ok;
  console.log(`${name.padEnd(26)} ${String(n).padStart(3)} stmts  p50 ${formatNanos(m.p50).padStart(10)}  p99 ${formatNanos(m.p99).padStart(10)}  target p99 ${formatNanos(target)} ${ok ? 'ok' : 'MISSED'}  vs AWS's published 3 s: ${(PEER_P99_NANOS / m.p99).toFixed(0)}x`);
};

for (const n of SIZES) {
  const t = text(n);
  const catalog = await prepareCatalog(t);
  row('ValidatePolicy', n, measure(() => validatePolicy(t, { policyType: 'IDENTITY_POLICY', catalog })), TARGETS.validateP99);
}
for (const n of SIZES) {
  const existing = parsed(text(n), 'identity');
  const same = parsed(text(n), 'identity');
  const widened = parsed(text(n, false, (s) => s.map((x, i) => (i === n - 1 ? { ...x, Resource: '*' } : x))), 'identity');
  const pass = checkNoNewAccess({ newPolicy: same, existingPolicy: existing, principals: false });
  const fail = checkNoNewAccess({ newPolicy: widened, existingPolicy: existing, principals: false });
  if (pass.result !== 'PASS' || fail.result !== 'FAIL') {
    console.log(`  WRONG ANSWER at ${n} statements: identical ${pass.result}, widened ${fail.result}`);
    failed = true;
  }
  row('CheckNoNewAccess (PASS)', n, measure(() => checkNoNewAccess({ newPolicy: same, existingPolicy: existing, principals: false })), TARGETS.checkP99);
  row('CheckNoNewAccess (FAIL)', n, measure(() => checkNoNewAccess({ newPolicy: widened, existingPolicy: existing, principals: false })), TARGETS.checkP99);
}
for (const n of SIZES) {
  const bucket = parsed(text(n, true), 'resource');
  row('CheckNoPublicAccess', n, measure(() => checkNoPublicAccess({ policy: bucket })), TARGETS.checkP99);
}
const scan = await scanUnusedAccessAccount(Number(process.env['BENCH_SCAN_PRINCIPALS'] ?? 10_000), process.env['BENCH_DATABASE_URL']);
console.log('');
console.log(`unused-access scan, ${scan.principals} principals (${scan.backend}): ${scan.findings} findings written`);
console.log(`  total ${(scan.totalMs / 1000).toFixed(2)} s (read ${(scan.readMs / 1000).toFixed(2)} s, compute ${(scan.computeMs / 1000).toFixed(2)} s, write ${(scan.writeMs / 1000).toFixed(2)} s)  target 20 s ${scan.totalMs <= 20_000 ? 'ok' : 'MISSED'}`);
console.log(`  peak memory: rss +${scan.peakRssMb.toFixed(0)} MB over the idle process (heap used at most ${scan.peakHeapMb.toFixed(0)} MB); rescan with nothing changed ${(scan.rescanMs / 1000).toFixed(2)} s`);
failed ||= scan.totalMs > 20_000;
process.exitCode = failed ? 1 : 0;
