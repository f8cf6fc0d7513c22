// `keyward vault ...` as its own entry point, which bin.ts loads instead of main.ts (and which
// launcher.ts, the installed command, bundles). `npm run build` replaces tsc's
// dist/cli/vault-entry.js with one esbuild bundle of this module and the vault modules it
// reaches (scripts/vault-bundle.ts): `vault exec` stands in front of every program it runs, and
// one file starts faster than ~30 loaded one by one (docs/vault.md, "Benchmark"). The AWS SDK
// and the keystore binding stay outside it, loaded only when needed.

import type { KeyPrefetch } from '../vault/file-key.js';
import { processIo } from './io.js';
import { runVault } from './vault.js';

/** Runs `keyward vault ARGS...` on the real terminal; resolves to the exit code. */
export function vaultMain(args: readonly string[], keyPrefetch?: KeyPrefetch): Promise<number> {
  return runVault(args, processIo(), keyPrefetch);
}
