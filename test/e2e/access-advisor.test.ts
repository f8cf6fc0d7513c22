// Access advisor through the real AWS SDK: users, a role session and denied attempts generate
// activity in several regions, then service- and action-level reports for a user, a group, a
// role and a managed policy show exactly that activity, attributed as AWS attributes it.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  GetUserCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  type ServiceLastAccessed,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const ALICE = arn('user/alice');
const BOB = arn('user/bob');
const CAROL = arn('user/carol');
const ROLE = arn('role/ops/deploy');
const AUDITOR = arn('policy/auditor');

const t = useTestServer();
const iam = (keys: Keys | undefined, region: string): IAMClient =>
  new IAMClient({ endpoint: t.server.url, region, maxAttempts: 1, ...(keys !== undefined && { credentials: keys }) });
const sts = (keys: Keys, region: string): STSClient => new STSClient({ endpoint: t.server.url, region, credentials: keys, maxAttempts: 1 });
const policy = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource = '*'): object => ({ Effect: 'Allow', Action: action, Resource: resource });

async function userWithKey(name: string, document?: string): Promise<Keys> {
  const root = t.iam();
  await root.send(new CreateUserCommand({ UserName: name }));
  if (document !== undefined) await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'own', PolicyDocument: document }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function report(target: string, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL'): Promise<ServiceLastAccessed[]> {
  const root = t.iam();
  const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: target, Granularity: granularity }));
  const details = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
  expect(details.JobStatus).toBe('COMPLETED');
  return details.ServicesLastAccessed ?? [];
}

const byNamespace = (services: ServiceLastAccessed[]): Record<string, ServiceLastAccessed> =>
  Object.fromEntries(services.map((s) => [s.ServiceNamespace, s]));

let alice: Keys;
let bob: Keys;
let dave: Keys;
let started: Date;

beforeAll(async () => {
  const root = t.iam();
  alice = await userWithKey(
    'alice',
    policy(allow(['iam:Get*', 'iam:List*']), allow(['sts:GetCallerIdentity', 'sts:AssumeRole']), allow('s3:GetObject')),
  );
  bob = await userWithKey('bob', policy(allow('iam:GetUser')));
  dave = await userWithKey(
    'dave',
    policy(allow('iam:GenerateServiceLastAccessedDetails', ALICE), allow(['iam:GetServiceLastAccessedDetails', 'iam:GetServiceLastAccessedDetailsWithEntities'])),
  );
  await root.send(new CreateUserCommand({ UserName: 'carol' }));
  await root.send(new CreateGroupCommand({ GroupName: 'devs' }));
  await root.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'read', PolicyDocument: policy(allow(['iam:ListUsers', 'iam:GetUser'])) }));
  for (const user of ['alice', 'bob']) await root.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: user }));
  const trust = policy({ Effect: 'Allow', Principal: { AWS: arn('root') }, Action: 'sts:AssumeRole' });
  await root.send(new CreateRoleCommand({ RoleName: 'deploy', Path: '/ops/', AssumeRolePolicyDocument: trust }));
  await root.send(new CreatePolicyCommand({ PolicyName: 'auditor', PolicyDocument: policy(allow('iam:ListRoles')) }));
  await root.send(new AttachRolePolicyCommand({ RoleName: 'deploy', PolicyArn: AUDITOR }));
  await root.send(new AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: AUDITOR }));

  // The activity, in this order (each call is a distinct moment).
  started = new Date();
  await iam(alice, 'eu-west-1').send(new GetUserCommand({}));
  await iam(alice, 'us-east-1').send(new ListUsersCommand({}));
  const { Credentials } = await sts(alice, 'us-east-1').send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 's1' }));
  await sts(alice, 'eu-west-1').send(new GetCallerIdentityCommand({}));
  const session = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! };
  await iam(session, 'us-west-2').send(new ListRolesCommand({}));
  await iam(bob, 'ap-southeast-2').send(new GetUserCommand({}));
  // A denied attempt still counts, as in AWS.
  await expect(iam(bob, 'ap-southeast-2').send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
});


