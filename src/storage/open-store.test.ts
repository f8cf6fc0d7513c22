import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';

describe('openStore', () => {
  it('opens the backend the configuration names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-open-'));
    try {
      const store = await openStore({ kind: 'sqlite', file: join(dir, 'k.db') });
      expect(await store.read((tx) => tx.accounts.get('123456789012'))).toBeUndefined();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects when PostgreSQL cannot be reached', async () => {
    const open = openStore({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
    await expect(open).rejects.toThrow();
  });
});
