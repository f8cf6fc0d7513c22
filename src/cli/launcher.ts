#!/usr/bin/env node
// The installed `keyward` command. `npm run build` bundles it with the vault into one CommonJS
// file, dist/cli/keyward.cjs (scripts/vault-bundle.ts): `keyward vault exec` stands in front of
// every program it runs, and a CommonJS file starts without node's ES module loader, which
// costs more than the vault's own loading (docs/vault.md, "Benchmark"). Every other command
// goes on to the ES module entry, bin.js.

import { exitWith } from './io.js';
import { earlyKeyFor } from './vault-early.js';

const argv = process.argv.slice(2);
if (argv[0] === 'vault') {
  const args = argv.slice(1);
  // First the vault file's key derivation (on libuv's pool), then the vault's code: in the
  // bundle, a dynamic import of a bundled module is evaluated only when reached, so node's
  // modules the vault needs (child_process above all) load while scrypt runs.
  const keyPrefetch = earlyKeyFor(args, process.env);
  exitWith(import('./vault-entry.js').then(({ vaultMain }) => vaultMain(args, keyPrefetch)));
} else {
  void import('./bin.js');
}
