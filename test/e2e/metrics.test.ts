// The Prometheus listener (--metrics-port): after signed calls the request, latency, decision,
// cache and store series move by exactly what the calls did; default process metrics and the
// usage buffer's backlog are there; nothing is served on the API port.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetUserCommand, ListRolesCommand, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithKey, startNode, type KeywardNode } from '../support/keyward-node.js';
import { formBody, send, signPost, type Credentials } from '../support/signed-request.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUsers'], Resource: '*' },
    { Effect: 'Deny', Action: 'iam:ListUsers', Resource: '*' },
  ],
});

let dir: string;
let node: KeywardNode;
let key: Credentials;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-metrics-'));
  node = await startNode({ dataDir: dir, operating: { metrics: { port: 0, host: '127.0.0.1' } } });
  key = await createUserWithKey(node, 'metered');
  await node.iam().send(new PutUserPolicyCommand({ UserName: 'metered', PolicyName: 'p', PolicyDocument: POLICY }));
});
afterAll(async () => {
  await node?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** One sample's value from the exposition text; 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter((l) => l !== '');
    if (wanted.every((w) => present.includes(w)) && present.length === wanted.length) return Number(match[3]);
  }
  return 0;
}

async function scrape(): Promise<string> {
  const res = await fetch(node.server.metricsUrl ?? 'http://metrics-off');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

describe('metrics listener', { timeout: 60_000 }, () => {
  it('listens on its own port, apart from the API', async () => {
    expect(node.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(node.server.metricsUrl).not.toContain(`:${node.server.port}/`);
    expect((await fetch(`${node.url}/metrics`)).status).toBe(404);
  });

  it('counts requests, decisions, cache lookups and store time by what was done', async () => {
    const before = await scrape();
    const iam = node.iam(key);
    for (let i = 0; i < 3; i++) await iam.send(new GetUserCommand({}));
    await expect(iam.send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    // An action no registry knows is counted as "unknown", not under its name.
    const bogus = await send(await signPost(node.url, formBody({ Action: 'MadeUpAction', Version: '2010-05-08' }), { credentials: key, signingDate: new Date() }));
    expect(bogus.status).toBe(400);
    // A refused signature still counts under the action it named.
    const forged = await send(await signPost(node.url, formBody({ Action: 'GetUser', Version: '2010-05-08' }), { credentials: { ...key, secretAccessKey: 'wrong' }, signingDate: new Date() }));
    expect(forged.status).toBe(403);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}): number => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('keyward_requests_total', { service: 'iam', action: 'GetUser', status: '200' })).toBe(3);
    expect(moved('keyward_requests_total', { service: 'iam', action: 'ListRoles', status: '403' })).toBe(1);
    expect(moved('keyward_requests_total', { service: 'iam', action: 'ListUsers', status: '403' })).toBe(1);
    expect(moved('keyward_requests_total', { service: 'iam', action: 'unknown', status: '400' })).toBe(1);
    expect(moved('keyward_requests_total', { service: 'iam', action: 'GetUser', status: '403' })).toBe(1);
    expect(after).not.toContain('MadeUpAction');
    // Latency by action, whatever the status: three answered and one refused GetUser.
    expect(moved('keyward_request_duration_seconds_count', { service: 'iam', action: 'GetUser' })).toBe(4);
    expect(moved('keyward_request_duration_seconds_bucket', { service: 'iam', action: 'GetUser', le: '+Inf' })).toBe(4);
    expect(moved('keyward_authorization_decisions_total', { decision: 'Allow' })).toBe(3);
    expect(moved('keyward_authorization_decisions_total', { decision: 'ImplicitDeny' })).toBe(1);
    expect(moved('keyward_authorization_decisions_total', { decision: 'ExplicitDeny' })).toBe(1);
    // Seven signed requests by one key: at most the first misses the key cache.
    const keyHits = moved('keyward_cache_lookups_total', { cache: 'access_keys', result: 'hit' });
    const keyMisses = moved('keyward_cache_lookups_total', { cache: 'access_keys', result: 'miss' });
    expect(keyHits + keyMisses).toBe(7);
    expect(keyHits).toBeGreaterThanOrEqual(6);
    expect(moved('keyward_cache_lookups_total', { cache: 'identity_policies', result: 'hit' })).toBeGreaterThanOrEqual(4);
    expect(moved('keyward_store_operation_duration_seconds_count', { operation: 'read' })).toBeGreaterThanOrEqual(3);
  });

  it('keeps a registry per server: another server in this process counts only its own requests', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'keyward-metrics-other-'));
    const other = await startNode({ dataDir: otherDir, operating: { metrics: { port: 0, host: '127.0.0.1' } } });
    try {
      const mine = sample(await scrape(), 'keyward_requests_total', { service: 'iam', action: 'GetUser', status: '200' });
      await other.iam().send(new GetUserCommand({}));
      await other.iam().send(new GetUserCommand({}));
      const theirs = await (await fetch(other.server.metricsUrl ?? '')).text();
      expect(sample(theirs, 'keyward_requests_total', { service: 'iam', action: 'GetUser', status: '200' })).toBe(2);
      expect(sample(await scrape(), 'keyward_requests_total', { service: 'iam', action: 'GetUser', status: '200' })).toBe(mine);
    } finally {
      await other.stop();
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('exports the usage backlog, store writes and the default process metrics', async () => {
    await node.iam().send(new GetUserCommand({}));
    const text = await scrape();
    expect(text).toMatch(/^keyward_usage_buffer_pending \d+$/m);
    expect(sample(text, 'keyward_store_operation_duration_seconds_count', { operation: 'write' })).toBeGreaterThan(0);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });
});
