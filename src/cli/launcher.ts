#!/usr/bin/env node
// The installed `keyward` command. `npm run build` bundles it with the vault into one CommonJS
// file, dist/cli/keyward.cjs (scripts/vault-bundle.ts): `keyward vault exec` stands in front of
// every program it runs, and a CommonJS file starts without node's ES module loader, which
// costs more than the vault's own loading (docs/vault.md, "Benchmark"). Every other command
// goes on to the ES module entry, bin.js.

import { exitWith } from './io.js';
import { earlyKeyFor } from './vault-early.js';
import { vaultMain } from './vault-entry.js';

const argv = process.argv.slice(2);
if (argv[0] === 'vault') {
  const args = argv.slice(1);
  exitWith(vaultMain(args, earlyKeyFor(args, process.env)));
} else {
  void import('./bin.js');
}
