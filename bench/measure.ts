// Timing helpers for the benchmarks: throughput over a fixed wall-clock window,
// batch-amortised per-call latency, percentiles and number formatting.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const now = (): bigint => process.hrtime.bigint();

// A full collection on demand, without requiring `node --expose-gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes in use after a full garbage collection. */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export interface Throughput {
  readonly calls: number;
  /** Wall-clock seconds. */
  readonly seconds: number;
  readonly perSecond: number;
  /** CPU seconds (user + system) this process used meanwhile: on a busy machine, the time it really ran. */
  readonly cpuSeconds: number;
  /** Calls per CPU second: the one-core rate, whatever else the machine is doing. */
  readonly perCpuSecond: number;
}

/** CPU seconds (user + system) since `start`. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * Calls `run(i)` for i = 0, 1, 2, ... (wrapping at `count`) for at least `seconds`.
 * The clock is read once per pass over the `count` inputs, so it costs nothing per call.
 */
export function throughput(count: number, seconds: number, run: (i: number) => void): Throughput {
  const budget = BigInt(Math.round(seconds * 1e9));
  const cpu = process.cpuUsage();
  const start = now();
  let calls = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < count; i++) run(i);
    calls += count;
    elapsed = now() - start;
  } while (elapsed < budget);
  const secs = Number(elapsed) / 1e9;
  const cpuSeconds = cpuSecondsSince(cpu);
  return { calls, seconds: secs, perSecond: calls / secs, cpuSeconds, perCpuSecond: calls / cpuSeconds };
}

/** Nanoseconds one `process.hrtime.bigint()` read costs here (median of many pairs). */
export function clockCost(samples = 10_000): number {
  const costs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const a = now();
    const b = now();
    costs.push(Number(b - a));
  }
  return percentile(costs, 50);
}

/**
 * Per-call latency samples in nanoseconds: each sample is the time of `batch`
 * consecutive calls divided by `batch`, so the clock's own cost is amortised.
 */
export function batchLatencies(count: number, samples: number, batch: number, run: (i: number) => void): number[] {
  const out = new Array<number>(samples);
  let i = 0;
  for (let s = 0; s < samples; s++) {
    const start = now();
    for (let b = 0; b < batch; b++) {
      run(i);
      i = i + 1 === count ? 0 : i + 1;
    }
    out[s] = Number(now() - start) / batch;
  }
  return out;
}

/** Awaits `run(i)` for each i < count and returns each call's duration in nanoseconds. */
export async function asyncLatencies(count: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = now();
    await run(i);
    out.push(Number(now() - start));
  }
  return out;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** 1 234 567 -> "1.23M", 950 -> "950". */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

/** Nanoseconds in the most readable unit. */
export function formatNanos(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

export function formatBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
