// The OS keystore backend through @napi-rs/keyring (macOS Keychain, Windows Credential Manager,
// Linux Secret Service): one keystore entry per item under one service name.

import { createRequire } from 'node:module';
import type { SecretStore } from './secret-store.js';
import { VaultError } from './vault-error.js';

export const KEYSTORE_SERVICE = 'keyward-vault';

type Keyring = typeof import('@napi-rs/keyring');

let loaded: { keyring: Keyring } | { error: string } | undefined;

/** Loaded on first use: a platform without a prebuilt binding must still reach the file backend. */
function keyring(): Keyring {
  if (loaded === undefined) {
    try {
      loaded = { keyring: createRequire(import.meta.url)('@napi-rs/keyring') as Keyring };
    } catch (error) {
      loaded = { error: firstLine(error) };
    }
  }
  if ('error' in loaded) throw new VaultError(`the OS keystore binding did not load: ${loaded.error}`);
  return loaded.keyring;
}

/** The library's messages carry a Rust backtrace after the first line. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? 'unknown error';
}

export type KeystoreAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** The entry a write probe uses; deleted again at once. */
const PROBE_ACCOUNT = 'keyward-vault-probe';

/**
 * Whether the keystore can hold the vault. Reading the service's entries comes first (it writes
 * nothing, and where the vault already has entries it proves the keystore unlocked and readable).
 * With no entries yet, a listing proves little: a Linux Secret Service with no unlocked default
 * collection lists nothing yet refuses every write. So a probe entry is then written and deleted.
 */
export function keystoreAvailability(service = KEYSTORE_SERVICE): KeystoreAvailability {
  try {
    const k = keyring();
    if (k.findCredentials(service).length > 0) return { available: true };
    const probe = new k.Entry(service, PROBE_ACCOUNT);
    probe.setPassword('probe');
    probe.deleteCredential();
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof VaultError ? error.message : firstLine(error) };
  }
}

export function keystoreStore(service = KEYSTORE_SERVICE): SecretStore {
  const call = async <T>(what: string, run: (k: Keyring) => Promise<T>): Promise<T> => {
    try {
      return await run(keyring());
    } catch (error) {
      if (error instanceof VaultError) throw error;
      throw new VaultError(`the OS keystore refused to ${what}: ${firstLine(error)}`);
    }
  };
  const entry = (k: Keyring, key: string) => new k.AsyncEntry(service, key);
  const store: SecretStore = {
    kind: 'keystore',
    location: `OS keystore, service '${service}'`,
    keys: () => call('list entries', async (k) => (await k.findCredentialsAsync(service)).map((c) => c.account).filter((a) => a !== PROBE_ACCOUNT).sort()),
    get: (key) => call('read an entry', async (k) => (await entry(k, key).getPassword()) ?? undefined),
    set: (key, value) => call('store an entry', (k) => entry(k, key).setPassword(value)),
    async update(changes) {
      for (const [key, value] of changes) {
        if (value === undefined) await store.delete(key);
        else await store.set(key, value);
      }
    },
    delete: (key) => call('delete an entry', async (k) => entry(k, key).deleteCredential()),
  };
  return store;
}
