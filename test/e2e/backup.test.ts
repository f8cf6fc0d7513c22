// keyward export and import end to end: a varied account built through the SDK is exported
// from a running SQLite server, imported into a fresh SQLite store and into PostgreSQL (the
// documented move to two nodes), and every imported server gives the same answers, signs with
// the old keys, accepts the MFA device's next code and the old password. Refusals go through
// the CLI too. Fails if PostgreSQL is down.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ChangePasswordCommand, CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/auth/mfa/totp.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { runExport } from '../../src/cli/export.js';
import { runImport } from '../../src/cli/import.js';
import { BACKUP_TABLES } from '../../src/storage/backup/table-registry.js';
import { ALL_MIGRATIONS } from '../../src/storage/migrations/all-migrations.js';
import { ACCOUNT_ID } from '../support/server.js';
import { accountAnswers, ALICE_PASSWORD, buildAccount, clockIntoPeriod, type BuiltAccount } from './support/backup-account.js';
import { startNode, type KeywardNode } from '../support/keyward-node.js';
import { createTempDatabase, type TempDatabase } from '../support/temp-database.js';

const SLOW = { timeout: 120_000 };
const NEWEST_SCHEMA = ALL_MIGRATIONS[ALL_MIGRATIONS.length - 1]?.version;
const masterKey = randomBytes(32).toString('hex');
const env = { KEYWARD_MASTER_KEY: masterKey };

interface Captured extends CliIo {
  readonly lines: string[];
}
function captureIo(): Captured {
  const lines: string[] = [];
  return { lines, out: (t) => void lines.push(t), err: (t) => void lines.push(t), readFile: (p) => readFile(p, 'utf8') };
}

interface World {
  readonly dirs: string[];
  readonly file: string;
  readonly built: BuiltAccount;
  readonly expected: Record<string, unknown>;
  /** Ahead of the real clock: the imported servers' TOTP step is past the one spent enabling the device. */
  readonly laterOffset: number;
  readonly source: KeywardNode;
  readonly sqliteDir: string;
  readonly sqliteNode: KeywardNode;
  readonly db: TempDatabase;
  readonly pgA: KeywardNode;
  readonly pgB: KeywardNode;
}

let started: Promise<World> | undefined;
// Built inside the tests, not in beforeAll: a failed hook would report them as skipped.
function world(): Promise<World> {
  started ??= (async () => {
    const dirs = [await mkdtemp(join(tmpdir(), 'keyward-backup-src-')), await mkdtemp(join(tmpdir(), 'keyward-backup-dst-'))];
    const [sourceDir = '', sqliteDir = ''] = dirs;
    const offset = clockIntoPeriod();
    const source = await startNode({ dataDir: sourceDir, masterKey, clock: () => new Date(Date.now() + offset) });
    const built = await buildAccount(source.iam(), offset);
    const expected = await accountAnswers(source.iam());

    // Exported while the source keeps serving.
    const file = join(sourceDir, 'backup.jsonl.gz');
    const exportIo = captureIo();
    const exported = await runExport(['--out', file, '--data', sourceDir], exportIo, env);
    if (exported !== 0) throw new Error(exportIo.lines.join('\n'));

    const importIo = captureIo();
    if ((await runImport([file, '--data', sqliteDir], importIo, env)) !== 0) throw new Error(importIo.lines.join('\n'));
    const db = await createTempDatabase();
    const unused = join(sqliteDir, 'unused');
    if ((await runImport([file, '--database-url', db.url, '--data', unused], importIo, env)) !== 0) throw new Error(importIo.lines.join('\n'));

    const laterOffset = offset + 60_000;
    const clock = (): Date => new Date(Date.now() + laterOffset);
    const sqliteNode = await startNode({ dataDir: sqliteDir, masterKey, clock });
    const pgA = await startNode({ dataDir: unused, databaseUrl: db.url, masterKey, clock });
    const pgB = await startNode({ dataDir: unused, databaseUrl: db.url, masterKey, clock });
    return { dirs, file, built, expected, laterOffset, source, sqliteDir, sqliteNode, db, pgA, pgB };
  })();
  return started;
}

