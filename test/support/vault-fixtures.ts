// A `keyward vault` run in-process against a temporary HOME (its own ~/.aws/config and vault
// file, never the real ones), with a clock the test moves and every line it prints kept, so a
// test can check results and that no secret was ever printed.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVaultWith } from '../../src/cli/vault.js';
import type { VaultContext } from '../../src/cli/vault-context.js';
import { sdkStsCalls } from '../../src/vault/sts-calls.js';

export interface VaultRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** What the exec'ed program printed. */
  readonly child: string;
}

/** `printsSecrets` keeps a run (export, by design) out of `printed`. */
export type RunOverrides = Partial<VaultContext> & { env?: Record<string, string | undefined>; printsSecrets?: boolean };

export interface VaultHarness {
  readonly home: string;
  readonly vaultFile: string;
  readonly env: Record<string, string>;
  /** Everything printed by every run so far (commands and children), for the no-secrets check. */
  readonly printed: string[];
  writeConfig(text: string): Promise<void>;
  run(args: readonly string[], overrides?: RunOverrides): Promise<VaultRun>;
  /** Moves the vault's clock (not the server's) by `ms`. */
  advance(ms: number): void;
  cleanup(): Promise<void>;
}

export const VAULT_PASSPHRASE = 'vault test passphrase';

export async function vaultHarness(options: { now?: () => Date } = {}): Promise<VaultHarness> {
  const home = await mkdtemp(join(tmpdir(), 'keyward-vault-home-'));
  await mkdir(join(home, '.aws'), { recursive: true });
  const configPath = join(home, '.aws', 'config');
  const vaultFile = join(home, '.keyward', 'vault.json');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: configPath,
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    KEYWARD_VAULT_BACKEND: 'file',
    KEYWARD_VAULT_PASSPHRASE: VAULT_PASSPHRASE,
  };
  const printed: string[] = [];
  let offset = 0;
  const now = options.now ?? (() => new Date());
  return {
    home,
    vaultFile,
    env,
    printed,
    writeConfig: (text) => writeFile(configPath, text),
    async run(args, overrides = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const child: string[] = [];
      const { env: envOverrides, printsSecrets, ...rest } = overrides;
      const runEnv = { ...env, ...envOverrides };
      const ctx: VaultContext = {
        env: runEnv,
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        prompt: async (question) => {
          throw new Error(`unexpected prompt: ${question}`);
        },
        clock: () => new Date(now().getTime() + offset),
        sts: sdkStsCalls,
        childOutput: { out: (c) => child.push(c), err: (c) => child.push(c) },
        scrypt: { N: 2 ** 12, r: 8, p: 1 },
        rotate: { verifyAttempts: 3, verifyDelayMs: 200 },
        ...rest,
      };
      let code: number;
      try {
        code = await runVaultWith(args, ctx);
      } catch (error) {
        err.push(`thrown: ${(error as Error).message}`);
        code = -1;
      }
      const result = { code, out: out.join('\n'), err: err.join('\n'), child: child.join('') };
      if (printsSecrets !== true) printed.push(result.out, result.err, result.child);
      return result;
    },
    advance: (ms) => {
      offset += ms;
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}
