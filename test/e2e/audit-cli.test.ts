// `keyward audit` against a running server's store: verify (with the master key and with only
// the public key), export to CloudTrail log files, tail (filtered, and following new events),
// and a tampered row named by verify's exit code and report.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CreateGroupCommand, CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { runAudit } from '../../src/cli/audit.js';
import { fakeIo } from '../../src/cli/fake-io.case.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();
const env = {};

async function audit(args: string[], files: Record<string, string> = {}, options: { signal?: AbortSignal } = {}) {
  const io = fakeIo(files);
  const code = await runAudit([...args, '--data', t.dataDir], io, { env, ...options });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), lines: io.stdout };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('keyward audit', () => {
  it('verifies the trail with the master key, and with only the public key', async () => {
    const iam = t.iam();
    for (let i = 0; i < 5; i++) await iam.send(new CreateUserCommand({ UserName: `cli-user-${i}` }));
    await iam.send(new ListUsersCommand({}));
    await t.server.flushUsage();

    const ok = await audit(['verify']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/partition \S+: \d+ events \(seq 1-\d+\)/);
    expect(ok.out).toContain('trail verified: OK');

    const key = await audit(['public-key']);
    expect(key.code).toBe(0);
    expect(key.out).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
    const publicOnly = await audit(['verify', '--public-key', 'trail.pem'], { 'trail.pem': key.out });
    expect(publicOnly.code).toBe(0);
    expect(publicOnly.out).toContain('links checked for continuity only');
  });

  it('exports CloudTrail log files holding every record of the range', async () => {
    await t.iam().send(new CreateGroupCommand({ GroupName: 'cli-group' }));
    await t.server.flushUsage();
    const out = await mkdtemp(join(tmpdir(), 'keyward-audit-export-'));
    try {
      const from = new Date(Date.now() - 3 * 3600_000);
      const to = new Date(Date.now() + 60_000);
      const done = await audit(['export', '--from', from.toISOString(), '--to', to.toISOString(), '--out', out]);
      expect(done.err).toBe('');
      expect(done.code).toBe(0);
      const files = await filesUnder(out);
      expect(files.length).toBeGreaterThan(0);
      const records: { eventName: string; eventID: string; recipientAccountId: string }[] = [];
      for (const file of files) {
        expect(relative(out, file)).toMatch(
          new RegExp(`^AWSLogs/${ACCOUNT_ID}/CloudTrail/[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/${ACCOUNT_ID}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`),
        );
        const body = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as { Records: typeof records };
        records.push(...body.Records);
      }
      expect(done.out).toContain(`exported ${records.length} records in ${files.length} log files`);
      expect(records.map((r) => r.eventName)).toContain('CreateGroup');
      expect(new Set(records.map((r) => r.eventID)).size).toBe(records.length);
      const stored = new Database(join(t.dataDir, 'keyward.db'), { readonly: true });
      const count = stored.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE event_time >= ? AND event_time < ?').get(from.getTime(), to.getTime()) as { n: number };
      stored.close();
      expect(records.length).toBe(count.n);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('tails the newest records, filtered, and follows new ones', async () => {
    const last = await audit(['tail', '--filter', 'EventName=CreateUser', '--last', '2']);
    expect(last.code).toBe(0);
    expect(last.lines.map((l) => (JSON.parse(l) as { requestParameters: { userName: string } }).requestParameters.userName)).toEqual(['cli-user-3', 'cli-user-4']);
    expect((await audit(['tail', '--filter', 'Colour=red'])).code).toBe(2);

    const controller = new AbortController();
    const io = fakeIo({});
    const following = runAudit(['tail', '--follow', '--last', '0', '--filter', 'ResourceName=cli-followed', '--data', t.dataDir], io, { env, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    await t.iam().send(new CreateUserCommand({ UserName: 'cli-followed' }));
    const deadline = Date.now() + 10_000;
    while (io.stdout.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    expect(await following).toBe(0);
    expect(io.stdout.map((l) => (JSON.parse(l) as { eventName: string }).eventName)).toEqual(['CreateUser']);
  });

  it('exits 1 and names the first broken link when a row was changed', async () => {
    await t.server.flushUsage();
    const db = new Database(join(t.dataDir, 'keyward.db'));
    const victim = db.prepare("SELECT partition_name, seq, event_id FROM audit_events WHERE event_name = 'CreateGroup'").get() as { partition_name: string; seq: number; event_id: string };
    db.prepare("UPDATE audit_events SET record = replace(record, 'cli-group', 'cli-grou_') WHERE partition_name = ? AND seq = ?").run(victim.partition_name, victim.seq);
    db.close();
    const broken = await audit(['verify']);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at partition ${victim.partition_name} seq ${victim.seq} (event ${victim.event_id}): event was altered`);
  });
});
