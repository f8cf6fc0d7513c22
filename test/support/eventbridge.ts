// An EventBridge SDK client for a test server (root's keys unless told), and a local webhook
// receiver on loopback that records what it is sent and answers with the statuses a test
// scripts (500 then 200, ...), for the alert delivery tests.

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ROOT_KEY } from './server.js';
import type { Credentials } from './signed-request.js';

export function eventBridgeClient(url: string, credentials: Credentials = ROOT_KEY): EventBridgeClient {
  return new EventBridgeClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export interface ReceivedAlert {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every request, in arrival order, with the status it was answered. */
  readonly received: ReceivedAlert[];
  /** Statuses to answer next, in order; once used up, 200. */
  respondWith(...statuses: number[]): void;
  /** Resolves once `count` requests were answered 2xx (rejects after `timeoutMs`). */
  waitForDelivered(count: number, timeoutMs?: number): Promise<ReceivedAlert[]>;
  /** Resolves with the first 2xx-answered request whose body satisfies `test`. */
  waitForAlert(test: (body: string) => boolean, timeoutMs?: number): Promise<ReceivedAlert>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedAlert[] = [];
  const script: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const delivered = (): ReceivedAlert[] => received.filter((r) => r.status < 300);
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    respondWith: (...statuses) => script.push(...statuses),
    async waitForDelivered(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (delivered().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${delivered().length} (of ${received.length} requests)`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return delivered();
    },
    async waitForAlert(test, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = delivered().find((r) => test(r.body));
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`no matching alert among ${received.length} requests`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
