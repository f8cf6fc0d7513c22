// Picks the vault backend: KEYWARD_VAULT_BACKEND=keystore|file, or by default the OS keystore
// where one answers, else the encrypted file. Why the keystore was passed over is kept as a
// note that `list` prints, so its absence is reported, not hidden.

import { vaultFilePath, type KeyPrefetch } from './file-key.js';
import { fileStore, scryptFromEnv, type ScryptParams } from './file-store.js';
import { KEYSTORE_SERVICE, keystoreAvailability, keystoreStore } from './keystore-store.js';
import type { SecretStore } from './secret-store.js';
import { VaultError } from './vault-error.js';

export interface OpenedStore {
  readonly store: SecretStore;
  /** Set when the default fell back to the file: why the keystore was not used. */
  readonly note?: string;
}

export interface OpenStoreOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asked when the file backend needs the passphrase and KEYWARD_VAULT_PASSPHRASE is unset. */
  readonly askPassphrase: (question: string) => Promise<string>;
  readonly scrypt?: ScryptParams;
  /** The file key's derivation, when the entry (bin.ts, launcher.ts) started it early. */
  readonly keyPrefetch?: KeyPrefetch;
}

export function openSecretStore(options: OpenStoreOptions): OpenedStore {
  const { env } = options;
  const service = env['KEYWARD_VAULT_KEYSTORE_SERVICE'] ?? KEYSTORE_SERVICE;
  const file = (): SecretStore =>
    fileStore({
      path: vaultFilePath(env),
      passphrase: async ({ creating }) => {
        const given = env['KEYWARD_VAULT_PASSPHRASE'];
        if (given !== undefined && given !== '') return given;
        if (!creating) return options.askPassphrase('Vault passphrase: ');
        // A typo in a new passphrase would lock the vault for good: asked twice.
        const first = await options.askPassphrase('New vault passphrase: ');
        if ((await options.askPassphrase('Repeat the passphrase: ')) !== first) throw new VaultError('the two passphrases differ; nothing was stored');
        return first;
      },
      scrypt: options.scrypt ?? scryptFromEnv(env),
      ...(options.keyPrefetch !== undefined && { keyPrefetch: options.keyPrefetch }),
    });
  const chosen = env['KEYWARD_VAULT_BACKEND'];
  if (chosen === 'file') return { store: file() };
  if (chosen === 'keystore') {
    const availability = keystoreAvailability(service);
    if (!availability.available) {
      throw new VaultError(`KEYWARD_VAULT_BACKEND=keystore, but the OS keystore is not available: ${availability.reason}`);
    }
    return { store: keystoreStore(service) };
  }
  if (chosen !== undefined && chosen !== '') throw new VaultError(`KEYWARD_VAULT_BACKEND must be 'keystore' or 'file', not '${chosen}'`);
  const availability = keystoreAvailability(service);
  if (availability.available) return { store: keystoreStore(service) };
  return { store: file(), note: `OS keystore not available (${availability.reason}); using the encrypted file` };
}
