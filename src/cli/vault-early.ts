// Which `keyward vault` runs start the vault file's key derivation before the vault's code
// loads (src/vault/file-key.ts): exec, and export (credential_process), which open the vault
// first thing and are started again and again by other programs.

import { prefetchFileKey, type KeyPrefetch } from '../vault/file-key.js';

export function earlyKeyFor(args: readonly string[], env: Readonly<Record<string, string | undefined>>): KeyPrefetch | undefined {
  const [command, next] = args;
  if ((command !== 'exec' && command !== 'export') || next === '--help' || next === '-h') return undefined;
  return prefetchFileKey(env);
}
