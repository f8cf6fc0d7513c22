// Writes the bundles of `keyward vault` into dist/cli (scripts/vault-bundle.ts): keyward.cjs,
// the installed command, and vault-entry.js in place of tsc's. Run after tsc: npx tsx scripts/build-vault.ts
import { chmodSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleVault, ROOT } from './vault-bundle.js';

const { launcher, entry } = await bundleVault(join(ROOT, 'dist', 'cli'));
chmodSync(launcher.file, 0o755);
for (const b of [launcher, entry]) process.stdout.write(`build-vault: ${b.inputs.length} modules into ${relative(ROOT, b.file)}\n`);
