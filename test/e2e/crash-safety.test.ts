// kill -9 in the middle of a write load: 20 clients loop CreateUser (with tags), PutUserPolicy,
// CreateAccessKey and TagUser (two tags) on fresh names against `keyward serve` child
// processes; nodes are killed with SIGKILL while requests are in flight. A server started
// afterwards on the same store must hold every acknowledged change, and every change that got
// no answer must be there whole or not at all. On SQLite (one node) and on PostgreSQL (two
// nodes, killed one after the other while the other keeps serving). The trail too: every
// acknowledged change, and every change that is there, has its event, and the chain verifies.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMasterKey } from '../../src/auth/secret-box.js';
import { eventsBetween } from '../../src/cli/audit-store.js';
import { verifyKeysFrom, verifyStoredTrail } from '../../src/cli/audit-verify.js';
import { openStore, type StoreConfig } from '../../src/storage/open-store.js';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { startChild, type KeywardChild } from './support/keyward-child.js';
import { startNode, type KeywardNode } from '../support/keyward-node.js';
import { outcome, type Outcome } from './support/outcomes.js';
import { createTempDatabase, type TempDatabase } from '../support/temp-database.js';

const LOOPS = 20;
const SLOW = { timeout: 300_000 };
const CREATED_TAG = 'created-by';
const STEP_TAGS = [
  { Key: 'step', Value: 'tagged' },
  { Key: 'stage', Value: 'done' },
];

interface Journal {
  readonly name: string;
  readonly document: string;
  createUser?: Outcome<unknown>;
  putPolicy?: Outcome<unknown>;
  createKey?: Outcome<{ accessKeyId: string; secretAccessKey: string }>;
  tagUser?: Outcome<unknown>;
}

/** An answer came back (success or an AWS error); otherwise the connection died first. */
const answered = (o: Outcome<unknown> | undefined): boolean => o !== undefined && (o.ok || o.status !== undefined);
const acked = (o: Outcome<unknown> | undefined): boolean => o?.ok === true;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function client(url: string): IAMClient {
  // One attempt: a retry after a lost answer would blur what the first request did.
  return new IAMClient({ endpoint: url, region: 'us-east-1', credentials: ROOT_KEY, maxAttempts: 1 });
}

/** Counts acknowledged writes; lets the test wait for a number of them. */
class Progress {
  private count = 0;
  private waiters: { readonly n: number; readonly resolve: () => void }[] = [];

  ack(): void {
    this.count += 1;
    this.waiters = this.waiters.filter((w) => (this.count >= w.n ? (w.resolve(), false) : true));
  }

  /** Resolves once `n` writes in all were acknowledged, or after `maxMs` whatever the count. */
  reached(n: number, maxMs: number): Promise<void> {
    if (this.count >= n) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => this.waiters.push({ n, resolve })), sleep(maxMs)]);
  }
}

/** One client's loop: the four writes on a fresh name, until a call gets no success or `until` passes. */
async function writeLoop(iam: IAMClient, path: string, worker: number, until: number, journals: Journal[], progress = new Progress()): Promise<void> {
  const step = <T>(o: Outcome<T>): Outcome<T> => {
    if (o.ok) progress.ack();
    return o;
  };
  for (let i = 0; i === 0 || Date.now() < until; i += 1) {
    const name = `w${worker}-${i}-${randomBytes(3).toString('hex')}`;
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] });
    const j: Journal = { name, document };
    journals.push(j);
    j.createUser = step(await outcome(() => iam.send(new CreateUserCommand({ UserName: name, Path: path, Tags: [{ Key: CREATED_TAG, Value: name }] }))));
    if (!j.createUser.ok) return;
    j.putPolicy = step(await outcome(() => iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'inline', PolicyDocument: document }))));
    if (!j.putPolicy.ok) return;
    j.createKey = step(
      await outcome(async () => {
        const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
        return { accessKeyId: AccessKey?.AccessKeyId ?? '', secretAccessKey: AccessKey?.SecretAccessKey ?? '' };
      }),
    );
    if (!j.createKey.ok) return;
    j.tagUser = step(await outcome(() => iam.send(new TagUserCommand({ UserName: name, Tags: STEP_TAGS }))));
    if (!j.tagUser.ok) return;
  }
}

