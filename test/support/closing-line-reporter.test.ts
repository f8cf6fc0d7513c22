// Runs vitest as a child process on small fixture files (reporter-fixtures/) and reads the
// closing line: a failure outside any test case (a hook, an import, collection, an unhandled
// error) must count as failed, as a failed test case does.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const vitestBin = join(root, 'node_modules/vitest/vitest.mjs');
const config = join(here, 'reporter-fixtures/vitest.config.ts');

interface Closing {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly exitCode: number;
}

function runFixture(name: string): Promise<Closing> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    delete env['VITEST'];
    delete env['VITEST_POOL_ID'];
    delete env['VITEST_WORKER_ID'];
    execFile(process.execPath, [vitestBin, 'run', '--config', config, `${name}.fixture.ts`], { cwd: root, env }, (error, stdout) => {
      const lines = [...stdout.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped$/gm)];
      const last = lines.at(-1);
      if (last === undefined) {
        reject(new Error(`no closing line for ${name}:\n${stdout}`));
        return;
      }
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3]), exitCode });
    });
  });
}

describe('the closing line', () => {
  it('counts a passing file as passed and nothing failed', async () => {
    expect(await runFixture('passes')).toEqual({ passed: 1, failed: 0, skipped: 0, exitCode: 0 });
  });

  it.each([
    ['before-all-fails', 'a failed beforeAll'],
    ['after-all-fails', 'a failed afterAll in a describe block'],
    ['import-fails', 'a module that throws on import'],
    ['describe-throws', 'a describe block that throws during collection'],
    ['unhandled-rejection', 'an unhandled rejection'],
  ])('counts %s (%s) as a failure', async (name) => {
    const closing = await runFixture(name);
    expect(closing.exitCode).not.toBe(0);
    expect(closing.failed).toBeGreaterThanOrEqual(1);
  });
});
