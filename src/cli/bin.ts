#!/usr/bin/env node
// The ES module entry of the `keyward` command (`node dist/cli/bin.js`, `npm start`); the
// installed command is launcher.ts's CommonJS bundle, which hands every command but the vault
// on to this file.

import { exitWith, processIo } from './io.js';
import { earlyKeyFor } from './vault-early.js';

const argv = process.argv.slice(2);

/**
 * `keyward vault exec` stands in front of every program it runs, so it starts without loading
 * the other commands (the server, the engine, the analysis): vault-entry.js is, once built, one
 * bundled file holding only the vault, and the vault file's key derivation is started before
 * it loads (docs/vault.md, "Benchmark"). main.ts still lists the vault in --help.
 */
function runVault(args: readonly string[]): Promise<number> {
  const keyPrefetch = earlyKeyFor(args, process.env);
  return import('./vault-entry.js').then(({ vaultMain }) => vaultMain(args, keyPrefetch));
}

exitWith(argv[0] === 'vault' ? runVault(argv.slice(1)) : import('./main.js').then(({ main }) => main(argv, processIo())));
