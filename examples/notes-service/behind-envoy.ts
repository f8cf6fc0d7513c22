// The same notes service behind Envoy's ext_authz filter instead of the middleware: Envoy asks
// Keyward (`/keyward/ext-authz/notes`, by the definition's route table) before each request and
// passes an allowed one upstream with the caller in `x-keyward-principal-arn` (Envoy strips any
// the client sent: envoy.yaml). The service itself holds no Keyward credentials and never sees a
// denied request; it trusts the header only because Envoy is the one way in.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotesService } from './notes-service.js';

export async function startNotesBehindEnvoy(options: { readonly port?: number; readonly host?: string } = {}): Promise<NotesService> {
  const notes = new Map<string, string>();
  const server = createServer((req, res) => {
    const who = req.headers['x-keyward-principal-arn'];
    if (typeof who !== 'string') {
      // Not through Envoy: refuse rather than serve anyone.
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDenied' }).end(JSON.stringify({ __type: 'AccessDenied', message: 'Access Denied' }));
      return;
    }
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'PUT') {
        notes.set(path, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ stored: path, by: who }));
        return;
      }
      const text = notes.get(path);
      if (text === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ __type: 'NoSuchNote', message: `${path} does not exist.` }));
      else res.writeHead(200, { 'content-type': 'text/plain', 'x-read-by': who }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
