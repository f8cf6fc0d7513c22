// One structured log line per IAM/STS request through fastify's logger: request id (the one
// AWS clients see), caller ARN, service, action, status, duration and source IP, and never a
// secret key, session token, signature or body. --log-format pretty writes a compact line.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID } from '../support/server.js';
import { createUserWithKey, startNode, type KeywardNode } from '../support/keyward-node.js';
import { formBody, presignGet, send, signPost } from '../support/signed-request.js';

const nodes: KeywardNode[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const node of nodes) await node.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function start(logFormat: 'json' | 'pretty'): Promise<{ node: KeywardNode; lines: string[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyward-log-'));
  dirs.push(dataDir);
  const lines: string[] = [];
  const node = await startNode({
    dataDir,
    operating: { logLevel: 'info', logFormat },
    logDestination: { write: (text) => lines.push(...text.split('\n').filter((l) => l !== '')) },
  });
  nodes.push(node);
  return { node, lines };
}

describe('request log', { timeout: 60_000 }, () => {
  it('writes one JSON line per request with who, what and how it went, and no secret', async () => {
    const { node, lines } = await start('json');
    const key = await createUserWithKey(node, 'logged');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
    await node.iam().send(new PutUserPolicyCommand({ UserName: 'logged', PolicyName: 'self', PolicyDocument: policy }));
    const request = await signPost(node.url, formBody({ Action: 'GetUser', Version: '2010-05-08' }), { credentials: key, signingDate: new Date() });
    const answered = await send(request);
    expect(answered.status).toBe(200);
    const requestId = answered.headers.get('x-amzn-requestid');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const mine = entries.filter((e) => e.requestId === requestId);
    expect(mine).toHaveLength(1);
    const entry = mine[0] ?? {};
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'iam',
      action: 'GetUser',
      status: 200,
      caller: `arn:aws:iam::${ACCOUNT_ID}:user/logged`,
      sourceIp: '127.0.0.1',
    });
    expect(typeof entry.durationMs).toBe('number');
    expect(Number.isNaN(Date.parse(String(entry.time)))).toBe(false);
    // Exactly the chosen fields: no headers, URL or body.
    expect(Object.keys(entry).sort()).toEqual(['action', 'caller', 'durationMs', 'level', 'msg', 'requestId', 'service', 'sourceIp', 'status', 'time']);

    // Temporary credentials, a presigned URL and a request that creates a secret.
    const session = await node.sts(key).send(new GetSessionTokenCommand({}));
    const temp = session.Credentials;
    if (temp?.AccessKeyId === undefined || temp.SecretAccessKey === undefined || temp.SessionToken === undefined) throw new Error('no session');
    const tempKey = { accessKeyId: temp.AccessKeyId, secretAccessKey: temp.SecretAccessKey, sessionToken: temp.SessionToken };
    await node.sts(tempKey).send(new GetCallerIdentityCommand({}));
    const url = await presignGet(node.url, { Action: 'ListUsers', Version: '2010-05-08' }, { credentials: key, signingDate: new Date(), expiresIn: 300 });
    expect((await fetch(url)).status).toBe(403);
    await node.iam().send(new CreateUserCommand({ UserName: 'second' }));
    const signature = new URL(url).searchParams.get('X-Amz-Signature') ?? 'missing';
    const authorization = request.headers.authorization ?? request.headers.Authorization ?? 'missing';

    const text = lines.join('\n');
    for (const secret of [key.secretAccessKey, temp.SecretAccessKey, temp.SessionToken, signature, authorization.split('Signature=')[1] ?? 'missing']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('X-Amz-');
    const actions = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'request').map((e) => `${String(e.service)}:${String(e.action)}:${String(e.status)}`);
    expect(actions).toEqual(expect.arrayContaining(['sts:GetSessionToken:200', 'sts:GetCallerIdentity:200', 'iam:ListUsers:403', 'iam:CreateUser:200']));
    const withToken = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.action === 'GetCallerIdentity');
    expect(withToken?.caller).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/logged`);
  });

  it('writes a compact human line with --log-format pretty', async () => {
    const { node, lines } = await start('pretty');
    await node.iam().send(new CreateUserCommand({ UserName: 'pretty' }));
    const line = lines.find((l) => l.includes('iam:CreateUser'));
    expect(line).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z INFO  iam:CreateUser 200 [\\d.]+ms arn:aws:iam::${ACCOUNT_ID}:root 127\\.0\\.0\\.1 req=[0-9a-f-]{36}$`),
    );
  });
});
