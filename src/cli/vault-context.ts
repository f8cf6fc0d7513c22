// What `keyward vault` commands read and write, injectable so tests run them in-process with a
// temporary HOME, a moved clock and captured output; processVaultContext() is the real terminal.

import { createInterface } from 'node:readline';
import type { ScryptParams } from '../vault/file-store.js';
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
  readonly rotate?: { readonly verifyAttempts?: number; readonly verifyDelayMs?: number };
  readonly fetch?: typeof fetch;
  readonly openUrl?: (url: string) => Promise<void>;
}

export function processVaultContext(): VaultContext {
  return {
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    prompt: terminalPrompt,
    clock: () => new Date(),
    sts: sdkStsCalls,
  };
}

/** Reads one line from stdin, with echo off for secrets when stdin is a terminal. */
export function terminalPrompt(question: string, options: { secret: boolean }): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  if (!options.secret || !stdin.isTTY) {
    return new Promise((resolve, reject) => {
      const rl = createInterface({ input: stdin, terminal: false });
      rl.once('line', (line) => {
        rl.close();
        resolve(line.trim());
      });
      rl.once('close', () => reject(new Error('no answer on standard input')));
    });
  }
  return new Promise((resolve, reject) => {
    let answer = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error === undefined) resolve(answer);
      else reject(error);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('interrupted'));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    stdin.on('data', onData);
  });
}