/** Every journalled change checked against the restarted store; returns the problems found. */
async function verify(node: KeywardNode, path: string, journals: readonly Journal[]): Promise<string[]> {
  const iam = node.iam();
  const problems: string[] = [];
  const listed = new Set<string>();
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListUsersCommand({ PathPrefix: path, Marker }));
    for (const u of page.Users ?? []) listed.add(u.UserName ?? '');
    Marker = page.IsTruncated === true ? page.Marker : undefined;
  } while (Marker !== undefined);
  const attempted = new Set(journals.filter((j) => j.createUser !== undefined).map((j) => j.name));
  for (const name of listed) if (!attempted.has(name)) problems.push(`${name}: listed but never created`);

  for (const j of journals) {
    const user = await outcome(() => iam.send(new GetUserCommand({ UserName: j.name })));
    const exists = user.ok;
    if (!user.ok && user.code !== 'NoSuchEntityException') problems.push(`${j.name}: GetUser answered ${user.code}`);
    if (exists !== listed.has(j.name)) problems.push(`${j.name}: GetUser and ListUsers disagree`);
    if (acked(j.createUser) && !exists) problems.push(`${j.name}: acknowledged CreateUser lost`);
    if (answered(j.createUser) && !acked(j.createUser) && exists) problems.push(`${j.name}: failed CreateUser is there`);
    if (!exists) continue;
    const tags = new Map((user.ok ? (user.value.User?.Tags ?? []) : []).map((t) => [t.Key, t.Value]));
    if (tags.get(CREATED_TAG) !== j.name) problems.push(`${j.name}: user without the tags it was created with`);

    const policy = await outcome(() => iam.send(new GetUserPolicyCommand({ UserName: j.name, PolicyName: 'inline' })));
    const policyThere = policy.ok;
    if (policy.ok && decodeURIComponent(policy.value.PolicyDocument ?? '') !== j.document) problems.push(`${j.name}: inline policy differs from what was put`);
    if (!policy.ok && policy.code !== 'NoSuchEntityException') problems.push(`${j.name}: GetUserPolicy answered ${policy.code}`);
    if (acked(j.putPolicy) && !policyThere) problems.push(`${j.name}: acknowledged PutUserPolicy lost`);
    if ((j.putPolicy === undefined || (answered(j.putPolicy) && !acked(j.putPolicy))) && policyThere) problems.push(`${j.name}: unsent or failed PutUserPolicy is there`);

    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: j.name }))).AccessKeyMetadata ?? [];
    const key = j.createKey?.ok === true ? j.createKey.value : undefined;
    if (keys.length > 1) problems.push(`${j.name}: ${keys.length} access keys for one CreateAccessKey`);
    if (key !== undefined) {
      if (keys[0]?.AccessKeyId !== key.accessKeyId || keys[0]?.Status !== 'Active') problems.push(`${j.name}: acknowledged access key lost`);
      const sts = new STSClient({ endpoint: node.url, region: 'us-east-1', credentials: key, maxAttempts: 1 });
      const identity = await outcome(() => sts.send(new GetCallerIdentityCommand({})));
      if (!identity.ok || identity.value.Arn !== `arn:aws:iam::${ACCOUNT_ID}:user${path}${j.name}`) problems.push(`${j.name}: acknowledged access key does not sign`);
    } else if ((j.createKey === undefined || answered(j.createKey)) && keys.length > 0) {
      problems.push(`${j.name}: unsent or failed CreateAccessKey left a key`);
    }

    const stepTags = STEP_TAGS.filter((t) => tags.get(t.Key) === t.Value).length;
    if (stepTags !== 0 && stepTags !== STEP_TAGS.length) problems.push(`${j.name}: TagUser half applied (${stepTags} of ${STEP_TAGS.length} tags)`);
    if (acked(j.tagUser) && stepTags === 0) problems.push(`${j.name}: acknowledged TagUser lost`);
    if ((j.tagUser === undefined || (answered(j.tagUser) && !acked(j.tagUser))) && stepTags > 0) problems.push(`${j.name}: unsent or failed TagUser applied`);
  }
  return problems;
}

const CHANGES = [
  ['CreateUser', 'createUser'],
  ['PutUserPolicy', 'putPolicy'],
  ['CreateAccessKey', 'createKey'],
  ['TagUser', 'tagUser'],
] as const;

/** The trail after the crash: it verifies, and every acknowledged change (and every user that exists) has its event. */
async function verifyTrailAfterCrash(node: KeywardNode, config: StoreConfig, masterKey: Uint8Array, journals: readonly Journal[]): Promise<string[]> {
  const problems: string[] = [];
  const store = await openStore(config);
  try {
    const report = await verifyStoredTrail(store, verifyKeysFrom({ masterKey }));
    if (!report.ok) problems.push(`trail does not verify: ${JSON.stringify(report.broken)}`);
    const recorded = new Set<string>();
    for await (const e of eventsBetween(store, new Date(0), new Date(Date.now() + 86_400_000))) {
      const r = JSON.parse(e.record) as { eventName: string; errorCode?: string; requestParameters?: { userName?: unknown } | null };
      const user = r.requestParameters?.userName;
      if (r.errorCode === undefined && typeof user === 'string') recorded.add(`${r.eventName} ${user}`);
    }
    const iam = node.iam();
    for (const j of journals) {
      for (const [eventName, step] of CHANGES) {
        if (acked(j[step]) && !recorded.has(`${eventName} ${j.name}`)) problems.push(`${j.name}: acknowledged ${eventName} has no event`);
      }
      if (j.createUser !== undefined && !acked(j.createUser) && !recorded.has(`CreateUser ${j.name}`)) {
        const user = await outcome(() => iam.send(new GetUserCommand({ UserName: j.name })));
        if (user.ok) problems.push(`${j.name}: unanswered CreateUser is there without its event`);
      }
    }
  } finally {
    await store.close();
  }
  return problems;
}

