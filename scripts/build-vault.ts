// Replaces tsc's dist/cli/vault-entry.js with the one-file bundle of `keyward vault`
// (scripts/vault-bundle.ts). Run after tsc: npx tsx scripts/build-vault.ts
import { join, relative } from 'node:path';
import { bundleVault, ROOT } from './vault-bundle.js';

const outfile = join(ROOT, 'dist', 'cli', 'vault-entry.js');
const bundle = await bundleVault(outfile);
process.stdout.write(`build-vault: ${bundle.inputs.length} modules into ${relative(ROOT, outfile)}\n`);