afterAll(async () => {
  const w = await started?.catch(() => undefined);
  if (w === undefined) return;
  for (const node of [w.source, w.sqliteNode, w.pgA, w.pgB]) await node.stop();
  await w.db.drop();
  for (const dir of w.dirs) await rm(dir, { recursive: true, force: true });
}, 60_000);

/** The old key signs, the device takes its next code, and the old password is still the password. */
async function credentialsStillWork(w: World, node: KeywardNode): Promise<void> {
  const identity = await node.sts(w.built.aliceKey).send(new GetCallerIdentityCommand({}));
  expect(identity.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/eng/alice`);
  const code = currentTotp(w.built.mfaSeed, new Date(Date.now() + w.laterOffset));
  const session = await node.sts(w.built.aliceKey).send(new GetSessionTokenCommand({ SerialNumber: w.built.mfaSerial, TokenCode: code }));
  expect(session.Credentials?.SessionToken).toBeTruthy();
  const alice = node.iam(w.built.aliceKey);
  await expect(alice.send(new ChangePasswordCommand({ OldPassword: 'Not-The-Password-1!', NewPassword: 'Another-Password-789!' }))).rejects.toThrow();
  await alice.send(new ChangePasswordCommand({ OldPassword: ALICE_PASSWORD, NewPassword: 'Another-Password-789!' }));
}

describe('keyward export from a running SQLite server', SLOW, () => {
  it('writes a versioned, gzip-compressed dump with no secret in the clear', async () => {
    const w = await world();
    const lines = gunzipSync(await readFile(w.file)).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ format: 'keyward-export', version: 1, accountId: ACCOUNT_ID, storeSchemaVersion: NEWEST_SCHEMA });
    expect(JSON.parse(lines[lines.length - 1] ?? '')).toMatchObject({ complete: true, tables: BACKUP_TABLES.length });
    const text = lines.join('\n');
    expect(text).not.toContain(w.built.aliceKey.secretAccessKey);
    expect(text).not.toContain(w.built.mfaSeed);
    expect(text).not.toContain(masterKey);
    expect(text).not.toContain(ALICE_PASSWORD);
  });
});

describe('keyward import into a fresh SQLite store', SLOW, () => {
  it('gives the same answers as the source', async () => {
    const w = await world();
    // Not a comparison of two empty answers.
    expect(w.expected.users).toMatchObject({ Users: [{ UserName: 'alice' }, { UserName: 'bob' }] });
    expect((w.expected.details as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect(await accountAnswers(w.sqliteNode.iam())).toEqual(w.expected);
  });

  it('keeps keys that sign, the MFA device and the login password', async () => {
    const w = await world();
    await credentialsStillWork(w, w.sqliteNode);
  });
});

describe('moving to PostgreSQL with two nodes (docs/backup.md)', SLOW, () => {
  it('both nodes give the same answers as the SQLite source', async () => {
    const w = await world();
    expect(await accountAnswers(w.pgA.iam())).toEqual(w.expected);
    expect(await accountAnswers(w.pgB.iam())).toEqual(w.expected);
  });

  it('the old key signs on both nodes, and a write on one is read on the other', async () => {
    const w = await world();
    for (const node of [w.pgA, w.pgB]) {
      expect((await node.sts(w.built.aliceKey).send(new GetCallerIdentityCommand({}))).Account).toBe(ACCOUNT_ID);
    }
    await credentialsStillWork(w, w.pgA);
    await w.pgA.iam().send(new CreateUserCommand({ UserName: 'after-move' }));
    expect((await w.pgB.iam().send(new GetUserCommand({ UserName: 'after-move' }))).User?.UserName).toBe('after-move');
  });
});

describe('keyward export from running PostgreSQL nodes', SLOW, () => {
  it('imports back into SQLite with the same answers and keys', async () => {
    const w = await world();
    const file = join(w.sqliteDir, 'from-postgres.jsonl.gz');
    const io = captureIo();
    expect(await runExport(['--out', file, '--database-url', w.db.url, '--data', join(w.sqliteDir, 'unused')], io, env), io.lines.join('\n')).toBe(0);
    const back = join(w.sqliteDir, 'back');
    expect(await runImport([file, '--data', back], io, env), io.lines.join('\n')).toBe(0);
    const node = await startNode({ dataDir: back, masterKey });
    try {
      const answers = await accountAnswers(w.pgA.iam());
      expect(answers.users).toMatchObject({ Users: [{ UserName: 'after-move' }, { UserName: 'alice' }, { UserName: 'bob' }] });
      expect(await accountAnswers(node.iam())).toEqual(answers);
      expect((await node.sts(w.built.aliceKey).send(new GetCallerIdentityCommand({}))).Account).toBe(ACCOUNT_ID);
    } finally {
      await node.stop();
    }
  });
});

describe('keyward import refuses', SLOW, () => {
  it('a store that is not empty', async () => {
    const w = await world();
    const io = captureIo();
    expect(await runImport([w.file, '--data', w.sqliteDir], io, env)).toBe(1);
    expect(io.lines.join('\n')).toMatch(/^keyward import: the target store is not empty \(accounts has rows\)/);
  });

  it('an export sealed under another master key, creating nothing', async () => {
    const w = await world();
    const target = join(w.sqliteDir, 'other-key');
    const io = captureIo();
    expect(await runImport([w.file, '--data', target], io, { KEYWARD_MASTER_KEY: randomBytes(32).toString('hex') })).toBe(1);
    expect(io.lines.join('\n')).toMatch(/sealed under another master key/);
    expect(existsSync(join(target, 'keyward.db'))).toBe(false);
  });

  it('an export of a newer format version, creating nothing', async () => {
    const w = await world();
    const [header = '', ...rest] = gunzipSync(await readFile(w.file)).toString('utf8').split('\n');
    const newer = join(w.sqliteDir, 'newer.jsonl.gz');
    await writeFile(newer, gzipSync([JSON.stringify({ ...(JSON.parse(header) as object), version: 2 }), ...rest].join('\n')));
    const target = join(w.sqliteDir, 'newer-target');
    const io = captureIo();
    expect(await runImport([newer, '--data', target], io, env)).toBe(1);
    expect(io.lines.join('\n')).toMatch(/format version 2, newer than this keyward reads \(1\)/);
    expect(existsSync(join(target, 'keyward.db'))).toBe(false);
  });

  it('an export cut short, removing the data directory it had made', async () => {
    const w = await world();
    const lines = gunzipSync(await readFile(w.file)).toString('utf8').trimEnd().split('\n');
    const cut = join(w.sqliteDir, 'cut.jsonl.gz');
    await writeFile(cut, gzipSync(lines.slice(0, -1).join('\n')));
    const io = captureIo();
    expect(await runImport([cut, '--data', join(w.sqliteDir, 'cut', 'deep')], io, env)).toBe(1);
    expect(io.lines.join('\n')).toMatch(/the export is incomplete/);
    expect(existsSync(join(w.sqliteDir, 'cut'))).toBe(false);
  });

  it('to run without the master key, rather than make a new one', async () => {
    const w = await world();
    const target = join(w.sqliteDir, 'no-key');
    const io = captureIo();
    expect(await runImport([w.file, '--data', target], io, {})).toBe(1);
    expect(io.lines.join('\n')).toMatch(/no master key/);
    expect(existsSync(join(target, 'master.key'))).toBe(false);
  });
});

describe('the export and import commands', () => {
  it('are listed by keyward --help and each has --help', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.lines.join('\n')).toMatch(/export .*\n.*import /);
    for (const command of ['export', 'import']) {
      const help = captureIo();
      expect(await main([command, '--help'], help)).toBe(0);
      expect(help.lines.join('\n')).toContain(`Usage: keyward ${command}`);
    }
  });
});