describe('GenerateServiceLastAccessedDetails for a user', () => {
  it('lists exactly the allowed services, with the last attempt, entity and region', async () => {
    const services = await report(ALICE);
    expect(services.map((s) => s.ServiceNamespace)).toEqual(['iam', 's3', 'sts']);
    const s = byNamespace(services);
    expect(s.iam).toMatchObject({
      ServiceName: 'AWS Identity and Access Management (IAM)',
      LastAuthenticatedEntity: ALICE,
      LastAuthenticatedRegion: 'us-east-1',
      TotalAuthenticatedEntities: 1,
    });
    expect(s.iam?.LastAuthenticated?.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(s.sts).toMatchObject({ LastAuthenticatedEntity: ALICE, LastAuthenticatedRegion: 'eu-west-1', TotalAuthenticatedEntities: 1 });
    // Allowed but never used: listed without an attempt.
    expect(s.s3).toEqual({ ServiceName: 'Amazon S3', ServiceNamespace: 's3', TotalAuthenticatedEntities: 0 });
    expect(s.iam?.TrackedActionsLastAccessed).toBeUndefined();
  });

  it('lists the tracked actions at ACTION_LEVEL, with details for the attempted ones', async () => {
    const s = byNamespace(await report(ALICE, 'ACTION_LEVEL'));
    const used = (ns: string) => (s[ns]?.TrackedActionsLastAccessed ?? []).filter((a) => a.LastAccessedTime !== undefined);
    expect(used('iam').map((a) => [a.ActionName, a.LastAccessedEntity, a.LastAccessedRegion])).toEqual([
      ['GetUser', ALICE, 'eu-west-1'],
      ['ListUsers', ALICE, 'us-east-1'],
    ]);
    const iamActions = s.iam?.TrackedActionsLastAccessed?.map((a) => a.ActionName) ?? [];
    expect(iamActions).toContain('GetRole');
    expect(iamActions).not.toContain('CreateUser');
    expect(s.sts?.TrackedActionsLastAccessed?.map((a) => [a.ActionName, a.LastAccessedRegion])).toEqual([
      ['AssumeRole', 'us-east-1'],
      ['GetCallerIdentity', 'eu-west-1'],
    ]);
    expect(s.s3?.TrackedActionsLastAccessed).toBeUndefined();
  });

  it('counts a denied attempt on an allowed service', async () => {
    const s = byNamespace(await report(BOB));
    expect(Object.keys(s)).toEqual(['iam']);
    expect(s.iam).toMatchObject({ LastAuthenticatedEntity: BOB, LastAuthenticatedRegion: 'ap-southeast-2' });
    const tracked = byNamespace(await report(BOB, 'ACTION_LEVEL')).iam?.TrackedActionsLastAccessed;
    // His own policy and his group's allow these two; ListRoles was attempted but is not allowed.
    expect(tracked?.map((a) => a.ActionName)).toEqual(['GetUser', 'ListUsers']);
  });

  it('pages ServicesLastAccessed with MaxItems and Marker', async () => {
    const root = t.iam();
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: ALICE }));
    const first = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.JobType).toBe('SERVICE_LEVEL');
    expect(first.JobCreationDate).toBeInstanceOf(Date);
    expect(first.JobCompletionDate).toBeInstanceOf(Date);
    expect(first.ServicesLastAccessed?.map((s) => s.ServiceNamespace)).toEqual(['iam', 's3']);
    const second = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 2, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect(second.ServicesLastAccessed?.map((s) => s.ServiceNamespace)).toEqual(['sts']);
  });
});

describe('reports for groups, roles and policies', () => {
  it("covers a group's members: the newest member attempt and how many members attempted", async () => {
    const s = byNamespace(await report(arn('group/devs')));
    expect(Object.keys(s)).toEqual(['iam']);
    expect(s.iam).toMatchObject({ LastAuthenticatedEntity: BOB, LastAuthenticatedRegion: 'ap-southeast-2', TotalAuthenticatedEntities: 2 });
    const root = t.iam();
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn('group/devs') }));
    const entities = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }));
    expect(entities.EntityDetailsList?.map((e) => [e.EntityInfo?.Arn, e.EntityInfo?.Type, e.EntityInfo?.Name])).toEqual([
      [BOB, 'USER', 'bob'],
      [ALICE, 'USER', 'alice'],
    ]);
    expect(entities.EntityDetailsList?.every((e) => e.LastAuthenticated instanceof Date)).toBe(true);
    const page = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam', MaxItems: 1 }));
    expect(page.IsTruncated).toBe(true);
    const rest = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam', Marker: page.Marker }));
    expect(rest.EntityDetailsList?.map((e) => e.EntityInfo?.Name)).toEqual(['alice']);
  });

  it("attributes a role session's attempts to the role", async () => {
    const s = byNamespace(await report(ROLE));
    expect(s.iam).toMatchObject({ LastAuthenticatedEntity: ROLE, LastAuthenticatedRegion: 'us-west-2', TotalAuthenticatedEntities: 1 });
  });

  it('covers the entities a managed policy is attached to, used or not', async () => {
    const s = byNamespace(await report(AUDITOR));
    expect(s.iam).toMatchObject({ LastAuthenticatedEntity: ROLE, TotalAuthenticatedEntities: 1 });
    const root = t.iam();
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: AUDITOR }));
    const entities = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }));
    expect(entities.EntityDetailsList?.map((e) => [e.EntityInfo?.Arn, e.EntityInfo?.Type, e.EntityInfo?.Path])).toEqual([
      [ROLE, 'ROLE', '/ops/'],
      [CAROL, 'USER', '/'],
    ]);
    expect(entities.EntityDetailsList?.[1]?.LastAuthenticated).toBeUndefined();
  });
});

describe('errors and enforcement', () => {
  it('answers NoSuchEntity for an unknown job or entity and InvalidInput for another kind of ARN', async () => {
    const root = t.iam();
    await expect(
      root.send(new GetServiceLastAccessedDetailsCommand({ JobId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
    await expect(root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn('user/ghost') }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
    await expect(root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn('policy/nope') }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${arn('policy/nope')} was not found.`,
    });
    const bucket = 'arn:aws:s3:::some-bucket-name';
    await expect(root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: bucket }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: `ARN ${bucket} is not valid.`,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('authorizes Generate against the target ARN', async () => {
    const client = iam(dave, 'us-east-1');
    const { JobId } = await client.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: ALICE }));
    expect((await client.send(new GetServiceLastAccessedDetailsCommand({ JobId }))).JobStatus).toBe('COMPLETED');
    await expect(client.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: BOB }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });
});