interface LoadReport {
  readonly journals: Journal[];
  readonly calls: Outcome<unknown>[];
}

function calls(journals: readonly Journal[]): Outcome<unknown>[] {
  return journals.flatMap((j) => [j.createUser, j.putPolicy, j.createKey, j.tagUser].filter((o): o is Outcome<unknown> => o !== undefined));
}

/** Acknowledged writes before the first kill, and between kills; the load ends with the last node. */
const ACKS_BEFORE_KILL = 40;
/** Kills come after this long even if the machine is too slow to reach ACKS_BEFORE_KILL. */
const MAX_WAIT_MS = 45_000;

/** Runs the loops, spread over `targets`, and SIGKILLs the targets in turn as writes get acknowledged. */
async function loadAndKill(targets: readonly KeywardChild[], path: string): Promise<LoadReport> {
  // One round per node first, outside `path`: the first requests of a fresh process load code.
  await Promise.all(targets.map((child, w) => writeLoop(client(child.url), '/warm-up/', w, 0, [])));
  const journals: Journal[] = [];
  const progress = new Progress();
  const until = Date.now() + MAX_WAIT_MS * (targets.length + 1);
  const loops = Array.from({ length: LOOPS }, (_, w) => writeLoop(client(targets[w % targets.length]?.url ?? ''), path, w, until, journals, progress));
  for (const [n, child] of targets.entries()) {
    await progress.reached(ACKS_BEFORE_KILL * (n + 1), MAX_WAIT_MS);
    await child.kill9();
  }
  await Promise.all(loops);
  return { journals, calls: calls(journals) };
}

function expectMidLoadKill(report: LoadReport): void {
  const okCalls = report.calls.filter((c) => c.ok).length;
  const unanswered = report.calls.filter((c) => !answered(c)).length;
  // Writes were acknowledged before the kill, and some were in flight when it came.
  expect(okCalls).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  expect(unanswered).toBeGreaterThan(0);
  // Every answer that did come was a success: fresh names, so nothing else is expected.
  const errors = report.journals.flatMap((j) =>
    (['createUser', 'putPolicy', 'createKey', 'tagUser'] as const).flatMap((op) => {
      const o = j[op];
      return o !== undefined && !o.ok && o.status !== undefined ? [`${op} ${j.name}: ${o.code} ${o.status}`] : [];
    }),
  );
  expect(errors).toEqual([]);
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}, 60_000);

describe('kill -9 under write load', SLOW, () => {
  it('SQLite: every acknowledged write survives, nothing is half there', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const child = await startChild({ dataDir });
    cleanups.push(() => child.stop());
    const path = `/crash-${randomBytes(3).toString('hex')}/`;
    const report = await loadAndKill([child], path);
    expectMidLoadKill(report);

    const restarted = await startNode({ dataDir });
    cleanups.push(() => restarted.stop());
    expect(await verify(restarted, path, report.journals)).toEqual([]);
    const masterKey = await loadMasterKey({ dataDir });
    expect(await verifyTrailAfterCrash(restarted, { kind: 'sqlite', file: join(dataDir, 'keyward.db') }, masterKey, report.journals)).toEqual([]);
  });

  it('PostgreSQL, two nodes killed one after the other: every acknowledged write survives, nothing is half there', async () => {
    const db: TempDatabase = await createTempDatabase();
    cleanups.push(() => db.drop());
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-crash-pg-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const options = { dataDir, databaseUrl: db.url, masterKey: randomBytes(32).toString('hex') };
    const a = await startChild(options);
    cleanups.push(() => a.stop());
    const b = await startChild(options);
    cleanups.push(() => b.stop());
    const path = `/crash-${randomBytes(3).toString('hex')}/`;
    // B keeps serving its half of the loops after A dies, then dies too.
    const report = await loadAndKill([a, b], path);
    expectMidLoadKill(report);

    const restarted = await startNode(options);
    cleanups.push(() => restarted.stop());
    expect(await verify(restarted, path, report.journals)).toEqual([]);
    const masterKey = await loadMasterKey({ envValue: options.masterKey });
    expect(await verifyTrailAfterCrash(restarted, { kind: 'postgres', url: db.url }, masterKey, report.journals)).toEqual([]);
  });
});
