// Behind a reverse proxy: aws:SourceIp and aws:SecureTransport come from X-Forwarded-For and
// X-Forwarded-Proto only when the proxy is listed in --trust-proxy; otherwise from the socket,
// so a client cannot claim an address that a policy trusts.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { createUserWithKey, startNode, type KeywardNode } from '../support/keyward-node.js';
import { formBody, send, signPost, type Credentials } from '../support/signed-request.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
    { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
  ],
});

const nodes: KeywardNode[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const node of nodes) await node.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function node(trustProxy?: readonly string[]): Promise<{ node: KeywardNode; key: Credentials }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyward-proxy-'));
  dirs.push(dataDir);
  const started = await startNode({ dataDir, ...(trustProxy !== undefined && { trustProxy }) });
  nodes.push(started);
  const key = await createUserWithKey(started, 'behind-proxy');
  await started.iam().send(new PutUserPolicyCommand({ UserName: 'behind-proxy', PolicyName: 'conditions', PolicyDocument: POLICY }));
  return { node: started, key };
}

async function call(n: KeywardNode, key: Credentials, action: string, forwarded: Record<string, string>): Promise<number> {
  const request = await signPost(n.url, formBody({ Action: action, Version: '2010-05-08' }), { credentials: key, signingDate: new Date() });
  return (await send({ ...request, headers: { ...request.headers, ...forwarded } })).status;
}

describe('--trust-proxy', { timeout: 60_000 }, () => {
  it('takes the client address and scheme from a trusted proxy', async () => {
    const { node: n, key } = await node(['127.0.0.1']);
    expect(await call(n, key, 'ListUsers', { 'x-forwarded-for': '203.0.113.7' })).toBe(200);
    expect(await call(n, key, 'ListUsers', { 'x-forwarded-for': '198.51.100.7' })).toBe(403);
    expect(await call(n, key, 'ListUsers', {})).toBe(403);
    expect(await call(n, key, 'ListRoles', { 'x-forwarded-proto': 'https' })).toBe(200);
    expect(await call(n, key, 'ListRoles', {})).toBe(403);
  });

  it('ignores the headers from anyone not listed', async () => {
    const { node: n, key } = await node(['10.9.9.9']);
    expect(await call(n, key, 'ListUsers', { 'x-forwarded-for': '203.0.113.7' })).toBe(403);
    expect(await call(n, key, 'ListRoles', { 'x-forwarded-proto': 'https' })).toBe(403);
  });

  it('ignores them without the setting', async () => {
    const { node: n, key } = await node();
    expect(await call(n, key, 'ListUsers', { 'x-forwarded-for': '203.0.113.7' })).toBe(403);
    expect(await call(n, key, 'ListRoles', { 'x-forwarded-proto': 'https' })).toBe(403);
  });
});
