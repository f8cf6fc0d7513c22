// Copies data files that modules read at run time (src/**/*.json.gz) into dist/, because
// tsc emits only what is imported. Run after tsc: npx tsx scripts/copy-assets.ts
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const distDir = join(root, 'dist');
const ASSET = /\.json\.gz$/;

function* assets(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(full);
    else if (ASSET.test(entry.name)) yield full;
  }
}

let copied = 0;
for (const file of assets(srcDir)) {
  const target = join(distDir, relative(srcDir, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
  copied += 1;
}
process.stdout.write(`copy-assets: ${copied} file(s) into ${relative(root, distDir)}/\n`);
