// The OS keystore backend, through the real @napi-rs/keyring. Where a keystore answers (macOS,
// Windows, Linux with a Secret Service daemon) the shared suite runs against it; where none does
// (a bare Linux container), what is checked is that its absence is detected and reported.
// Only one of the two blocks is registered, so neither shows up as skipped.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keystoreAvailability, keystoreStore } from './keystore-store.js';
import { openSecretStore } from './open-store.js';
import { secretStoreConformance } from './secret-store.case.js';

const service = `keyward-vault-test-${randomBytes(4).toString('hex')}`;
const availability = keystoreAvailability(service);
const made: ReturnType<typeof keystoreStore>[] = [];

if (availability.available) {
describe('OS keystore store (a keystore answers here)', () => {
  afterAll(async () => {
    for (const store of made) for (const k of await store.keys()) await store.delete(k);
  });
  let n = 0;
  secretStoreConformance(async () => {
    n += 1;
    const store = keystoreStore(`${service}-${n}`);
    made.push(store);
    return store;
  });
});
} else {
describe('OS keystore store (no keystore answers here)', () => {
  const dir = mkdtemp(join(tmpdir(), 'keyward-vault-ks-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('reports why the keystore is unavailable, in one line', () => {
    expect(availability.available).toBe(false);
    if (availability.available) return;
    expect(availability.reason).not.toBe('');
    expect(availability.reason).not.toContain('\n');
    expect(availability.reason).not.toMatch(/backtrace/i);
  });

  it('makes a keystore store fail with a clear error, not a crash', async () => {
    await expect(keystoreStore(service).keys()).rejects.toThrow(/^the OS keystore refused to list entries: /);
    await expect(keystoreStore(service).set('k', 'v')).rejects.toThrow(/^the OS keystore refused to store an entry: /);
  });

  it('falls back to the file by default, with a note, and refuses an explicit keystore choice', async () => {
    const env = { HOME: await dir, KEYWARD_VAULT_PASSPHRASE: 'p', KEYWARD_VAULT_KEYSTORE_SERVICE: service };
    const opened = openSecretStore({ env, askPassphrase: async () => 'p' });
    expect(opened.store.kind).toBe('file');
    expect(opened.store.location).toBe(join(await dir, '.keyward', 'vault.json'));
    expect(opened.note).toMatch(/^OS keystore not available \(.+\); using the encrypted file$/);
    expect(() => openSecretStore({ env: { ...env, KEYWARD_VAULT_BACKEND: 'keystore' }, askPassphrase: async () => 'p' })).toThrow(
      /KEYWARD_VAULT_BACKEND=keystore, but the OS keystore is not available: /,
    );
  });
});
}

describe('backend choice', () => {
  it('takes KEYWARD_VAULT_BACKEND=file without asking the keystore, and refuses unknown names', () => {
    const opened = openSecretStore({ env: { HOME: '/nowhere', KEYWARD_VAULT_BACKEND: 'file', KEYWARD_VAULT_FILE: '/nowhere/v.json' }, askPassphrase: async () => 'p' });
    expect(opened.store.kind).toBe('file');
    expect(opened.store.location).toBe('/nowhere/v.json');
    expect(opened.note).toBeUndefined();
    expect(() => openSecretStore({ env: { KEYWARD_VAULT_BACKEND: 'plaintext' }, askPassphrase: async () => 'p' })).toThrow(/must be 'keystore' or 'file'/);
  });
});
