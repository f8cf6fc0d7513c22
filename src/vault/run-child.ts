// Runs the program `exec` was given: its exit code becomes ours (128 + signal number when a
// signal ended it, as shells report), and the signals we receive are passed on to it.

import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

export interface RunChildOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Where the child's output goes: the terminal (inherit), or these callbacks. */
  readonly output?: { out(chunk: string): void; err(chunk: string): void };
  /** Called with the child's pid once it runs (tests and the benchmark use it). */
  readonly onSpawn?: (pid: number) => void;
}

export class ChildNotStarted extends Error {
  override readonly name = 'ChildNotStarted';
}

export function runChild(options: RunChildOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, [...options.args], {
      env: options.env,
      stdio: options.output === undefined ? 'inherit' : ['inherit', 'pipe', 'pipe'],
    });
    if (options.output !== undefined) {
      child.stdout?.setEncoding('utf8').on('data', (c: string) => options.output?.out(c));
      child.stderr?.setEncoding('utf8').on('data', (c: string) => options.output?.err(c));
    }
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    const handlers = FORWARDED.map((signal) => {
      const handler = (): void => forward(signal);
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const detach = (): void => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.once('spawn', () => {
      if (child.pid !== undefined) options.onSpawn?.(child.pid);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      detach();
      reject(new ChildNotStarted(error.code === 'ENOENT' ? `command not found: ${options.command}` : `could not run ${options.command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      detach();
      if (signal !== null) resolve(128 + (constants.signals[signal] ?? 0));
      else resolve(code ?? 1);
    });
  });
}
