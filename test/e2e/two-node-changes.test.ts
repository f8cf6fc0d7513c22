// docs/consistency.md's promise, change by change: two nodes on one PostgreSQL database,
// node B's caches warm, a change made through node A applies on B's very next request; and
// the same with B's LISTEN connection killed: B serves nothing stale while it is down, and
// listens again afterwards.

import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupPolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  UpdateAccessKeyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand, type Credentials as StsCredentials } from '@aws-sdk/client-sts';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID } from '../support/server.js';
import { createUserWithKey, type KeywardNode } from '../support/keyward-node.js';
import { startPgCluster, type PgCluster } from './support/pg-cluster.js';
import type { Credentials } from '../support/signed-request.js';

const SLOW = { timeout: 90_000 };
const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ALLOW_LIST = { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' };
const DENY_LIST = { Effect: 'Deny', Action: 'iam:ListUsers', Resource: '*' };
const LIST_ONLY = { Effect: 'Allow', Action: 'iam:List*', Resource: '*' };
const GET_ONLY = { Effect: 'Allow', Action: 'iam:Get*', Resource: '*' };
const INVALID_TOKEN = { name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } };
const ACCESS_DENIED = { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } };

let started: Promise<PgCluster> | undefined;
function cluster(): Promise<PgCluster> {
  started ??= startPgCluster();
  return started;
}
afterAll(async () => {
  await (await started?.catch(() => undefined))?.stop();
}, 60_000);

const session = (c: StsCredentials | undefined): Credentials => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

/** What one case made through node A: the credentials B's probe signs with. */
interface Made {
  readonly credentials: Credentials;
  readonly key: Credentials;
}

interface ChangeCase {
  readonly name: string;
  /** Through A, as root unless said otherwise; `n` is a name unique to this run of the case. */
  setup(a: KeywardNode, n: string): Promise<Made>;
  /** Through B: allowed before the change, refused after it. */
  probe(b: KeywardNode, made: Made, n: string): Promise<unknown>;
  change(a: KeywardNode, made: Made, n: string): Promise<void>;
  readonly refusal: object;
}

const whoAmI = (b: KeywardNode, made: Made) => b.sts(made.credentials).send(new GetCallerIdentityCommand({}));
const listUsers = (b: KeywardNode, made: Made) => b.iam(made.credentials).send(new ListUsersCommand({ MaxItems: 1 }));

async function userWithInline(a: KeywardNode, n: string, statement: object = ALLOW_LIST): Promise<Made> {
  const key = await createUserWithKey(a, n);
  await a.iam().send(new PutUserPolicyCommand({ UserName: n, PolicyName: 'allow', PolicyDocument: doc(statement) }));
  return { credentials: key, key };
}

/** A role trusting user `n`, with an inline allow of ListUsers, and a session of it assumed by `n` through A. */
async function roleSession(a: KeywardNode, n: string): Promise<Made> {
  const key = await createUserWithKey(a, n);
  await a.iam().send(new PutUserPolicyCommand({ UserName: n, PolicyName: 'assume', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
  await a.iam().send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: arn(`user/${n}`) }, Action: 'sts:AssumeRole' }) }));
  await a.iam().send(new PutRolePolicyCommand({ RoleName: n, PolicyName: 'allow', PolicyDocument: doc(ALLOW_LIST) }));
  const out = await a.sts(key).send(new AssumeRoleCommand({ RoleArn: arn(`role/${n}`), RoleSessionName: 'probe' }));
  return { credentials: session(out.Credentials), key };
}

async function managedPolicy(a: KeywardNode, name: string, statement: object): Promise<string> {
  return (await a.iam().send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc(statement) }))).Policy!.Arn!;
}

