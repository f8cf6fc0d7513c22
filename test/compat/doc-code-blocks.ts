// The code examples of a document under docs/, found by their first line (`# conftest.py`,
// `import ...`), so that the compatibility suite runs them exactly as they are written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './keyward-process.js';

/** Every fenced block of `language` in `docs/<name>`, in order, without the fences. */
export function docCodeBlocks(name: string, language: string): string[] {
  const text = readFileSync(join(REPO_ROOT, 'docs', name), 'utf8');
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  return [...text.matchAll(fence)].map((m) => m[1] ?? '');
}

/** The one block whose text satisfies `pick`; throws if there is not exactly one. */
export function docCodeBlock(name: string, language: string, pick: (code: string) => boolean): string {
  const found = docCodeBlocks(name, language).filter(pick);
  if (found.length !== 1) throw new Error(`docs/${name}: expected one ${language} example, found ${found.length}`);
  return found[0] ?? '';
}
