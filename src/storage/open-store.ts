// The one entry point that picks a backend from configuration.
import { openPostgresStore } from './postgres/postgres-store.js';
import type { Store } from './ports.js';
import type { SharedWriteLock } from './sqlite/shared-write-lock.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string; readonly writeLock?: SharedWriteLock }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export function openStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteStore(config.file, config.writeLock);
    case 'postgres':
      return openPostgresStore(config.schema === undefined ? { url: config.url } : { url: config.url, schema: config.schema });
  }
}
