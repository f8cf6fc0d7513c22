// The server's side of the trail worker (trail-worker.ts): a BatchSink that posts each batch
// to the worker and resolves when the worker has written it. If the worker fails to start or
// dies, every write waiting on it rejects and the trail writes on its own thread again
// (trail-writer.ts), the failed batch included.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SharedWriteLock } from '../../storage/sqlite/shared-write-lock.js';
import type { TrailEntry } from './append.js';
import type { FromWorker, ToWorker, TrailWorkerData } from './trail-worker-protocol.js';
import type { BatchSink } from './trail-writer.js';

export interface TrailWorkerOptions {
  readonly onError: (error: unknown) => void;
}

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class TrailWorkerSink implements BatchSink {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  readonly #queued: (() => void)[] = [];
  #next = 1;
  #failed: Error | undefined;

  constructor(data: TrailWorkerData, options: TrailWorkerOptions) {
    this.#worker = startWorker(data);
    // The server's own handles keep the process alive; the worker does not.
    this.#worker.unref();
    this.#worker.on('message', (message: FromWorker) => {
      if (message.kind === 'done') {
        this.#waiting.get(message.id)?.resolve();
        this.#waiting.delete(message.id);
      } else if (message.kind === 'error') {
        options.onError(new Error(message.message));
      } else {
        for (const listener of this.#queued) listener();
      }
    });
    // A worker that stopped inside a transaction must not keep the server's writes waiting.
    const lock = new SharedWriteLock(1, data.writeLock);
    this.#worker.on('error', (error) => {
      lock.releaseFor(2);
      this.#fail(error);
    });
    this.#worker.on('exit', (code) => {
      lock.releaseFor(2);
      this.#fail(new Error(`the trail worker stopped (exit code ${code})`));
    });
  }

  onQueued(listener: () => void): void {
    this.#queued.push(listener);
  }

  write(batch: readonly TrailEntry[], now: Date): Promise<void> {
    let texts = '';
    const times = new Float64Array(batch.length);
    batch.forEach((e, i) => {
      texts += i === 0 ? (e.text ?? JSON.stringify(e.record)) : `\n${e.text ?? JSON.stringify(e.record)}`;
      times[i] = e.time.getTime();
    });
    return this.#send((id) => ({ kind: 'batch', id, now: now.getTime(), texts, times }), [times.buffer]);
  }

  async close(now: Date): Promise<void> {
    try {
      await this.#send((id) => ({ kind: 'close', id, now: now.getTime() }));
    } finally {
      await this.#worker.terminate();
    }
  }

  #send(message: (id: number) => ToWorker, transfer: ArrayBuffer[] = []): Promise<void> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const id = this.#next++;
    return new Promise<void>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage(message(id), transfer);
    });
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const waiting of this.#waiting.values()) waiting.reject(this.#failed);
    this.#waiting.clear();
  }
}

/** The built worker beside this file; from TypeScript sources (tests), through tsx's loader. */
function startWorker(data: TrailWorkerData): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./trail-worker.js', here), { workerData: data });
  const target = new URL('./trail-worker.ts', here).href;
  const cjsApi = createRequire(fileURLToPath(here)).resolve('tsx/esm/api');
  const esmApi = cjsApi.replace(/\.cjs$/, '.mjs');
  const api = pathToFileURL(existsSync(esmApi) ? esmApi : cjsApi).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(target)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: data });
}
