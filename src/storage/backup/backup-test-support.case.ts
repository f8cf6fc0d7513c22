// Shared by the backup module's tests: stores on both backends in throwaway places, a small
// store filled through the Store port, and export lines kept in memory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SecretBox } from '../../auth/secret-box.js';
import { makeAccessKey, makeGroup, makePolicy, makeUser, makeVersion, TAGS, TRICKY_DOCUMENT, at } from '../conformance/harness.js';
import type { StoreConfig } from '../open-store.js';
import { openStore } from '../open-store.js';
import { openBackupStore, type OpenedBackupStore } from './backup-location.js';
import { exportStore, type ExportSummary } from './export-store.js';

export const PG_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ACCOUNT = '123456789012';
export const KEY = new SecretBox(randomBytes(32));

export interface Place {
  readonly config: StoreConfig;
  drop(): Promise<void>;
}

export function sqlitePlace(): Place {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-backup-'));
  return { config: { kind: 'sqlite', file: join(dir, 'keyward.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export function postgresPlace(): Place {
  const schema = `kw_backup_${randomBytes(6).toString('hex')}`;
  return {
    config: { kind: 'postgres', url: PG_URL, schema },
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A small account touching several tables, written through the Store port. */
export async function fillStore(config: StoreConfig, secrets: SecretBox = KEY): Promise<void> {
  const store = await openStore(config);
  try {
    await store.write(async (tx) => {
      await tx.accounts.insert({ id: ACCOUNT, createdAt: at(0), settings: {} });
      await tx.aliases.insert(ACCOUNT, 'backup-alias');
      for (const name of ['alice', 'bob', 'carol']) await tx.users.insert(makeUser(ACCOUNT, name, { tags: [...TAGS], createDate: at(1) }));
      await tx.groups.insert(makeGroup(ACCOUNT, 'admins'));
      await tx.groups.members.addUser(ACCOUNT, 'admins', 'alice');
      const policy = makePolicy(ACCOUNT, 'tricky', { defaultVersionId: 'v2' });
      await tx.policies.insert(policy);
      await tx.policies.versions.insert(makeVersion(policy.arn, 'v1', { document: TRICKY_DOCUMENT }));
      await tx.policies.versions.insert(makeVersion(policy.arn, 'v2', { isDefault: true, createDate: at(2) }));
      const key = makeAccessKey(ACCOUNT, 'alice');
      await tx.accessKeys.insert({ ...key, secretCiphertext: secrets.seal('alice-secret', `access-key:${key.accessKeyId}`) });
    });
    await store.claimOnce('saml', 'assertion-1', at(3600), at(0));
  } finally {
    await store.close();
  }
}

/** Export lines in memory (fine for the small stores of these tests). */
export async function exportLines(config: StoreConfig, secrets: SecretBox = KEY, pageSize = 2): Promise<{ lines: string[]; summary: ExportSummary }> {
  const opened = openBackupStore(config, { mustExist: true });
  const lines: string[] = [];
  try {
    const summary = await exportStore(opened, { write: async (line) => void lines.push(line) }, { secrets, pageSize });
    return { lines, summary };
  } finally {
    await opened.close();
  }
}

export function iterate(lines: readonly string[]): AsyncIterator<string> {
  let i = 0;
  return { next: async () => (i < lines.length ? { done: false, value: lines[i++]! } : { done: true, value: undefined }) };
}

export async function withBackupStore<T>(config: StoreConfig, fn: (store: OpenedBackupStore) => Promise<T>): Promise<T> {
  const opened = openBackupStore(config, { mustExist: false });
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}
