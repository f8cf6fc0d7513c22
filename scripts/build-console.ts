// Bundles the console's UI (src/console/ui/main.tsx, Preact + CodeMirror) with esbuild into
// dist/console-ui/: index.html and hashed assets/app-[hash].js and .css. No CDN, no network:
// everything the page loads comes from this bundle. Run: npx tsx scripts/build-console.ts
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(process.env.KEYWARD_CONSOLE_OUT ?? join(root, 'dist', 'console-ui'));
const assetsDir = join(outDir, 'assets');

/** The page the server serves for every console route; `__CSP_NONCE__` is replaced per response. */
function indexHtml(script: string, style: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="csp-nonce" content="__CSP_NONCE__">',
    '<title>Keyward console</title>',
    `<link rel="stylesheet" href="/console/assets/${style}">`,
    `<script type="module" src="/console/assets/${script}"></script>`,
    '</head>',
    '<body>',
    '<div id="app"></div>',
    '<noscript>The Keyward console needs JavaScript.</noscript>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(assetsDir, { recursive: true });
const result = await build({
  entryPoints: { app: join(root, 'src/console/ui/main.tsx') },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name]-[hash]',
  // CodeMirror is imported on demand (the policy editor): its own chunk.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  outdir: assetsDir,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((f) => basename(f));
const script = outputs.find((f) => /^app-.*\.js$/.test(f));
const style = outputs.find((f) => /^app-.*\.css$/.test(f));
if (script === undefined || style === undefined) throw new Error(`build-console: expected app-*.js and app-*.css, got ${outputs.join(', ')}`);
writeFileSync(join(outDir, 'index.html'), indexHtml(script, style));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`build-console: ${outputs.join(', ')} (${Math.round(bytes / 1024)} KiB) into ${relative(root, outDir)}/\n`);
