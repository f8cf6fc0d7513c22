// keyward/testing as a user gets it: the package's `exports` map points at the built files, and
// the vitest example of docs/testing-your-code.md, run by vitest as written, imports
// `keyward/testing` through that map and passes.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docCodeBlock } from './doc-code-blocks.js';
import { REPO_ROOT } from './keyward-process.js';

interface PackageJson {
  readonly exports: Record<string, string | { types: string; default: string }>;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('keyward/testing package export', () => {
  it('points at built files', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
    const entry = pkg.exports['./testing'];
    expect(entry).toEqual({ types: './dist/testing/index.d.ts', default: './dist/testing/index.js' });
    if (typeof entry !== 'object') throw new Error('no ./testing export');
    expect(existsSync(join(REPO_ROOT, entry.types))).toBe(true);
    expect(existsSync(join(REPO_ROOT, entry.default))).toBe(true);
  });

  it('the documented vitest example passes', async () => {
    const example = docCodeBlock('testing-your-code.md', 'ts', (code) => code.includes("from 'vitest'"));
    expect(example).toContain("from 'keyward/testing'");
    // Inside the repository, so that `keyward/testing` resolves as a self-reference to dist/.
    const dir = await mkdtemp(join(REPO_ROOT, '.keyward-doc-example-'));
    dirs.push(dir);
    await writeFile(join(dir, 'users.test.ts'), example);
    await writeFile(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['users.test.ts'] } };\n");
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', './vitest.config.mjs'],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), out: stdout + stderr }),
      );
    });
    expect(result.out).toMatch(/Tests\s+2 passed \(2\)/);
    expect(result.code, result.out).toBe(0);
  });
});
