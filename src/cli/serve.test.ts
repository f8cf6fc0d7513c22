// `keyward serve --help` and `--print-config` answer without starting a server.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CliIo } from './io.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): CliIo & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => undefined, readFile: async () => '' };
}

describe('keyward serve', () => {
  it('--print-config prints the merged configuration with secrets masked and exits 0', async () => {
    const file = join(dir, 'keyward.json');
    writeFileSync(file, JSON.stringify({ port: 5000, 'root-secret-access-key': 'do-not-print-me', 'metrics-port': 9464 }));
    const out = io();
    const code = await main(['serve', '--config', file, '--print-config', '--log-format', 'pretty'], out);
    expect(code).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toContain('port = 5000');
    expect(text).toContain('log-format = "pretty"');
    expect(text).toContain('metrics-port = 9464');
    expect(text).toContain('root-secret-access-key = "********"');
    expect(text).not.toContain('do-not-print-me');
  });

  it('--help lists the operating flags', async () => {
    const out = io();
    expect(await main(['serve', '--help'], out)).toBe(0);
    for (const flag of ['--config', '--print-config', '--tls-cert', '--tls-key', '--metrics-port', '--metrics-host', '--log-format', '--shutdown-timeout', '--services']) {
      expect(out.stdout.join('\n')).toContain(flag);
    }
  });
});
