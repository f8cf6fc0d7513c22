// Child processes under test (Keyward from dist/, moto_server) with their temp dirs: started
// on free ports, read for CPU time from /proc, and always stopped, even when the run fails.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, type Dirent } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Target {
  readonly name: string;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly host: string;
  readonly pid: number;
  /** CPU seconds (user + system, all threads) the process has used so far. */
  cpuSeconds(): number;
  /** CPU seconds of the main thread alone (the one that serves requests; worker threads apart). */
  mainThreadCpuSeconds(): number;
  stop(): Promise<void>;
}

const cleanups = new Set<() => void>();
let hooked = false;

/** Registers `fn` to run at exit or on a signal; returns a function that runs it now, once. */
function onCleanup(fn: () => void): () => void {
  if (!hooked) {
    hooked = true;
    const runAll = (): void => {
      for (const f of [...cleanups]) f();
    };
    process.on('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        runAll();
        process.exit(130);
      });
    }
  }
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    fn();
  };
  cleanups.add(once);
  return once;
}

/** A temp directory removed at exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** utime + stime of a live process, from /proc (Linux); NaN elsewhere. */
function procCpuSeconds(pid: number, file = `/proc/${pid}/stat`): number {
  try {
    const stat = readFileSync(file, 'utf8');
    // The command name may hold spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU seconds of the whole machine (all cores, every process) since boot, from /proc/stat. */
export function machineCpuSeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function track(name: string, child: ChildProcess, url: string): Target {
  return trackChild(name, child, url);
}

/** A child process as a benchmark target: its CPU time, and a stop that cleans up at exit too. */
export function trackChild(name: string, child: ChildProcess, url: string): Target {
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    name,
    url,
    host: new URL(url).host,
    pid,
    cpuSeconds: () => procCpuSeconds(pid),
    mainThreadCpuSeconds: () => procCpuSeconds(pid, `/proc/${pid}/task/${pid}/stat`),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      kill();
    },
  };
}

/** The first group of the startup line `child` prints (its URL). */
export async function waitForReady(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return (await waitForLine(child, pattern, timeoutMs))[1]!;
}

/** Waits until `child` writes a line matching `pattern` on stdout; rejects if it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no startup line within ${timeoutMs} ms: ${seen}${stderr}`)), timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before it was ready: ${seen}${stderr}`));
    });
  });
}

const ROOT = join(import.meta.dirname, '..');
/** BENCH_KEYWARD_BIN: another build to measure (a copy of an older dist/, for before/after runs). */
const BIN = process.env.BENCH_KEYWARD_BIN ?? join(ROOT, 'dist', 'cli', 'bin.js');

/** Builds dist/ when it is missing or older than a source file, so the child runs current code. */
export function ensureBuilt(): void {
  if (process.env.BENCH_KEYWARD_BIN !== undefined) return;
  const built = existsSync(BIN) ? statSync(BIN).mtimeMs : 0;
  const stale = built === 0 || newestSource(join(ROOT, 'src')) > built;
  if (!stale) return;
  process.stderr.write('bench: building dist/ (npm run build)...\n');
  // tsc still emits when someone else's file has a type error; only a missing entry point is fatal.
  spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(BIN)) throw new Error('npm run build did not produce dist/cli/bin.js');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSyncSafe(dir)) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.includes('.test.')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function readdirSyncSafe(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** How long a Keyward child may take to print its address (BENCH_START_TIMEOUT_MS; start is slow under load). */
const START_TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 60_000);

export interface KeywardOptions {
  readonly rootKey: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Extra node flags for the child (`--cpu-prof`, ...). */
  readonly nodeFlags?: readonly string[];
  /** An existing data directory to serve again; a fresh temp dir otherwise. */
  readonly dataDir?: string;
  /** More environment for the child (`KEYWARD_AUDIT: 'off'`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Another build's `dist/cli/bin.js` (A/B runs); BENCH_KEYWARD_BIN or this tree's by default. */
  readonly bin?: string;
}

export interface KeywardTarget extends Target {
  readonly dataDir: string;
}

/** `node dist/cli/bin.js serve --port 0` on a fresh data dir, root credentials from the environment. */
export async function startKeyward(options: KeywardOptions): Promise<KeywardTarget> {
  const data = options.dataDir ?? tempDir('keyward-bench-');
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), options.bin ?? BIN, 'serve', '--port', '0', '--data', data, '--log-level', 'silent'], {
    cwd: data,
    env: {
      ...process.env,
      KEYWARD_ROOT_ACCESS_KEY_ID: options.rootKey.accessKeyId,
      KEYWARD_ROOT_SECRET_ACCESS_KEY: options.rootKey.secretAccessKey,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const target = track('keyward', child, 'http://127.0.0.1:0');
  try {
    const m = await waitForLine(child, /on (http:\/\/[^\s]+)/, START_TIMEOUT_MS);
    const url = m[1]!;
    return { ...target, url, host: new URL(url).host, dataDir: data };
  } catch (error) {
    await target.stop();
    throw error;
  }
}

/** The Python that has moto installed, or undefined when moto is not available. */
export function motoPython(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import sys, moto.server; print(sys.executable)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** `python -m moto.server -p PORT`, ready once it answers HTTP. */
export async function startMoto(python: string): Promise<Target> {
  const port = await freePort();
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  child.stderr?.resume(); // werkzeug logs every request on stderr; a full pipe would stall it
  const url = `http://127.0.0.1:${port}`;
  const target = track('moto', child, url);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode})`);
    try {
      await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      return target;
    } catch {
      if (Date.now() > deadline) {
        await target.stop();
        throw new Error('moto_server did not answer within 30 s');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
