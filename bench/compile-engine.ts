// Loads the policy engine as it ships: src/policy transpiled by TypeScript (as
// `npm run build` does) into a temporary directory. Importing the sources through
// tsx instead would measure esbuild's keepNames helper, which wraps every named
// closure in a `__name()` call that defines a property at run time.

import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export type PolicyEngine = typeof import('../src/policy/index.js');

const SOURCE = fileURLToPath(new URL('../src/policy/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Transpiles src/policy (ES2022 modules, no type check) and imports its index. */
export async function compileEngine(): Promise<PolicyEngine> {
  const out = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  try {
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    for (const file of sources(SOURCE)) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, verbatimModuleSyntax: true },
        fileName: file,
      });
      const target = join(out, relative(SOURCE, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
    return (await import(pathToFileURL(join(out, 'index.js')).href)) as PolicyEngine;
  } finally {
    // Loaded modules stay in memory; the files are no longer needed.
    rmSync(out, { recursive: true, force: true });
  }
}
