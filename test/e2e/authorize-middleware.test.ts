// The example notes service (examples/notes-service/) protected by the node:http middleware,
// and a fastify app with the fastify hook, called by clients that sign with the AWS SDK's
// signer for service `notes`: allowed, denied with AWS's error, presigned, chunked upload.

import { createHash, createHmac } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotesService, type NotesService } from '../../examples/notes-service/notes-service.js';
import { deriveSigningKey } from '../../src/auth/sigv4/index.js';
import { createAuthorizeClient, keywardFastify, parseDefinition, type Authorized, type ServiceDefinition } from '../../src/authorize/index.js';
import { userWithPolicy, type Credentials } from '../support/credential-fixtures.js';
import { keywardCall, NOTES_DEFINITION, signer } from '../support/authorize-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';

const t = useTestServer();
let notes: NotesService;
let alice: Credentials;
let svc: Credentials;
let definition: ServiceDefinition;

/** A request to the notes service signed as an AWS SDK signs it, sent with fetch. */
async function call(credentials: Credentials, method: string, path: string, options: { body?: string | Buffer; headers?: Record<string, string>; presign?: number } = {}): Promise<Response> {
  const url = new URL(path, notes.url);
  const request = {
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: { host: url.host, ...options.headers },
    ...(options.body !== undefined && { body: options.body }),
  };
  const s = signer(credentials, 'notes');
  if (options.presign !== undefined) {
    const signed = await s.presign(request, { expiresIn: options.presign });
    const q = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
    return fetch(`${url.origin}${signed.path}?${q}`);
  }
  const signed = await s.sign(request);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) if (k !== 'host') headers[k] = v;
  return fetch(url, { method, headers, ...(options.body !== undefined && { body: options.body }) });
}