const CASES: readonly ChangeCase[] = [
  {
    name: 'access key deactivated',
    setup: (a, n) => userWithInline(a, n),
    probe: whoAmI,
    change: async (a, made, n) => {
      await a.iam().send(new UpdateAccessKeyCommand({ UserName: n, AccessKeyId: made.key.accessKeyId, Status: 'Inactive' }));
    },
    refusal: INVALID_TOKEN,
  },
  {
    name: 'access key deleted',
    setup: (a, n) => userWithInline(a, n),
    probe: whoAmI,
    change: async (a, made, n) => {
      await a.iam().send(new DeleteAccessKeyCommand({ UserName: n, AccessKeyId: made.key.accessKeyId }));
    },
    refusal: INVALID_TOKEN,
  },
  {
    name: "user deleted and recreated under the same name (its GetSessionToken session)",
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      return { credentials: session((await a.sts(key).send(new GetSessionTokenCommand({}))).Credentials), key };
    },
    probe: whoAmI,
    change: async (a, made, n) => {
      await a.iam().send(new DeleteAccessKeyCommand({ UserName: n, AccessKeyId: made.key.accessKeyId }));
      await a.iam().send(new DeleteUserCommand({ UserName: n }));
      await a.iam().send(new CreateUserCommand({ UserName: n }));
    },
    refusal: INVALID_TOKEN,
  },
  {
    name: "user deleted (its GetFederationToken session)",
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      await a.iam().send(new PutUserPolicyCommand({ UserName: n, PolicyName: 'federate', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' }) }));
      const out = await a.sts(key).send(new GetFederationTokenCommand({ Name: 'probe', Policy: doc(ALLOW_LIST) }));
      return { credentials: session(out.Credentials), key };
    },
    probe: whoAmI,
    change: async (a, made, n) => {
      await a.iam().send(new DeleteAccessKeyCommand({ UserName: n, AccessKeyId: made.key.accessKeyId }));
      await a.iam().send(new DeleteUserPolicyCommand({ UserName: n, PolicyName: 'federate' }));
      await a.iam().send(new DeleteUserCommand({ UserName: n }));
    },
    refusal: INVALID_TOKEN,
  },
  {
    name: 'managed policy detached',
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      await a.iam().send(new AttachUserPolicyCommand({ UserName: n, PolicyArn: await managedPolicy(a, n, ALLOW_LIST) }));
      return { credentials: key, key };
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new DetachUserPolicyCommand({ UserName: n, PolicyArn: arn(`policy/${n}`) }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'inline policy with a deny put',
    setup: (a, n) => userWithInline(a, n),
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new PutUserPolicyCommand({ UserName: n, PolicyName: 'deny', PolicyDocument: doc(DENY_LIST) }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'managed policy version with a deny created as the default',
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      await a.iam().send(new AttachUserPolicyCommand({ UserName: n, PolicyArn: await managedPolicy(a, n, ALLOW_LIST) }));
      return { credentials: key, key };
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn(`policy/${n}`), PolicyDocument: doc(ALLOW_LIST, DENY_LIST), SetAsDefault: true }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'managed policy version with a deny set as the default afterwards',
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      const policyArn = await managedPolicy(a, n, ALLOW_LIST);
      await a.iam().send(new AttachUserPolicyCommand({ UserName: n, PolicyArn: policyArn }));
      await a.iam().send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: doc(DENY_LIST), SetAsDefault: false }));
      return { credentials: key, key };
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn(`policy/${n}`), VersionId: 'v2' }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'permissions boundary set',
    setup: async (a, n) => {
      await managedPolicy(a, `${n}-get`, GET_ONLY);
      return userWithInline(a, n);
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new PutUserPermissionsBoundaryCommand({ UserName: n, PermissionsBoundary: arn(`policy/${n}-get`) }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'permissions boundary changed to another policy',
    setup: async (a, n) => {
      await managedPolicy(a, `${n}-get`, GET_ONLY);
      const made = await userWithInline(a, n);
      await a.iam().send(new PutUserPermissionsBoundaryCommand({ UserName: n, PermissionsBoundary: await managedPolicy(a, `${n}-list`, LIST_ONLY) }));
      return made;
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new PutUserPermissionsBoundaryCommand({ UserName: n, PermissionsBoundary: arn(`policy/${n}-get`) }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: "permissions boundary policy's default version changed",
    setup: async (a, n) => {
      const made = await userWithInline(a, n);
      await a.iam().send(new PutUserPermissionsBoundaryCommand({ UserName: n, PermissionsBoundary: await managedPolicy(a, `${n}-bound`, LIST_ONLY) }));
      return made;
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn(`policy/${n}-bound`), PolicyDocument: doc(GET_ONLY), SetAsDefault: true }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'group membership removed',
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      await a.iam().send(new CreateGroupCommand({ GroupName: n }));
      await a.iam().send(new PutGroupPolicyCommand({ GroupName: n, PolicyName: 'allow', PolicyDocument: doc(ALLOW_LIST) }));
      await a.iam().send(new AddUserToGroupCommand({ GroupName: n, UserName: n }));
      return { credentials: key, key };
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new RemoveUserFromGroupCommand({ GroupName: n, UserName: n }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: "group's inline policy deleted",
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      await a.iam().send(new CreateGroupCommand({ GroupName: n }));
      await a.iam().send(new PutGroupPolicyCommand({ GroupName: n, PolicyName: 'allow', PolicyDocument: doc(ALLOW_LIST) }));
      await a.iam().send(new AddUserToGroupCommand({ GroupName: n, UserName: n }));
      return { credentials: key, key };
    },
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new DeleteGroupPolicyCommand({ GroupName: n, PolicyName: 'allow' }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'role trust policy changed',
    setup: async (a, n) => {
      const key = await createUserWithKey(a, n);
      await a.iam().send(new PutUserPolicyCommand({ UserName: n, PolicyName: 'assume', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
      await a.iam().send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: arn(`user/${n}`) }, Action: 'sts:AssumeRole' }) }));
      return { credentials: key, key };
    },
    probe: (b, made, n) => b.sts(made.credentials).send(new AssumeRoleCommand({ RoleArn: arn(`role/${n}`), RoleSessionName: 'probe' })),
    change: async (a, _made, n) => {
      await a.iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: n, PolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: 'role deleted and recreated under the same name with the same policy (its old session)',
    setup: roleSession,
    probe: listUsers,
    change: async (a, _made, n) => {
      await a.iam().send(new DeleteRolePolicyCommand({ RoleName: n, PolicyName: 'allow' }));
      await a.iam().send(new DeleteRoleCommand({ RoleName: n }));
      await a.iam().send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: arn(`user/${n}`) }, Action: 'sts:AssumeRole' }) }));
      await a.iam().send(new PutRolePolicyCommand({ RoleName: n, PolicyName: 'allow', PolicyDocument: doc(ALLOW_LIST) }));
    },
    refusal: ACCESS_DENIED,
  },
  {
    name: "role's sessions revoked (AWSRevokeOlderSessions)",
    setup: roleSession,
    probe: listUsers,
    change: async (a, _made, n) => {
      // As the console writes it: deny everything to sessions issued before now.
      const revoke = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': new Date(Date.now() + 1000).toISOString() } } };
      await a.iam().send(new PutRolePolicyCommand({ RoleName: n, PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: doc(revoke) }));
    },
    refusal: ACCESS_DENIED,
  },
];

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);

