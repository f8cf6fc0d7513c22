// The store benchmark's account, written straight through the Store port in large
// transactions (not through HTTP): `users` users, a tenth as many groups and roles, half as
// many customer managed policies, each user in a group with a policy attached, each group and
// role with policies attached. Deterministic names, so the benchmark knows what to ask for.

import { SecretBox } from '../src/auth/secret-box.js';
import { newUniqueId } from '../src/domain/ids.js';
import { cryptoRandom } from '../src/domain/random.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { openStore, type StoreConfig } from '../src/storage/open-store.js';
import type { StoreTx } from '../src/storage/ports.js';

export const BENCH_ACCOUNT = '210987654321';
const BATCH = 2000;

export interface Shape {
  readonly users: number;
  readonly groups: number;
  readonly roles: number;
  readonly policies: number;
}

export function shapeFor(users: number): Shape {
  return { users, groups: Math.max(1, users / 10), roles: Math.max(1, users / 10), policies: Math.max(1, users / 2) };
}

const pad = (i: number): string => String(i).padStart(6, '0');
export const userName = (i: number): string => `user-${pad(i)}`;
const groupName = (i: number): string => `group-${pad(i)}`;
const roleName = (i: number): string => `role-${pad(i)}`;
const policyName = (i: number): string => `policy-${pad(i)}`;
const arn = (kind: string, path: string, name: string): string => `arn:aws:iam::${BENCH_ACCOUNT}:${kind}${path}${name}`;

const DOC = (i: number): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: `arn:aws:s3:::bucket-${i}/*` }] });
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

async function inBatches(config: StoreConfig, count: number, write: (tx: StoreTx, i: number) => Promise<unknown>): Promise<void> {
  const store = await openStore(config);
  try {
    for (let start = 0; start < count; start += BATCH) {
      await store.write(async (tx) => {
        for (let i = start; i < Math.min(count, start + BATCH); i += 1) await write(tx, i);
      });
    }
  } finally {
    await store.close();
  }
}

/** Bootstraps the account (root key, AWS managed policies) and writes the shape's entities. */
export async function loadStore(config: StoreConfig, shape: Shape, secrets: SecretBox, root: { accessKeyId: string; secretAccessKey: string }): Promise<void> {
  const store = await openStore(config);
  try {
    await bootstrap(store, { accountId: BENCH_ACCOUNT, rootAccessKeyId: root.accessKeyId, rootSecretAccessKey: root.secretAccessKey, now: new Date(), random: cryptoRandom, secrets });
  } finally {
    await store.close();
  }
  const created = new Date();
  await inBatches(config, shape.policies, async (tx, i) => {
    const name = policyName(i);
    const policyArn = arn('policy', '/bench/', name);
    await tx.policies.insert({
      accountId: BENCH_ACCOUNT,
      id: newUniqueId('ANPA'),
      name,
      path: '/bench/',
      arn: policyArn,
      createDate: created,
      updateDate: created,
      defaultVersionId: 'v1',
      tags: [],
      isAttachable: true,
    });
    await tx.policies.versions.insert({ policyArn, versionId: 'v1', document: DOC(i), isDefault: true, createDate: created });
  });
  await inBatches(config, shape.groups, async (tx, i) => {
    const name = groupName(i);
    await tx.groups.insert({ accountId: BENCH_ACCOUNT, id: newUniqueId('AGPA'), name, path: '/', arn: arn('group', '/', name), createDate: created });
    for (const p of [i, i + shape.groups]) await tx.policies.attachments.attach({ accountId: BENCH_ACCOUNT, kind: 'group', name }, arn('policy', '/bench/', policyName(p % shape.policies)));
  });
  await inBatches(config, shape.roles, async (tx, i) => {
    const name = roleName(i);
    await tx.roles.insert({
      accountId: BENCH_ACCOUNT,
      id: newUniqueId('AROA'),
      name,
      path: '/service/',
      arn: arn('role', '/service/', name),
      createDate: created,
      assumeRolePolicyDocument: TRUST,
      maxSessionDuration: 3600,
      tags: [{ key: 'team', value: `t${i % 50}` }],
    });
    await tx.policies.attachments.attach({ accountId: BENCH_ACCOUNT, kind: 'role', name }, arn('policy', '/bench/', policyName((i * 7) % shape.policies)));
  });
  await inBatches(config, shape.users, async (tx, i) => {
    const name = userName(i);
    await tx.users.insert({ accountId: BENCH_ACCOUNT, id: newUniqueId('AIDA'), name, path: '/', arn: arn('user', '/', name), createDate: created, tags: [{ key: 'team', value: `t${i % 50}` }] });
    await tx.groups.members.addUser(BENCH_ACCOUNT, groupName(i % shape.groups), name);
    await tx.policies.attachments.attach({ accountId: BENCH_ACCOUNT, kind: 'user', name }, arn('policy', '/bench/', policyName(i % shape.policies)));
  });
}
