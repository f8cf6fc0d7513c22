// What `keyward vault` commands read and write, injectable so tests run them in-process with a
// temporary HOME, a moved clock and captured output; processVaultContext() is the real terminal.

import type { KeyPrefetch, ScryptParams } from '../vault/file-key.js';
import { sdkStsCalls, type StsCalls, type StsTarget } from '../vault/sts-calls.js';

export interface VaultContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
  /** Asks on the terminal; `secret` answers are not echoed. */
  prompt(question: string, options: { secret: boolean }): Promise<string>;
  readonly clock: () => Date;
  readonly sts: (target: StsTarget) => StsCalls;
  /** Where an `exec`ed program's output goes; the terminal when absent. */
  readonly childOutput?: { out(chunk: string): void; err(chunk: string): void };
  readonly onChildSpawn?: (pid: number) => void;
  /** Cost of a new vault file's key derivation (tests use a cheaper one). */
  readonly scrypt?: ScryptParams;
  /** The vault file key's derivation, started by the entry (bin.ts, launcher.ts) before the vault's code loaded. */
  readonly keyPrefetch?: KeyPrefetch;
  readonly rotate?: { readonly verifyAttempts?: number; readonly verifyDelayMs?: number };
  readonly fetch?: typeof fetch;
  readonly openUrl?: (url: string) => Promise<void>;
}

export function processVaultContext(keyPrefetch?: KeyPrefetch): VaultContext {
  return {
    ...(keyPrefetch !== undefined && { keyPrefetch }),
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    prompt: terminalPrompt,
    clock: () => new Date(),
    sts: sdkStsCalls,
  };
}

/**
 * Reads one line from stdin, with echo off for secrets when stdin is a terminal. Stdin is paused
 * after the line and any bytes read past it are pushed back, so a second prompt (or the program
 * `exec` starts) reads on from there.
 */
export function terminalPrompt(question: string, options: { secret: boolean }): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  const raw = options.secret && stdin.isTTY;
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      if (raw) {
        stdin.setRawMode(false);
        process.stderr.write('\n');
      }
      if (error === undefined) resolve(line.trim());
      else reject(error);
    };
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      for (let i = 0; i < text.length; i += 1) {
        const ch = text[i] as string;
        if (ch === '\r' || ch === '\n') {
          const rest = text.slice(text[i + 1] === '\n' && ch === '\r' ? i + 2 : i + 1);
          finish();
          if (rest !== '') stdin.unshift(Buffer.from(rest, 'utf8'));
          return;
        }
        if (raw && ch === '\u0003') return finish(new Error('interrupted'));
        if (raw && (ch === '\u007f' || ch === '\b')) line = line.slice(0, -1);
        else line += ch;
      }
    };
    const onEnd = (): void => (line === '' ? finish(new Error('no answer on standard input')) : finish());
    if (raw) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.resume();
  });
}
