// `keyward alerts dead-letters list|replay` against a real SQLite store: lists what failed
// for good and puts it back in the outbox.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../storage/open-store.js';
import { fakeIo } from './fake-io.case.js';
import { main } from './main.js';

let dir: string;
const ids = [randomUUID(), randomUUID()];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-alerts-cli-'));
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
  const t = new Date('2026-01-02T03:04:05.000Z');
  await store.write(async (tx) => {
    await tx.events.enqueue(
      ids.map((id) => ({ id, accountId: '111122223333', ruleName: 'root-use', targetId: 'hook', targetArn: 'arn:aws:events:us-east-1:111122223333:api-destination/d/1', eventId: randomUUID(), payload: '{"detail":{"eventName":"CreateUser"}}', attempts: 0, nextAttemptAt: t, createdAt: t })),
    );
    await tx.events.claim('cli-test', t, new Date(t.getTime() + 1000), 10);
    for (const id of ids) await tx.events.deadLetter(id, 'cli-test', t, 'HTTP 500');
  });
  await store.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('keyward alerts dead-letters', () => {
  it('lists dead letters, as lines or JSON', async () => {
    const io = fakeIo({});
    expect(await main(['alerts', 'dead-letters', 'list', '--data', dir], io)).toBe(0);
    expect(io.stdout).toHaveLength(2);
    expect(io.stdout.join('\n')).toContain(ids[0]);
    expect(io.stdout[0]).toMatch(/rule root-use {2}target hook {2}attempts 1 {2}HTTP 500$/);
    const json = fakeIo({});
    expect(await main(['alerts', 'dead-letters', 'list', '--json', '--limit', '1', '--data', dir], json)).toBe(0);
    expect(json.stdout).toHaveLength(1);
    expect(JSON.parse(json.stdout[0]!)).toMatchObject({ ruleName: 'root-use', payload: { detail: { eventName: 'CreateUser' } } });
  });

  it('replays one by id, refuses an unknown id, then replays the rest', async () => {
    const io = fakeIo({});
    expect(await main(['alerts', 'dead-letters', 'replay', ids[0]!, '--data', dir], io)).toBe(0);
    expect(io.stdout).toEqual([`keyward: replaying ${ids[0]}`]);
    const unknown = fakeIo({});
    expect(await main(['alerts', 'dead-letters', 'replay', 'nope', '--data', dir], unknown)).toBe(1);
    expect(unknown.stderr).toEqual(['keyward alerts: no dead letter nope']);
    expect(await main(['alerts', 'dead-letters', 'replay', '--all', '--data', dir], fakeIo({}))).toBe(0);
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
    try {
      expect(await store.read((tx) => tx.events.listDeadLetters(10))).toEqual([]);
      const due = await store.write((tx) => tx.events.claim('after', new Date(), new Date(Date.now() + 1000), 10));
      expect(due.map((d) => d.id).sort()).toEqual([...ids].sort());
      expect(due.every((d) => d.attempts === 0)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('explains its usage and refuses a missing store', async () => {
    const io = fakeIo({});
    expect(await main(['alerts', 'dead-letters'], io)).toBe(2);
    expect(io.stderr[0]).toContain('Usage: keyward alerts dead-letters list');
    const missing = fakeIo({});
    expect(await main(['alerts', 'dead-letters', 'list', '--data', join(dir, 'nowhere')], missing)).toBe(1);
    expect(missing.stderr[0]).toMatch(/no store at/);
  });
});