/** Sets the case up through A, warms B (twice: key, caller and policies cached), changes it through A. */
async function warmThenChange(c: PgCluster, kase: ChangeCase, n: string, between: (made: Made) => Promise<void> = async () => undefined): Promise<Made> {
  const made = await kase.setup(c.a, n);
  await kase.probe(c.b, made, n);
  await kase.probe(c.b, made, n);
  await between(made);
  await kase.change(c.a, made, n);
  return made;
}

const LISTENER_QUERY = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND (query LIKE 'LISTEN %' OR query = 'SELECT 1')`;

/** Node B's LISTEN connection: the only one of B's that sends LISTEN or the listener's `SELECT 1` round trips. */
async function listenerPids(c: PgCluster): Promise<number[]> {
  const rows = await c.sql<{ pid: number }>(LISTENER_QUERY, [c.names.b]);
  return rows.map((r) => r.pid);
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, everyMs = 50): Promise<T> {
  for (let i = 0; i < 10_000 / everyMs; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Kills B's listener and returns once PostgreSQL has ended that backend. */
async function killListener(c: PgCluster): Promise<void> {
  const [pid] = await waitFor("B's listener", () => listenerPids(c), (pids) => pids.length === 1);
  expect(await c.sql('SELECT pg_terminate_backend($1) AS killed', [pid])).toEqual([{ killed: true }]);
  await waitFor("the listener's backend to end", () => c.sql('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]), (rows) => rows.length === 0);
}

describe('a change through node A applies on node B at its very next request', SLOW, () => {
  for (const kase of CASES) {
    it(kase.name, async () => {
      const c = await cluster();
      const n = `up-${slug(kase.name)}`;
      const made = await warmThenChange(c, kase, n);
      await expect(kase.probe(c.b, made, n)).rejects.toMatchObject(kase.refusal);
    });
  }
});

describe("with node B's LISTEN connection killed", SLOW, () => {
  for (const kase of CASES) {
    it(`${kase.name}: B, its listener killed after its caches were warmed, still refuses at once`, async () => {
      const c = await cluster();
      const n = `down-${slug(kase.name)}`;
      // Read through B again once it is down: what it reads then must not be kept.
      const made = await warmThenChange(c, kase, n, async (warm) => {
        await killListener(c);
        await kase.probe(c.b, warm, n);
      });
      await expect(kase.probe(c.b, made, n)).rejects.toMatchObject(kase.refusal);
    });
  }

  it('while the listener is down B reads through its caches: even a change no node announced is seen', async () => {
    const c = await cluster();
    const key = await createUserWithKey(c.a, 'down-unannounced');
    const who = () => c.b.sts(key).send(new GetCallerIdentityCommand({}));
    await who();
    await who();
    // One connection kept open: a round must fit in the half second before B reconnects.
    const admin = new pg.Client({ connectionString: c.db.url });
    await admin.connect();
    const setStatus = (status: string) => admin.query('UPDATE access_keys SET status = $1 WHERE access_key_id = $2', [status, key.accessKeyId]);
    const rounds: string[] = [];
    try {
      // Try again until one round ran wholly while B was down.
      for (let attempt = 0; attempt < 20 && !rounds.includes('down'); attempt += 1) {
        const [pid] = await waitFor("B's listener", () => admin.query<{ pid: number }>(LISTENER_QUERY, [c.names.b]).then((r) => r.rows.map((row) => row.pid)), (pids) => pids.length === 1);
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await waitFor('the listener to end', () => admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]).then((r) => r.rows), (rows) => rows.length === 0, 5);
        await who();
        // Written straight to the database: no pg_notify, so only a node that trusts no cache sees it.
        await setStatus('Inactive');
        const refused = await who().then(() => 'served', (error: unknown) => (error as { name?: string }).name);
        const listening = (await admin.query(LISTENER_QUERY, [c.names.b])).rows.length > 0;
        await setStatus('Active');
        expect(refused).toBe('InvalidClientTokenId');
        rounds.push(listening ? 'back' : 'down');
      }
    } finally {
      await admin.end();
    }
    expect(rounds).toContain('down');
  });

  it('recovers: B listens again, and changes through A keep applying on its next request', async () => {
    const c = await cluster();
    await killListener(c);
    const back = await waitFor("B's listener to come back", () => listenerPids(c), (pids) => pids.length === 1);
    expect(back).toHaveLength(1);
    const key = await createUserWithKey(c.a, 'down-recovered');
    await c.a.iam().send(new PutUserPolicyCommand({ UserName: 'down-recovered', PolicyName: 'allow', PolicyDocument: doc(ALLOW_LIST) }));
    for (let round = 0; round < 3; round += 1) {
      await c.b.iam(key).send(new ListUsersCommand({ MaxItems: 1 }));
      await c.b.iam(key).send(new ListUsersCommand({ MaxItems: 1 }));
      await c.a.iam().send(new PutUserPolicyCommand({ UserName: 'down-recovered', PolicyName: 'deny', PolicyDocument: doc(DENY_LIST) }));
      await expect(c.b.iam(key).send(new ListUsersCommand({ MaxItems: 1 }))).rejects.toMatchObject(ACCESS_DENIED);
      await c.a.iam().send(new DeleteUserPolicyCommand({ UserName: 'down-recovered', PolicyName: 'deny' }));
    }
  });
});
