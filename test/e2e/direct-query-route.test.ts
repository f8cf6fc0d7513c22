// IAM/STS form POSTs answered ahead of fastify (src/server/direct-query-route.ts) and the same
// calls through fastify (a chunked body has no Content-Length, so fastify takes it) answer
// alike: status, content type, exact Content-Length, and the body apart from the request id.

import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ROOT_KEY, useTestServer } from '../support/server.js';
import { formBody, signPost, type WireRequest } from '../support/signed-request.js';

const t = useTestServer();

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** Sends `wire` with node:http, its body either with a Content-Length or chunked. */
function sendRaw(wire: WireRequest, chunked: boolean): Promise<Answer> {
  const url = new URL(wire.url);
  const body = Buffer.from(wire.body ?? '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(wire.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = value;
  if (!chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (chunked) {
      req.write(body.subarray(0, 5));
      req.end(body.subarray(5));
    } else req.end(body);
  });
}

const withoutRequestId = (text: string): string => text.replace(/<RequestId>[^<]*<\/RequestId>/, '<RequestId/>');

describe('the direct route for IAM and STS form POSTs', () => {
  it.each([
    ['a success', { Action: 'ListUsers', Version: '2010-05-08' }],
    ['an AWS error', { Action: 'GetUser', Version: '2010-05-08', UserName: 'nobody-here' }],
    ['an unknown action', { Action: 'ListUnicorns', Version: '2010-05-08' }],
  ])('answers %s as the fastify route does', async (_what, params) => {
    const answers: Answer[] = [];
    for (const chunked of [false, true]) {
      const wire = await signPost(t.server.url, formBody(params), { credentials: ROOT_KEY, signingDate: new Date() });
      answers.push(await sendRaw(wire, chunked));
    }
    const [direct, routed] = answers as [Answer, Answer];
    expect(direct.status).toBe(routed.status);
    expect(direct.headers['content-type']).toBe(routed.headers['content-type']);
    expect(direct.headers['content-length']).toBe(String(Buffer.byteLength(direct.text)));
    expect(routed.headers['content-length']).toBe(String(Buffer.byteLength(routed.text)));
    expect(typeof direct.headers['x-amzn-requestid']).toBe('string');
    expect(direct.text).toContain(`<RequestId>${String(direct.headers['x-amzn-requestid'])}</RequestId>`);
    expect(withoutRequestId(direct.text)).toBe(withoutRequestId(routed.text));
  });

  it('refuses a body over the limit with the AWS error, through fastify', async () => {
    const wire = await signPost(t.server.url, formBody({ Action: 'ListUsers', Version: '2010-05-08', Pad: 'x'.repeat(1024 * 1024 + 10) }), { credentials: ROOT_KEY, signingDate: new Date() });
    const answer = await sendRaw(wire, false);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>ValidationError</Code>');
  });
});
