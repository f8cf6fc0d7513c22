// Shared setup for the STS end-to-end tests: a Keyward node whose clock the test moves
// (SDK clients follow it through systemClockOffset, so SigV4 stays within its skew),
// users with policies, and roles with trust policies.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { STSClient, type Credentials as StsCredentials } from '@aws-sdk/client-sts';
import { ACCOUNT_ID, ROOT_KEY } from './server.js';
import { startNode, type KeywardNode } from './keyward-node.js';

export interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface StsNode {
  readonly node: KeywardNode;
  /** Moves the server clock (and the clients made afterwards) by `ms`. */
  advance(ms: number): void;
  /** The server's clock. */
  now(): Date;
  iam(keys?: Keys): Pick<IAMClient, 'send'>;
  sts(keys?: Keys): Pick<STSClient, 'send'>;
  stop(): Promise<void>;
}

export async function startStsNode(options: { masterKey?: string; dataDir?: string } = {}): Promise<StsNode> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'keyward-sts-')));
  let offset = 0;
  const node = await startNode({
    dataDir,
    clock: () => new Date(Date.now() + offset),
    ...(options.masterKey !== undefined && { masterKey: options.masterKey }),
  });
  // A client per request: the SDK resets its clock offset from the HTTP Date header (the
  // real time) after the first response, which would break signing on the moved clock.
  const client = <T extends { send: (...args: never[]) => unknown }>(Ctor: new (config: object) => T, keys: Keys = ROOT_KEY): Pick<T, 'send'> =>
    ({
      send: (...args: Parameters<T['send']>) =>
        new Ctor({ endpoint: node.url, region: 'us-east-1', credentials: keys, maxAttempts: 1, systemClockOffset: offset }).send(...args),
    }) as Pick<T, 'send'>;
  return {
    node,
    advance: (ms) => {
      offset += ms;
    },
    now: () => new Date(Date.now() + offset),
    iam: (keys) => client(IAMClient, keys),
    sts: (keys) => client(STSClient, keys),
    async stop() {
      await node.stop();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function statement(effect: 'Allow' | 'Deny', action: string | string[], resource: string | string[] = '*', condition?: object): object {
  return { Effect: effect, Action: action, Resource: resource, ...(condition !== undefined && { Condition: condition }) };
}

export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A trust policy: `principal` is an AWS principal (ARN or account) allowed the listed actions. */
export function trust(principal: string | string[], actions: string[] = ['sts:AssumeRole'], condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: actions, ...(condition !== undefined && { Condition: condition }) }],
  });
}

export const accountRoot = `arn:aws:iam::${ACCOUNT_ID}:root`;
export const roleArnOf = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
export const userArnOf = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;

export async function createUser(t: StsNode, name: string, inlinePolicy?: string): Promise<Keys> {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (inlinePolicy !== undefined) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'inline', PolicyDocument: inlinePolicy }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

export interface RoleOptions {
  readonly inlinePolicy?: string;
  readonly attach?: string;
  readonly maxSessionDuration?: number;
  readonly tags?: { Key: string; Value: string }[];
}

export async function createRole(t: StsNode, name: string, trustPolicy: string, options: RoleOptions = {}): Promise<string> {
  const iam = t.iam();
  const { Role } = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trustPolicy,
      ...(options.maxSessionDuration !== undefined && { MaxSessionDuration: options.maxSessionDuration }),
      ...(options.tags !== undefined && { Tags: options.tags }),
    }),
  );
  if (options.inlinePolicy !== undefined) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: options.inlinePolicy }));
  if (options.attach !== undefined) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: options.attach }));
  return Role!.Arn!;
}

export function sessionKeys(credentials: StsCredentials | undefined): Keys {
  return { accessKeyId: credentials!.AccessKeyId!, secretAccessKey: credentials!.SecretAccessKey!, sessionToken: credentials!.SessionToken! };
}
