#!/usr/bin/env node
// Entry point of the installed `keyward` command.

import { processIo } from './io.js';

const argv = process.argv.slice(2);
// `keyward vault exec` stands in front of every program it runs, so it starts without loading
// the other commands (the server, the engine, the analysis): vault-entry.js is, once built, one
// bundled file holding only the vault. main.ts still lists the vault in --help.
const run =
  argv[0] === 'vault'
    ? import('./vault-entry.js').then(({ vaultMain }) => vaultMain(argv.slice(1)))
    : import('./main.js').then(({ main }) => main(argv, processIo()));

run.then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keyward: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
