// Global setup of the compatibility suite: builds dist/ (tsc + assets, as `npm run build`), so
// the suite tests the `keyward` command a user installs, not the TypeScript sources.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './keyward-process.js';

export function setup(): void {
  if (process.env.KEYWARD_COMPAT_SKIP_BUILD === '1') {
    if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'bin.js'))) throw new Error('KEYWARD_COMPAT_SKIP_BUILD=1 but dist/cli/bin.js is missing: run npm run build');
    return;
  }
  try {
    execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const out = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed; the compatibility suite needs a clean build\n${out.stdout ?? ''}${out.stderr ?? ''}`);
  }
}
