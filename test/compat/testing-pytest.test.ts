// The pytest fixture of docs/testing-your-code.md, run by pytest as written: it starts
// `keyward serve` (the built dist/cli/bin.js) as a subprocess on a free port and hands boto3
// clients to the documented example tests.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docCodeBlock } from './doc-code-blocks.js';
import { REPO_ROOT } from './keyward-process.js';

let dir: string | undefined;
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** The caller's environment without its AWS settings, so only the fixture's credentials count. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return { ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
}

describe('documented pytest fixture', () => {
  it('starts keyward serve and the example tests pass against it', async () => {
    const conftest = docCodeBlock('testing-your-code.md', 'python', (code) => code.startsWith('# conftest.py'));
    const example = docCodeBlock('testing-your-code.md', 'python', (code) => code.startsWith('# test_example.py'));
    dir = await mkdtemp(join(tmpdir(), 'keyward-pytest-'));
    await writeFile(join(dir, 'conftest.py'), conftest);
    await writeFile(join(dir, 'test_example.py'), example);
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        'python3',
        ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', dir ?? ''],
        { cwd: dir, encoding: 'utf8', env: { ...cleanEnv(), KEYWARD_COMMAND: `${process.execPath} ${join(REPO_ROOT, 'dist', 'cli', 'bin.js')}` } },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), out: stdout + stderr }),
      );
    });
    expect(result.out).toMatch(/\b2 passed\b/);
    expect(result.code, result.out).toBe(0);
  });
});
