import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { agentTransport } from './keyward-transport.js';

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, body: string) => { status: number; text: string } | undefined): Promise<{ url: URL; connections: () => number }> {
  let connections = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = handler(req, Buffer.concat(chunks).toString('utf8'));
      if (answer !== undefined) res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.text);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/keyward/authorize/v1/services/notes/decisions`), connections: () => connections };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('agentTransport', () => {
  it('posts the signed headers and body, reads the whole answer, and reuses one connection', async () => {
    const seen: { method?: string; auth?: string; length?: string; body: string }[] = [];
    const { url, connections } = await serve((req, body) => {
      seen.push({ ...(req.method !== undefined && { method: req.method }), ...(req.headers.authorization !== undefined && { auth: req.headers.authorization }), ...(req.headers['content-length'] !== undefined && { length: req.headers['content-length'] }), body });
      return { status: body === '{"n":3}' ? 403 : 200, text: `{"echo":${body},"pad":"${'x'.repeat(100_000)}"}` };
    });
    const transport = agentTransport(url);
    try {
      for (let n = 1; n <= 3; n++) {
        const answer = await transport.send(url, { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 test', 'content-type': 'application/json' }, body: `{"n":${n}}` });
        expect(answer.status).toBe(n === 3 ? 403 : 200);
        expect((JSON.parse(answer.text) as { echo: unknown }).echo).toEqual({ n });
      }
      expect(seen[0]).toEqual({ method: 'POST', auth: 'AWS4-HMAC-SHA256 test', length: '7', body: '{"n":1}' });
      expect(connections()).toBe(1);
    } finally {
      transport.close();
    }
  });

  it('opens at most maxSockets connections for concurrent calls', async () => {
    const { url, connections } = await serve(() => ({ status: 200, text: '{}' }));
    const transport = agentTransport(url, { maxSockets: 2 });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => transport.send(url, { method: 'POST', headers: {}, body: '{}' })));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(connections()).toBeLessThanOrEqual(2);
    } finally {
      transport.close();
    }
  });

  it('fails a call Keyward does not answer within timeoutMs, and one it cannot reach', async () => {
    const { url } = await serve(() => undefined);
    const transport = agentTransport(url, { timeoutMs: 200 });
    try {
      await expect(transport.send(url, { method: 'POST', headers: {}, body: '{}' })).rejects.toThrow('no answer from Keyward within 200 ms');
      const closed = new URL(url);
      closed.port = '1';
      await expect(transport.send(closed, { method: 'POST', headers: {}, body: '{}' })).rejects.toThrow();
    } finally {
      transport.close();
    }
  });
});
