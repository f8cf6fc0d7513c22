// The example notes service behind Envoy (examples/notes-service/behind-envoy.ts and envoy.yaml):
// no Envoy binary runs here, so a small proxy does what that configuration makes Envoy do
// (strip client-sent x-keyward-* headers, ask /keyward/ext-authz/notes with the client's method,
// path, headers, Host and body, then pass an allowed request upstream with the x-keyward-*
// headers of the answer, or give the client Keyward's refusal). Clients sign with the AWS SDK's
// signer for service `notes` and the proxy's host.

import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotesBehindEnvoy } from '../../examples/notes-service/behind-envoy.js';
import type { NotesService } from '../../examples/notes-service/notes-service.js';
import { userWithPolicy, type Credentials } from '../support/credential-fixtures.js';
import { keywardCall, NOTES_DEFINITION, signer } from '../support/authorize-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';

const t = useTestServer();
let upstream: NotesService;
let envoy: Server;
let envoyHost: string;
let alice: Credentials;

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function send(url: URL, method: string, headers: Record<string, string | string[]>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What envoy.yaml makes Envoy do for each client request. */
function startEnvoy(keyward: string, service: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        // request_headers_to_remove: the client cannot name itself.
        const client: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (!name.startsWith('x-keyward-') && typeof value === 'string') client[name] = value;
        const check = await send(new URL(`/keyward/ext-authz/notes${req.url ?? '/'}`, keyward), req.method ?? 'GET', { ...client, 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' }, body);
        if (check.status !== 200) {
          const allowed = Object.entries(check.headers).filter(([n]) => n === 'content-type' || n.startsWith('x-amzn-') || n === 'x-keyward-encoded-authorization-message');
          res.writeHead(check.status, Object.fromEntries(allowed) as Record<string, string>).end(check.body);
          return;
        }
        const upstreamHeaders: Record<string, string> = { ...client };
        for (const [name, value] of Object.entries(check.headers)) if (name.startsWith('x-keyward-') && typeof value === 'string') upstreamHeaders[name] = value;
        const answer = await send(new URL(req.url ?? '/', service), req.method ?? 'GET', upstreamHeaders, body);
        res.writeHead(answer.status, { 'content-type': answer.headers['content-type'] ?? 'text/plain', ...(answer.headers['x-read-by'] !== undefined && { 'x-read-by': String(answer.headers['x-read-by']) }) }).end(answer.body);
      })().catch(() => res.writeHead(503).end());
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A client request to Envoy, signed by the AWS SDK's signer for service `notes`. */
async function clientCall(credentials: Credentials, method: string, path: string, body = ''): Promise<Answer> {
  const signed = await signer(credentials, 'notes').sign({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: Number(envoyHost.split(':')[1]),
    path,
    query: {},
    headers: { host: envoyHost },
    ...(body !== '' && { body }),
  });
  return send(new URL(path, `http://${envoyHost}`), method, signed.headers, Buffer.from(body));
}

beforeAll(async () => {
  upstream = await startNotesBehindEnvoy();
  envoy = await startEnvoy(t.server.url, upstream.url);
  envoyHost = `127.0.0.1:${(envoy.address() as AddressInfo).port}`;
  const definition = { ...NOTES_DEFINITION, Signing: { ...(NOTES_DEFINITION.Signing as object), Hosts: [envoyHost] } };
  expect((await keywardCall(t.server.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', { definition })).status).toBe(201);
  alice = await userWithPolicy(t, 'alice', [{ Effect: 'Allow', Action: ['notes:GetNote', 'notes:PutNote'], Resource: `arn:aws:notes::${ACCOUNT_ID}:note/alice/*` }]);
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => envoy?.close(resolve));
  await upstream?.close();
});

describe('the notes service behind Envoy ext_authz', () => {
  it('stores and reads alice’s note with her identity passed upstream, and denies bob’s with AWS’s error', async () => {
    const put = await clientCall(alice, 'PUT', '/notes/alice/n1', 'behind envoy');
    expect(put.status).toBe(200);
    expect(JSON.parse(put.body)).toEqual({ stored: '/notes/alice/n1', by: `arn:aws:iam::${ACCOUNT_ID}:user/alice` });
    const got = await clientCall(alice, 'GET', '/notes/alice/n1');
    expect(got).toMatchObject({ status: 200, body: 'behind envoy' });
    expect(got.headers['x-read-by']).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/alice`);

    const denied = await clientCall(alice, 'GET', '/notes/bob/n1');
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toMatchObject({
      __type: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/alice is not authorized to perform: notes:GetNote on resource: arn:aws:notes::${ACCOUNT_ID}:note/bob/n1 because no identity-based policy allows the notes:GetNote action`,
    });
    expect(denied.headers['x-keyward-encoded-authorization-message']).toMatch(/^\S+$/);
  });

  it('never lets an unsigned request naming itself through, nor a tampered body', async () => {
    const forged = await send(new URL('/notes/alice/n1', `http://${envoyHost}`), 'GET', { 'x-keyward-principal-arn': `arn:aws:iam::${ACCOUNT_ID}:user/alice` }, Buffer.alloc(0));
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.body)).toMatchObject({ __type: 'MissingAuthenticationToken' });

    const signed = await signer(alice, 'notes').sign({
      method: 'PUT',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: Number(envoyHost.split(':')[1]),
      path: '/notes/alice/n2',
      query: {},
      headers: { host: envoyHost },
      body: 'signed body',
    });
    const tampered = await send(new URL('/notes/alice/n2', `http://${envoyHost}`), 'PUT', signed.headers, Buffer.from('other body'));
    expect(tampered.status).toBe(403);
    expect(JSON.parse(tampered.body)).toMatchObject({ __type: 'SignatureDoesNotMatch' });
    expect((await clientCall(alice, 'GET', '/notes/alice/n2')).status).toBe(404);
  });
});
