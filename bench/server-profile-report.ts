// Reads a V8 .cpuprofile (node --cpu-prof) and says where a request's time goes: each sample
// goes to the highest-priority pipeline stage on its stack; plus top self and inclusive tables.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  /** Microseconds, on the monotonic clock (the one process.hrtime reads). */
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Frame {
  readonly fn: string;
  /** Path inside the repository (`dist/auth/sigv4/verify.js`), or the URL as V8 gave it. */
  readonly file: string;
  readonly line: number;
}

export interface StageRule {
  readonly stage: string;
  readonly test: (frame: Frame) => boolean;
}

export interface Row {
  readonly name: string;
  readonly micros: number;
}

export interface ProfileSummary {
  /** Sampled microseconds in the window, idle excluded. */
  readonly busyMicros: number;
  readonly idleMicros: number;
  readonly stages: readonly Row[];
  readonly self: readonly Row[];
  readonly inclusive: readonly Row[];
}

const at = (file: string, ...fns: string[]) => (f: Frame): boolean =>
  f.file.includes(file) && (fns.length === 0 || fns.includes(f.fn));

/** 1-based line of the first line of `file` (under `root`) that contains `needle`, or -1. */
export function lineOf(root: string, file: string, needle: string): number {
  try {
    return readFileSync(join(root, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1 || -1;
  } catch {
    return -1;
  }
}

/**
 * Stages of `handleRequest`, highest priority first: a sample goes to the first rule that
 * matches any frame of its stack, so a store read counts for the stage that asked for it.
 * Continuations after an `await` lose their callers, so each stage is also named by its own
 * helpers; what is left of the store (transaction ends after an await) has its own rows.
 */
export function keywardStages(root: string): StageRule[] {
  // runOne's queued callback is anonymous; here only the per-request bookkeeping writes use it.
  const runOneLine = lineOf(root, 'dist/storage/sqlite/sqlite-driver.js', 'this.writes.run(() => this.writer.run(');
  const isRunOne = (f: Frame): boolean => f.file.endsWith('storage/sqlite/sqlite-driver.js') && (f.fn === 'runOne' || (f.fn === '' && f.line + 1 === runOneLine));
  const bookkeeping = ['recordAccessKeyUse', 'recordRoleUse', 'recordServiceAccess', 'recordCredentialUse', 'serviceAccessEvent', 'recordUsage', 'flush'];
  return [
    { stage: 'access key: AES-GCM decrypt (SecretBox.open)', test: at('auth/secret-box', 'open') },
    {
      stage: 'usage bookkeeping: buffered last-used and access-advisor records, their flush (usage-buffer.ts)',
      test: (f) => isRunOne(f) || (bookkeeping.includes(f.fn) && (f.file.includes('dist/server/') || f.file.includes('dist/services/') || f.file.includes('dist/storage/'))),
    },
    { stage: 'access key: store read (storeCredentials.lookup)', test: at('server/resolve-caller', 'lookup') },
    { stage: 'caches: generation sync and lookups (caller-cache.ts)', test: (f) => f.file.includes('server/caller-cache') || f.file.includes('server/generation-cache') || f.fn === 'syncGeneration' },
    { stage: 'SigV4 verify (parse, canonical request, HMAC)', test: at('auth/sigv4/') },
    { stage: 'resolve caller: user read', test: at('server/resolve-caller', 'resolveCaller') },
    { stage: "caller's policies: parse + compile (cache)", test: at('services/policy-cache') },
    { stage: "caller's policies: store reads (groups, inline, attached)", test: (f) => f.file.includes('services/caller-policies') || f.file.includes('services/sts/session-policies') },
    { stage: 'authorize: engine', test: (f) => f.file.includes('dist/policy/') },
    { stage: 'authorize: context keys + enforce', test: at('services/authorize-call') },
    { stage: 'operation: checks + run (its store reads and writes)', test: (f) => f.file.includes('services/iam/') },
    { stage: 'decode query (form -> input, validation)', test: (f) => f.file.includes('protocol/query/') },
    { stage: 'encode XML', test: (f) => f.file.includes('protocol/xml/') || f.file.includes('protocol/model/') },
    { stage: 'handleRequest own code (URLSearchParams, randomUUID)', test: at('server/handle-request') },
    { stage: 'store: read transaction end (ROLLBACK, after await)', test: at('storage/sqlite/sqlite-driver', 'read') },
    { stage: 'store: write transaction (queue, COMMIT)', test: (f) => f.file.includes('storage/sqlite/') },
    { stage: 'store: repositories (continuations)', test: (f) => f.file.includes('dist/storage/') },
    { stage: 'fastify + node http', test: (f) => f.file.includes('node_modules/fastify') || f.file.includes('node_modules/@fastify') || f.file.includes('node_modules/find-my-way') || f.file.startsWith('node:_http') || f.file.startsWith('node:internal/http') || at('server/app')(f) },
    { stage: 'node net/streams (sockets)', test: (f) => f.file.startsWith('node:net') || f.file.startsWith('node:internal/stream') || f.file.startsWith('node:internal/streams') || f.fn === 'writev' || f.fn === 'writeUtf8String' },
    { stage: 'garbage collector', test: (f) => f.fn === '(garbage collector)' },
  ];
}

function shortFile(url: string, root: string): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

const label = (f: Frame): string => `${f.fn || '(anonymous)'} ${f.file}${f.file ? `:${f.line + 1}` : ''}`;

function top(map: Map<string, number>, n: number): Row[] {
  return [...map.entries()]
    .map(([name, micros]) => ({ name, micros }))
    .sort((a, b) => b.micros - a.micros)
    .slice(0, n);
}

/** Summarises the samples taken between `from` and `to` (profile clock, microseconds). */
export function summarize(profile: CpuProfile, options: { readonly root: string; readonly from: number; readonly to: number; readonly rules?: readonly StageRule[] }): ProfileSummary {
  const rules = options.rules ?? keywardStages(options.root);
  const frames = new Map<number, Frame>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    frames.set(node.id, { fn: functionName, file: shortFile(url, options.root), line: lineNumber });
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const stages = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (t < options.from || t > options.to) continue;
    const leafId = profile.samples[i]!;
    const leaf = frames.get(leafId)!;
    if (leaf.fn === '(idle)') {
      idle += weight;
      continue;
    }
    busy += weight;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + weight);
    let best = rules.length;
    const seen = new Set<string>();
    for (let id: number | undefined = leafId; id !== undefined; id = parent.get(id)) {
      const frame = frames.get(id)!;
      const name = label(frame);
      if (!seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + weight);
      }
      for (let r = 0; r < best; r++) if (rules[r]!.test(frame)) best = r;
    }
    const key = rules[best]?.stage ?? (leaf.fn === '(program)' ? '(program): V8/native, no JS frame' : 'other');
    stages.set(key, (stages.get(key) ?? 0) + weight);
  }
  return { busyMicros: busy, idleMicros: idle, stages: top(stages, 50), self: top(self, 30), inclusive: top(inclusive, 60) };
}
