// Analyzers scan again on a schedule, as AWS's do (every 24 hours by default): each node checks
// now and then which analyzers' last scan is an interval old by the server clock and scans them.
// With several nodes the check is repeated inside the scan's write transaction, so when two
// nodes find the same analyzer due, the one that commits second sees the fresh scan and skips.

import type { Store } from '../../../storage/ports.js';
import { loadActionExpander } from './action-catalogue.js';
import { scanInTransaction } from './scan.js';

export const DEFAULT_ANALYZER_SCAN_HOURS = 24;

export interface AnalyzerScheduleOptions {
  readonly clock: () => Date;
  /** Time between an analyzer's scans. */
  readonly intervalMs: number;
  /** How often (real time) due analyzers are looked for; default one minute. */
  readonly checkEveryMs?: number;
  readonly onError: (error: unknown) => void;
}

export interface AnalyzerSchedule {
  /** Scans the analyzers that are due now; resolves with how many were scanned. */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

const due = (lastScanAt: Date | undefined, now: Date, intervalMs: number): boolean => lastScanAt === undefined || now.getTime() - lastScanAt.getTime() >= intervalMs;

export function startAnalyzerSchedule(store: Store, options: AnalyzerScheduleOptions): AnalyzerSchedule {
  let running: Promise<number> | undefined;
  let stopped = false;
  const runDue = (): Promise<number> => {
    running ??= (async () => {
      try {
        const now = options.clock();
        const analyzers = await store.read((tx) => tx.analyzers.listAll());
        const dueOnes = analyzers.filter((a) => due(a.lastScanAt, now, options.intervalMs));
        if (dueOnes.length === 0) return 0;
        await store.flushUsage();
        const actions = await loadActionExpander();
        let scanned = 0;
        for (const a of dueOnes) {
          if (stopped) break;
          const did = await store.write(async (tx) => {
            const current = await tx.analyzers.get(a.accountId, a.region, a.name);
            if (current === undefined || !due(current.lastScanAt, now, options.intervalMs)) return false;
            await scanInTransaction(tx, current, now, actions);
            return true;
          });
          if (did) scanned += 1;
        }
        return scanned;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    runDue().catch(options.onError);
  }, options.checkEveryMs ?? 60_000);
  timer.unref();
  return {
    runDue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
