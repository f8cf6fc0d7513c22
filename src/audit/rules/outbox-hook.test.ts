// The append hook on a real SQLite store: it queues one outbox row per matching rule target,
// in the appending transaction (a rolled-back append leaves none), reads the rules once per
// store generation, and skips disabled rules, other accounts and read-only events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../storage/open-store.js';
import type { Store } from '../../storage/ports.js';
import type { CloudTrailRecord } from '../record/cloudtrail-record.js';
import { outboxHook } from './outbox-hook.js';
import { RuleSet } from './rule-set.js';

const ACCOUNT = '111122223333';
const T = new Date('2026-01-01T00:00:00Z');
let dir: string;
let store: Store;

function record(eventName: string, extra: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.11',
    userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
    eventTime: '2026-01-01T00:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '127.0.0.1',
    requestParameters: null,
    responseElements: null,
    requestID: 'r',
    eventID: `e-${eventName}-${Math.random()}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...extra,
  } as CloudTrailRecord;
}

async function rule(name: string, pattern: object, state: 'ENABLED' | 'DISABLED' = 'ENABLED', accountId = ACCOUNT): Promise<void> {
  await store.write(async (tx) => {
    await tx.events.putRule({ accountId, name, arn: `arn:aws:events:us-east-1:${accountId}:rule/${name}`, eventPattern: JSON.stringify(pattern), state, createdBy: accountId, createdAt: T });
    await tx.events.putTarget({ accountId, ruleName: name, id: 'a', arn: `arn:aws:events:us-east-1:${accountId}:api-destination/${name}/1` });
    await tx.events.putTarget({ accountId, ruleName: name, id: 'b', arn: `arn:aws:events:us-east-1:${accountId}:api-destination/${name}/2`, input: '{"constant":true}' });
  });
}

async function outbox(): Promise<{ ruleName: string; targetId: string; payload: string }[]> {
  const rows = await store.write((tx) => tx.events.claim('test', new Date(8.64e15), new Date(8.64e15), 1000));
  await store.write(async (tx) => {
    for (const r of rows) await tx.events.delivered(r.id, 'test');
  });
  return rows.map((r) => ({ ruleName: r.ruleName, targetId: r.targetId, payload: r.payload })).sort((x, y) => `${x.ruleName}${x.targetId}`.localeCompare(`${y.ruleName}${y.targetId}`));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-outbox-hook-'));
  store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('outboxHook', () => {
  it('queues one row per target of each matching rule, with the envelope or the constant input', async () => {
    await rule('creates', { source: ['aws.iam'], detail: { eventName: [{ prefix: 'Create' }] } });
    await rule('off', { source: ['aws.iam'] }, 'DISABLED');
    await rule('elsewhere', { source: ['aws.iam'] }, 'ENABLED', '444455556666');
    let queued = 0;
    const hook = outboxHook(new RuleSet(() => store.generation()), { clock: () => T, onQueued: () => (queued += 1) });
    await store.write((tx) => hook(tx, [], [record('CreateUser'), record('DeleteUser'), record('GetUser', { readOnly: true })]));
    const rows = await outbox();
    expect(rows.map((r) => [r.ruleName, r.targetId])).toEqual([
      ['creates', 'a'],
      ['creates', 'b'],
    ]);
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ version: '0', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.iam', account: ACCOUNT, detail: { eventName: 'CreateUser' } });
    expect(rows[1]!.payload).toBe('{"constant":true}');
    expect(queued).toBe(1);
  });

  it('queues nothing when the appending transaction rolls back', async () => {
    const hook = outboxHook(new RuleSet(() => store.generation()), { clock: () => T });
    await expect(
      store.write(async (tx) => {
        await hook(tx, [], [record('CreateRole')]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outbox()).toEqual([]);
  });

  it('reads the rules again only when the store generation moves', async () => {
    let generation = 1;
    const rules = new RuleSet(() => generation);
    const hook = outboxHook(rules, { clock: () => T });
    await store.write((tx) => hook(tx, [], [record('CreatePolicy')]));
    expect((await outbox()).map((r) => r.ruleName)).toEqual(['creates', 'creates']);
    await rule('policies', { detail: { eventName: ['CreatePolicy'] } });
    // Same generation: the cached rules, without the new one.
    await store.write((tx) => hook(tx, [], [record('CreatePolicy')]));
    expect((await outbox()).map((r) => r.ruleName)).toEqual(['creates', 'creates']);
    generation = 2;
    await store.write((tx) => hook(tx, [], [record('CreatePolicy')]));
    expect((await outbox()).map((r) => r.ruleName)).toEqual(['creates', 'creates', 'policies', 'policies']);
  });
});
