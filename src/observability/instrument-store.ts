// Times a Store's transactions and calls for the keyward_store_operation_duration_seconds
// histogram: read and write transactions and the usage buffer's batched writes. Everything else
// is passed through untouched.

import type { Store } from '../storage/ports.js';

export function instrumentStore(store: Store, observe: (operation: string, seconds: number) => void): Store {
  const timed = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    try {
      return await run();
    } finally {
      observe(operation, Number(process.hrtime.bigint() - start) / 1e9);
    }
  };
  return {
    ...store,
    read: (fn) => timed('read', () => store.read(fn)),
    write: (fn) => timed('write', () => store.write(fn)),
    recordUsage: (batch) => timed('record_usage', () => store.recordUsage(batch)),
  };
}
