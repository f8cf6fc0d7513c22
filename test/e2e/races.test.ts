// Quotas and uniqueness under concurrency: many clients race for the last access key, policy
// version, attachment slot or user name, on one SQLite node and on two nodes sharing one
// PostgreSQL database. Exactly the quota's worth win; every loser gets AWS's error code and
// status (never a 500 or a conflict), and the store holds exactly the winners. The SDK names
// the modelled errors: LimitExceededException is the wire code LimitExceeded, and so on.

import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS_PER_USER, MANAGED_POLICIES_PER_USER, VERSIONS_PER_MANAGED_POLICY } from '../../src/domain/quotas.js';
import { startTestServer } from '../support/server.js';
import { startNode, type KeywardNode } from '../support/keyward-node.js';
import { outcome, tally } from './support/outcomes.js';
import { createTempDatabase, type TempDatabase } from '../support/temp-database.js';

const CONTENDERS = 24;
const SLOW = { timeout: 120_000 };
const DOC = (n: number): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${n}/*` }] });

/** The clients to race with: request i goes to clients[i % clients.length]. */
type Nodes = () => Promise<readonly IAMClient[]>;

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

function race<T>(clients: readonly IAMClient[], count: number, call: (iam: IAMClient, i: number) => Promise<T>) {
  return Promise.all(Array.from({ length: count }, (_, i) => outcome(() => call(clients[i % clients.length] as IAMClient, i))));
}

function describeRaces(name: string, nodes: Nodes): void {
  describe(name, SLOW, () => {
    it(`CreateAccessKey for one user: ${ACCESS_KEYS_PER_USER} succeed, the rest LimitExceeded`, async () => {
      const clients = await nodes();
      const [first] = clients;
      const UserName = unique('keys');
      await first?.send(new CreateUserCommand({ UserName }));
      const results = await race(clients, CONTENDERS, (iam) => iam.send(new CreateAccessKeyCommand({ UserName })));
      expect(tally(results)).toEqual({ ok: ACCESS_KEYS_PER_USER, 'LimitExceededException 409': CONTENDERS - ACCESS_KEYS_PER_USER });
      const won = results.flatMap((r) => (r.ok ? [r.value.AccessKey?.AccessKeyId] : [])).sort();
      const stored = (await first?.send(new ListAccessKeysCommand({ UserName })))?.AccessKeyMetadata?.map((k) => k.AccessKeyId).sort();
      expect(stored).toEqual(won);
    });

    it(`CreatePolicyVersion on one policy: up to ${VERSIONS_PER_MANAGED_POLICY} versions, the rest LimitExceeded`, async () => {
      const clients = await nodes();
      const [first] = clients;
      const created = await first?.send(new CreatePolicyCommand({ PolicyName: unique('versions'), PolicyDocument: DOC(0) }));
      const PolicyArn = created?.Policy?.Arn;
      const results = await race(clients, CONTENDERS, (iam, i) => iam.send(new CreatePolicyVersionCommand({ PolicyArn, PolicyDocument: DOC(i + 1) })));
      const winners = VERSIONS_PER_MANAGED_POLICY - 1;
      expect(tally(results)).toEqual({ ok: winners, 'LimitExceededException 409': CONTENDERS - winners });
      const won = results.flatMap((r) => (r.ok ? [r.value.PolicyVersion?.VersionId] : []));
      expect(new Set(won).size).toBe(winners);
      const stored = (await first?.send(new ListPolicyVersionsCommand({ PolicyArn })))?.Versions?.map((v) => v.VersionId).sort();
      expect(stored).toEqual(['v1', ...won].sort());
    });

    it(`AttachUserPolicy beyond the quota: ${MANAGED_POLICIES_PER_USER} attach, the rest LimitExceeded`, async () => {
      const clients = await nodes();
      const [first] = clients;
      const UserName = unique('attach');
      await first?.send(new CreateUserCommand({ UserName }));
      const arns: string[] = [];
      for (let i = 0; i < CONTENDERS; i += 1) {
        const created = await first?.send(new CreatePolicyCommand({ PolicyName: unique(`attach-${i}`), PolicyDocument: DOC(i) }));
        arns.push(created?.Policy?.Arn ?? '');
      }
      const results = await race(clients, CONTENDERS, (iam, i) => iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: arns[i] })));
      expect(tally(results)).toEqual({ ok: MANAGED_POLICIES_PER_USER, 'LimitExceededException 409': CONTENDERS - MANAGED_POLICIES_PER_USER });
      const won = arns.filter((_, i) => results[i]?.ok === true).sort();
      const stored = (await first?.send(new ListAttachedUserPoliciesCommand({ UserName })))?.AttachedPolicies?.map((p) => p.PolicyArn).sort();
      expect(stored).toEqual(won);
    });

    it('CreateUser with one name (in any letter case): one succeeds, the rest EntityAlreadyExists', async () => {
      const clients = await nodes();
      const [first] = clients;
      const base = unique('same');
      const spellings = [base, base.toUpperCase(), `${base[0]?.toUpperCase() ?? ''}${base.slice(1)}`];
      const results = await race(clients, CONTENDERS, (iam, i) => iam.send(new CreateUserCommand({ UserName: spellings[i % spellings.length] })));
      expect(tally(results)).toEqual({ ok: 1, 'EntityAlreadyExistsException 409': CONTENDERS - 1 });
      const winner = results.find((r) => r.ok)?.value.User?.UserName;
      const users = (await first?.send(new ListUsersCommand({})))?.Users?.map((u) => u.UserName).filter((n) => n?.toLowerCase() === base);
      expect(users).toEqual([winner]);
    });
  });
}

// --- one node on SQLite ---
let sqlite: ReturnType<typeof startTestServer> | undefined;
describeRaces('races on one SQLite node', async () => {
  sqlite ??= startTestServer();
  const server = await sqlite;
  return [server.iam()];
});

// --- two nodes on one PostgreSQL database (set up inside the tests: an unreachable server fails them) ---
interface Cluster {
  readonly db: TempDatabase;
  readonly nodes: readonly KeywardNode[];
}
let cluster: Promise<Cluster> | undefined;
describeRaces('races across two nodes sharing PostgreSQL', async () => {
  cluster ??= (async () => {
    const db = await createTempDatabase();
    // Two nodes share the database and, as a deployment would, one master key.
    const options = { dataDir: join(tmpdir(), unique('keyward-races-unused')), databaseUrl: db.url, masterKey: randomBytes(32).toString('hex') };
    const a = await startNode(options);
    const b = await startNode(options);
    return { db, nodes: [a, b] };
  })();
  return (await cluster).nodes.map((node) => node.iam());
});

afterAll(async () => {
  await (await sqlite?.catch(() => undefined))?.stop();
  const c = await cluster?.catch(() => undefined);
  for (const node of c?.nodes ?? []) await node.stop();
  await c?.db.drop();
}, 60_000);
