#!/usr/bin/env node
// Entry point of the installed `keyward` command.

import { prefetchFileKey } from '../vault/file-key.js';
import { processIo } from './io.js';

const argv = process.argv.slice(2);

/**
 * `keyward vault exec` stands in front of every program it runs, so it starts without loading
 * the other commands (the server, the engine, the analysis): vault-entry.js is, once built, one
 * bundled file holding only the vault. And for exec and export (credential_process), the vault
 * file's key derivation is started first, to run while that file loads (docs/vault.md,
 * "Benchmark"). main.ts still lists the vault in --help.
 */
function runVault(args: readonly string[]): Promise<number> {
  const [command, next] = args;
  const early = (command === 'exec' || command === 'export') && next !== '--help' && next !== '-h';
  const keyPrefetch = early ? prefetchFileKey(process.env) : undefined;
  return import('./vault-entry.js').then(({ vaultMain }) => vaultMain(args, keyPrefetch));
}

const run = argv[0] === 'vault' ? runVault(argv.slice(1)) : import('./main.js').then(({ main }) => main(argv, processIo()));

run.then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keyward: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