beforeAll(async () => {
  svc = await userWithPolicy(t, 'notes-service', [{ Effect: 'Allow', Action: 'keyward:Authorize', Resource: `arn:aws:keyward::${ACCOUNT_ID}:service/notes` }]);
  alice = await userWithPolicy(t, 'alice', [{ Effect: 'Allow', Action: ['notes:GetNote', 'notes:PutNote', 'notes:ListNotes'], Resource: `arn:aws:notes::${ACCOUNT_ID}:note/alice*` }]);
  // Started first: the definition must name the host clients sign for.
  const draft = parseDefinition(NOTES_DEFINITION, { reserved: new Set() });
  if (!draft.ok) throw new Error('bad example definition');
  notes = await startNotesService({ keyward: t.server.url, credentials: svc, definition: draft.definition, accountId: ACCOUNT_ID });
  const host = new URL(notes.url).host;
  const withHost = { ...NOTES_DEFINITION, Signing: { ...(NOTES_DEFINITION.Signing as object), Hosts: ['notes.internal', host] } };
  const parsed = parseDefinition(withHost, { reserved: new Set() });
  if (!parsed.ok) throw new Error('bad definition');
  definition = parsed.definition;
  const created = await keywardCall(t.server.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', { definition: withHost });
  expect(created.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await notes?.close();
});

describe('the notes service behind the node:http middleware', () => {
  it('stores and reads alice’s note, and denies bob’s with AWS AccessDenied', async () => {
    const put = await call(alice, 'PUT', '/notes/alice/n1', { body: 'remember the milk' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ stored: '/notes/alice/n1', by: `arn:aws:iam::${ACCOUNT_ID}:user/alice` });
    const get = await call(alice, 'GET', '/notes/alice/n1');
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('remember the milk');
    const denied = await call(alice, 'GET', '/notes/bob/n1');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-amzn-errortype')).toBe('AccessDenied');
    expect(await denied.json()).toEqual({
      __type: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/alice is not authorized to perform: notes:GetNote on resource: arn:aws:notes::${ACCOUNT_ID}:note/bob/n1 because no identity-based policy allows the notes:GetNote action`,
    });
    expect(denied.headers.get('x-keyward-encoded-authorization-message')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses an unsigned request and a bad signature with AWS codes', async () => {
    const anonymous = await fetch(new URL('/notes/alice/n1', notes.url));
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toMatchObject({ __type: 'MissingAuthenticationToken' });
    const wrong = await call({ ...alice, secretAccessKey: 'not-the-secret' }, 'GET', '/notes/alice/n1');
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ __type: 'SignatureDoesNotMatch' });
  });

  it('serves a presigned URL', async () => {
    await call(alice, 'PUT', '/notes/alice/shared', { body: 'via a link' });
    const res = await call(alice, 'GET', '/notes/alice/shared', { presign: 300 });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('via a link');
  });

  it('accepts a chunked upload, checking every chunk, and refuses a forged chunk', async () => {
    const content = Buffer.from('line of a long note\n'.repeat(4000));
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
    const headers = { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': String(content.length), 'content-encoding': 'aws-chunked', 'x-amz-date': amzDate };
    const url = new URL('/notes/alice/long', notes.url);
    const s = signer(alice, 'notes');
    const signed = await s.sign({ method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host, ...headers } });
    const seed = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? '')?.[1] ?? '';
    const scope = `${amzDate.slice(0, 8)}/us-east-1/notes/aws4_request`;
    const key = deriveSigningKey(alice.secretAccessKey, amzDate.slice(0, 8), 'us-east-1', 'notes');
    const empty = createHash('sha256').update('').digest('hex');
    const body = (forge: boolean): Buffer => {
      let previous = seed;
      const parts: Buffer[] = [];
      for (const chunk of [content.subarray(0, 65536), content.subarray(65536), Buffer.alloc(0)]) {
        const sts = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, empty, createHash('sha256').update(chunk).digest('hex')].join('\n');
        previous = createHmac('sha256', key).update(sts).digest('hex');
        const data = forge && chunk.length > 0 ? Buffer.from(chunk.toString().replace('line', 'LINE')) : chunk;
        parts.push(Buffer.from(`${data.length.toString(16)};chunk-signature=${previous}\r\n`), data, Buffer.from('\r\n'));
      }
      return Buffer.concat(parts);
    };
    const send = (b: Buffer): Promise<Response> => {
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(signed.headers)) if (k !== 'host') h[k] = v;
      return fetch(url, { method: 'PUT', headers: h, body: b });
    };
    expect((await send(body(false))).status).toBe(200);
    expect(await (await call(alice, 'GET', '/notes/alice/long')).text()).toBe(content.toString());
    const forged = await send(body(true));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ __type: 'SignatureDoesNotMatch' });
  });
});

describe('a fastify app with the fastify hook', () => {
  it('decides each route and answers refusals in XML when asked', async () => {
    const app = Fastify();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const client = createAuthorizeClient({ endpoint: t.server.url, credentials: svc, service: 'notes', cacheTtlMs: 5_000 });
    app.decorateRequest('keyward', null);
    app.addHook(
      'preHandler',
      keywardFastify({
        client,
        errorFormat: 'xml',
        route: (req) => ({ action: 'GetNote', resource: `arn:aws:notes::${ACCOUNT_ID}:note${(req.url ?? '').replace(/^\/f/, '').split('?')[0] ?? ''}` }),
      }) as never,
    );
    app.get('/f/*', async (req) => ({ caller: (req as unknown as { keyward: Authorized }).keyward.caller.arn }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as { port: number }).port;
      const host = `127.0.0.1:${port}`;
      await keywardCall(t.server.url, ROOT_KEY, 'PUT', '/keyward/authorize/v1/services/notes', {
        definition: { ...definition, Signing: { ...definition.Signing, Hosts: [...definition.Signing.Hosts, host] } },
      });
      const signed = await signer(alice, 'notes').presign(
        { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/f/alice/x', query: {}, headers: { host } },
        { expiresIn: 300 },
      );
      const link = `http://${host}${signed.path}?${new URLSearchParams(signed.query as Record<string, string>).toString()}`;
      const ok = await fetch(link);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ caller: `arn:aws:iam::${ACCOUNT_ID}:user/alice` });
      // The same presigned URL again: answered from the decision cache, same generation.
      expect((await fetch(link)).status).toBe(200);
      expect(client.cacheHits).toBe(1);
      const denied = await fetch(`http://${host}/f/bob/x`);
      expect(denied.status).toBe(403);
      const xml = await denied.text();
      expect(xml).toContain('<Code>MissingAuthenticationToken</Code>');
    } finally {
      await app.close();
    }
  });
});
