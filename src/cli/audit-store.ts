// The store `keyward audit` reads: the same --data / --database-url as `keyward serve`, opened
// only if it exists (an audit never creates an empty store to report on).

import { existsSync } from 'node:fs';
import { BackupError } from '../storage/backup/dump-format.js';
import type { AuditEvent } from '../storage/audit-repositories.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/ports.js';
import type { StoreLocation } from './store-location.js';

export async function openAuditStore(location: StoreLocation): Promise<Store> {
  if (location.config.kind === 'sqlite' && !existsSync(location.config.file)) throw new BackupError(`no store at ${location.config.file}`);
  return openStore(location.config);
}

/** Every event in [from, to), in time order, read in pages of `pageSize`. */
export async function* eventsBetween(store: Store, from: Date, to: Date, pageSize = 1000): AsyncGenerator<AuditEvent> {
  let after: { time: Date; eventId: string } | undefined;
  for (;;) {
    const cursor = after;
    const page = await store.read((tx) => tx.audit.between(from, to, pageSize, cursor));
    yield* page;
    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return;
    after = { time: last.eventTime, eventId: last.eventId };
  }
}

/** A partition's events in sequence order, read in pages. */
export async function* partitionEvents(store: Store, partition: string, pageSize = 1000): AsyncGenerator<AuditEvent> {
  for (let from = 1; ; ) {
    const start = from;
    const page = await store.read((tx) => tx.audit.range(partition, start, pageSize));
    yield* page;
    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return;
    from = last.seq + 1;
  }
}
