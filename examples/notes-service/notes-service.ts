// A small notes service on node:http, protected by Keyward: every request is mapped through
// the definition's own route table to an action and resource, and Keyward verifies the
// client's SigV4 signature and decides. The service runs as a Keyward user allowed
// keyward:Authorize on arn:aws:keyward::ACCOUNT:service/notes.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// In an application: import { createAuthorizeClient, matchRoute, protect, routeResource } from 'keyward/authorize';
import { createAuthorizeClient, matchRoute, protect, routeResource, type KeywardCredentials, type ServiceDefinition } from '../../src/authorize/index.js';

export interface NotesServiceOptions {
  /** The Keyward endpoint. */
  readonly keyward: string;
  /** The service's own Keyward credentials. */
  readonly credentials: KeywardCredentials;
  readonly definition: ServiceDefinition;
  /** The account that owns the notes (`${Account}` in the routes' resources). */
  readonly accountId: string;
  readonly port?: number;
  readonly host?: string;
  /** Keep answers for byte-identical requests (presigned URLs fetched again) this long. */
  readonly cacheTtlMs?: number;
}

export interface NotesService {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startNotesService(options: NotesServiceOptions): Promise<NotesService> {
  const notes = new Map<string, string>();
  const client = createAuthorizeClient({
    endpoint: options.keyward,
    credentials: options.credentials,
    service: options.definition.Name,
    ...(options.cacheTtlMs !== undefined && { cacheTtlMs: options.cacheTtlMs }),
  });
  const handler = protect(
    {
      client,
      // The route table the ext_authz endpoint uses too: one source of truth for action and resource.
      route: (req) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const match = matchRoute(options.definition.Routes, req.method ?? 'GET', path);
        return match === undefined ? undefined : { action: match.route.Action, resource: routeResource(match, options.accountId) };
      },
    },
    (req, res, authorized) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      if (authorized === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ __type: 'NotFound', message: 'No such route.' }));
        return;
      }
      const who = authorized.caller.arn;
      if (req.method === 'PUT') {
        notes.set(path, authorized.body.toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ stored: path, by: who }));
      } else if (req.method === 'DELETE') {
        notes.delete(path);
        res.writeHead(204).end();
      } else if (path.split('/').length === 3) {
        const prefix = `${path}/`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ notes: [...notes.keys()].filter((k) => k.startsWith(prefix)) }));
      } else {
        const text = notes.get(path);
        if (text === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ __type: 'NoSuchNote', message: `${path} does not exist.` }));
        else res.writeHead(200, { 'content-type': 'text/plain' }).end(text);
      }
    },
  );
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
