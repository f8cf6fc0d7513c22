// Policy generation end to end, run on SQLite (policy-generation.test.ts) and PostgreSQL
// (policy-generation-postgres.test.ts): a role is assumed and used for a set of actions through
// the SDK; the policy Access Analyzer generates from the trail allows exactly those (checked
// with SimulateCustomPolicy on the used actions and resources and on neighbouring unused ones),
// and the job API answers in AWS's shapes and errors.

import {
  AccessAnalyzerClient,
  AccessDeniedException,
  CancelPolicyGenerationCommand,
  ConflictException,
  GetGeneratedPolicyCommand,
  ListPolicyGenerationsCommand,
  StartPolicyGenerationCommand,
  ValidationException,
  type GetGeneratedPolicyCommandOutput,
} from '@aws-sdk/client-accessanalyzer';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListGroupsCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { clientRequest, keywardCall, NOTES_DEFINITION } from '../support/authorize-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What the cases need of a running server. */
export interface GenerationTarget {
  readonly url: string;
  iam(credentials?: Credentials): IAMClient;
  sts(credentials?: Credentials): STSClient;
  /** Writes buffered trail events now. */
  flush(): Promise<void>;
}

const ROLE = 'pg-worker';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/app/${ROLE}`;
const TRAIL = { cloudTrailArn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/keyward`, allRegions: true };
const ACCESS_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/service-role/AccessAnalyzerMonitorServiceRole`;
const user = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;

const policy = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function analyzer(target: GenerationTarget, credentials?: Credentials): AccessAnalyzerClient {
  return new AccessAnalyzerClient({
    endpoint: target.url,
    region: 'us-east-1',
    maxAttempts: 1,
    ...(credentials !== undefined && { credentials }),
    ...(credentials === undefined && { credentials: { accessKeyId: 'AKIAKEYWARDTESTROOT1', secretAccessKey: 'keyward-test-root-secret-0123456789abcdef' } }),
  });
}

async function userKey(target: GenerationTarget, name: string, statements: object[]): Promise<Credentials> {
  const iam = target.iam();
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy(statements) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function assume(target: GenerationTarget, caller: Credentials, session: string): Promise<Credentials> {
  const out = await target.sts(caller).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: session }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Polls GetGeneratedPolicy until the job leaves IN_PROGRESS. */
async function finished(aa: AccessAnalyzerClient, jobId: string, options: { includeResourcePlaceholders?: boolean; includeServiceLevelTemplate?: boolean } = {}): Promise<GetGeneratedPolicyCommandOutput> {
  for (let i = 0; i < 100; i += 1) {
    const out = await aa.send(new GetGeneratedPolicyCommand({ jobId, ...options }));
    if (out.jobDetails?.status !== 'IN_PROGRESS') return out;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${jobId} did not finish`);
}

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

function statementsOf(out: GetGeneratedPolicyCommandOutput): Statement[] {
  return (out.generatedPolicyResult?.generatedPolicies ?? []).flatMap((p) => (JSON.parse(p.policy!) as { Statement: Statement[] }).Statement);
}

async function decisions(iam: IAMClient, policies: string[], cases: readonly (readonly [string, string])[]): Promise<string[]> {
  const out: string[] = [];
  for (const [action, resource] of cases) {
    const r = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: policies, ActionNames: [action], ResourceArns: [resource] }));
    out.push(r.EvaluationResults?.[0]?.EvalDecision ?? 'none');
  }
  return out;
}

export function policyGenerationCases(target: () => Promise<GenerationTarget>): void {
  describe('policy generation from a role\'s activity', { timeout: 120_000 }, () => {
    let jobId = '';
    let startTime = new Date();

    it('generates the least-privilege policy of exactly what the role\'s sessions did', async () => {
      const t = await target();
      const root = t.iam();
      startTime = new Date(Date.now() - 1000);
      await root.send(
        new CreateRoleCommand({
          RoleName: ROLE,
          Path: '/app/',
          AssumeRolePolicyDocument: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }]),
        }),
      );
      await root.send(new PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'broad', PolicyDocument: policy([{ Effect: 'Allow', Action: ['iam:*', 'sts:*'], Resource: '*' }]) }));
      await root.send(new CreateUserCommand({ UserName: 'pg-existing' }));
      const caller = await userKey(t, 'pg-caller', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }]);

      // Two sessions of the role: the policy covers both.
      const first = t.iam(await assume(t, caller, 'one'));
      await first.send(new CreateUserCommand({ UserName: 'pg-made' }));
      await first.send(new TagUserCommand({ UserName: 'pg-made', Tags: [{ Key: 'team', Value: 'a' }] }));
      await first.send(new GetUserCommand({ UserName: 'pg-made' }));
      await first.send(new GetUserCommand({ UserName: 'pg-existing' }));
      const second = t.iam(await assume(t, caller, 'two'));
      await second.send(new ListUsersCommand({}));
      await second.send(new GetRoleCommand({ RoleName: ROLE }));
      // A call the role's policy does not allow granted nothing, and is not in the policy.
      await root.send(new PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'deny', PolicyDocument: policy([{ Effect: 'Deny', Action: 'iam:ListGroups', Resource: '*' }]) }));
      await expect(second.send(new ListGroupsCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
      // The caller's own calls are not the role's.
      await t.iam(caller).send(new ListUsersCommand({})).catch(() => undefined);
      await t.flush();

      const aa = analyzer(t);
      const started = await aa.send(
        new StartPolicyGenerationCommand({
          policyGenerationDetails: { principalArn: ROLE_ARN },
          cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime },
        }),
      );
      expect(started.jobId).toMatch(/^[0-9a-f-]{36}$/);
      jobId = started.jobId!;
      const out = await finished(aa, jobId);
      expect(out.jobDetails).toMatchObject({ jobId, status: 'SUCCEEDED' });
      expect(out.jobDetails?.startedOn).toBeInstanceOf(Date);
      expect(out.jobDetails?.completedOn).toBeInstanceOf(Date);
      expect(out.generatedPolicyResult?.properties).toMatchObject({
        isComplete: true,
        principalArn: ROLE_ARN,
        cloudTrailProperties: { trailProperties: [{ cloudTrailArn: TRAIL.cloudTrailArn, allRegions: true, regions: [] }] },
      });
      expect(out.generatedPolicyResult?.properties?.cloudTrailProperties?.startTime?.getTime()).toBe(startTime.getTime());

      const statements = statementsOf(out);
      expect(statements.map((s) => s.Sid)).toEqual(statements.map((_, i) => `SupportedServiceSid${i}`));
      const actions = statements.flatMap((s) => list(s.Action)).sort();
      expect(actions).toEqual(['iam:CreateUser', 'iam:GetRole', 'iam:GetUser', 'iam:ListUsers', 'iam:TagUser']);
      const resourcesOf = (action: string): string[] => list(statements.find((s) => list(s.Action).includes(action))!.Resource).sort();
      expect(resourcesOf('iam:ListUsers')).toEqual(['*']);
      expect(resourcesOf('iam:CreateUser')).toEqual([user('pg-made')]);
      expect(resourcesOf('iam:GetUser')).toEqual([user('pg-existing'), user('pg-made')]);
      expect(resourcesOf('iam:GetRole')).toEqual([ROLE_ARN]);

      // The simulator: the used actions on the used resources are allowed, nothing next to them is.
      const policies = out.generatedPolicyResult!.generatedPolicies!.map((p) => p.policy!);
      const used = [
        ['iam:CreateUser', user('pg-made')],
        ['iam:TagUser', user('pg-made')],
        ['iam:GetUser', user('pg-made')],
        ['iam:GetUser', user('pg-existing')],
        ['iam:ListUsers', '*'],
        ['iam:GetRole', ROLE_ARN],
      ] as const;
      expect(await decisions(root, policies, used)).toEqual(used.map(() => 'allowed'));
      const unused = [
        ['iam:DeleteUser', user('pg-made')],
        ['iam:UntagUser', user('pg-made')],
        ['iam:CreateUser', user('pg-other')],
        ['iam:GetUser', user('pg-caller')],
        ['iam:ListGroups', '*'],
        ['iam:ListRoles', '*'],
        ['iam:GetRole', `arn:aws:iam::${ACCOUNT_ID}:role/other`],
        ['iam:PassRole', ROLE_ARN],
        ['sts:AssumeRole', ROLE_ARN],
      ] as const;
      expect(await decisions(root, policies, unused)).toEqual(unused.map(() => 'implicitDeny'));
    });

    it('lists the job, by principal too', async () => {
      const t = await target();
      const aa = analyzer(t);
      const all = await aa.send(new ListPolicyGenerationsCommand({}));
      expect(all.policyGenerations?.find((g) => g.jobId === jobId)).toMatchObject({ principalArn: ROLE_ARN, status: 'SUCCEEDED' });
      const mine = await aa.send(new ListPolicyGenerationsCommand({ principalArn: ROLE_ARN }));
      expect(mine.policyGenerations?.every((g) => g.principalArn === ROLE_ARN)).toBe(true);
      const none = await aa.send(new ListPolicyGenerationsCommand({ principalArn: user('pg-nobody') }));
      expect(none.policyGenerations).toEqual([]);
    });

    it('uses placeholders only when asked, for resources the trail does not name', async () => {
      const t = await target();
      const since = new Date(Date.now() - 1000);
      const caller = await userKey(t, 'pg-caller2', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }]);
      // A role session's GetUser without a user name is authorized, then fails: the call names no user.
      const session = t.iam(await assume(t, caller, 'three'));
      await expect(session.send(new GetUserCommand({}))).rejects.toBeDefined();
      await t.flush();
      const aa = analyzer(t);
      const { jobId: roleJob } = await aa.send(
        new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: ROLE_ARN }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: since } }),
      );
      const plain = statementsOf(await finished(aa, roleJob!));
      expect(plain).toEqual([{ Sid: 'SupportedServiceSid0', Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }]);
      const placeholders = statementsOf(await finished(aa, roleJob!, { includeResourcePlaceholders: true }));
      expect(placeholders).toEqual([{ Sid: 'SupportedServiceSid0', Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::${Account}:user/${UserNameWithPath}' }]);

      // GetUser on oneself names no user in the request: its resource is still known (the caller).
      const key = await userKey(t, 'pg-self', [{ Effect: 'Allow', Action: ['iam:GetUser'], Resource: '*' }]);
      await t.iam(key).send(new GetUserCommand({}));
      await t.flush();
      const { jobId: selfJob } = await aa.send(
        new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: user('pg-self') }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: since } }),
      );
      const self = statementsOf(await finished(aa, selfJob!, { includeResourcePlaceholders: true }));
      expect(self).toEqual([{ Sid: 'SupportedServiceSid0', Effect: 'Allow', Action: 'iam:GetUser', Resource: user('pg-self') }]);
    });

    it("covers the platform's own services at action level, with the resources each decision named", async () => {
      const t = await target();
      const since = new Date(Date.now() - 1000);
      const created = await keywardCall(t.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', { definition: NOTES_DEFINITION });
      expect(created.status).toBe(201);
      const service = await userKey(t, 'pg-notes-service', [{ Effect: 'Allow', Action: 'keyward:Authorize', Resource: `arn:aws:keyward::${ACCOUNT_ID}:service/notes` }]);
      const noter = await userKey(t, 'pg-noter', [{ Effect: 'Allow', Action: ['notes:GetNote', 'notes:PutNote'], Resource: `arn:aws:notes::${ACCOUNT_ID}:note/pg-noter/*` }]);
      const note = (owner: string, id: string): string => `arn:aws:notes::${ACCOUNT_ID}:note/${owner}/${id}`;
      const decide = async (action: string, resource: string, method = 'GET'): Promise<string> => {
        const request = await clientRequest(noter, { path: `/notes/${resource.split('note/')[1]!}`, method, ...(method === 'PUT' && { body: 'x' }) });
        const res = await keywardCall(t.url, service, 'POST', '/keyward/authorize/v1/services/notes/decisions', { request, checks: [{ action, resource }] });
        return (res.json as { decisions: { decision: string }[] }).decisions[0]!.decision;
      };
      expect(await decide('GetNote', note('pg-noter', 'n1'))).toBe('Allow');
      expect(await decide('PutNote', note('pg-noter', 'n2'), 'PUT')).toBe('Allow');
      expect(await decide('DeleteNote', note('pg-noter', 'n1'), 'DELETE')).not.toBe('Allow');
      await t.flush();
      const aa = analyzer(t);
      const { jobId: notesJob } = await aa.send(
        new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: user('pg-noter') }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: since } }),
      );
      const statements = statementsOf(await finished(aa, notesJob!));
      expect(statements).toEqual([
        { Sid: 'SupportedServiceSid0', Effect: 'Allow', Action: 'notes:GetNote', Resource: note('pg-noter', 'n1') },
        { Sid: 'SupportedServiceSid1', Effect: 'Allow', Action: 'notes:PutNote', Resource: note('pg-noter', 'n2') },
      ]);
    });

    it('cancels a job still in progress, and keeps a finished job as it is', async () => {
      const t = await target();
      const aa = analyzer(t);
      // A window that ends now is still reaching the trail: the job is IN_PROGRESS for a moment.
      const { jobId: fresh } = await aa.send(
        new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: ROLE_ARN }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: new Date(Date.now() - 60_000) } }),
      );
      await aa.send(new CancelPolicyGenerationCommand({ jobId: fresh! }));
      const canceled = await aa.send(new GetGeneratedPolicyCommand({ jobId: fresh! }));
      expect(canceled.jobDetails).toMatchObject({ status: 'CANCELED' });
      expect(canceled.generatedPolicyResult?.generatedPolicies).toBeUndefined();
      expect(canceled.generatedPolicyResult?.properties?.principalArn).toBe(ROLE_ARN);
      await aa.send(new CancelPolicyGenerationCommand({ jobId }));
      expect((await aa.send(new GetGeneratedPolicyCommand({ jobId }))).jobDetails?.status).toBe('SUCCEEDED');
    });

    it('answers errors as AWS does', async () => {
      const t = await target();
      const aa = analyzer(t);
      const unknown = await aa.send(new GetGeneratedPolicyCommand({ jobId: '00000000-0000-4000-8000-000000000000' })).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(ValidationException);
      expect((unknown as ValidationException).$metadata.httpStatusCode).toBe(400);
      // The model lists no ResourceNotFoundException for either operation: an unknown job is a ValidationException.
      const cancelUnknown = await aa.send(new CancelPolicyGenerationCommand({ jobId: '00000000-0000-4000-8000-000000000000' })).catch((e: unknown) => e);
      expect(cancelUnknown).toBeInstanceOf(ValidationException);
      expect((cancelUnknown as ValidationException).$metadata.httpStatusCode).toBe(400);

      const badArn = await aa
        .send(new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: `arn:aws:iam::${ACCOUNT_ID}:group/g` }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: new Date() } }))
        .catch((e: unknown) => e);
      expect(badArn).toBeInstanceOf(ValidationException);
      expect((badArn as ValidationException).fieldList?.[0]?.name).toContain('principalArn');

      const backwards = await aa
        .send(new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: ROLE_ARN }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: new Date(Date.now() - 3600_000), endTime: new Date(Date.now() - 7200_000) } }))
        .catch((e: unknown) => e);
      expect(backwards).toBeInstanceOf(ValidationException);
      const tooLong = await aa
        .send(new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: ROLE_ARN }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: new Date(Date.now() - 91 * 86400_000) } }))
        .catch((e: unknown) => e);
      expect(tooLong).toBeInstanceOf(ValidationException);

      // A principal that does not exist fails the job, as AWS reports it: in jobError.
      const { jobId: missing } = await aa.send(
        new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: `arn:aws:iam::${ACCOUNT_ID}:role/pg-missing` }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime: new Date(Date.now() - 60_000) } }),
      );
      const failed = await aa.send(new GetGeneratedPolicyCommand({ jobId: missing! }));
      expect(failed.jobDetails).toMatchObject({ status: 'FAILED', jobError: { code: 'RESOURCE_NOT_FOUND_ERROR' } });

      // The same clientToken: the same job; with other parameters: ConflictException.
      const token = 'pg-token-1';
      const once = await aa.send(new StartPolicyGenerationCommand({ clientToken: token, policyGenerationDetails: { principalArn: ROLE_ARN }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime } }));
      const again = await aa.send(new StartPolicyGenerationCommand({ clientToken: token, policyGenerationDetails: { principalArn: ROLE_ARN }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime } }));
      expect(again.jobId).toBe(once.jobId);
      const clash = await aa
        .send(new StartPolicyGenerationCommand({ clientToken: token, policyGenerationDetails: { principalArn: user('pg-caller') }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime } }))
        .catch((e: unknown) => e);
      expect(clash).toBeInstanceOf(ConflictException);
      expect((clash as ConflictException).$metadata.httpStatusCode).toBe(409);

      // Authorized with access-analyzer: actions.
      const reader = await userKey(t, 'pg-reader', [{ Effect: 'Allow', Action: ['access-analyzer:GetGeneratedPolicy', 'access-analyzer:ListPolicyGenerations'], Resource: '*' }]);
      const limited = analyzer(t, reader);
      expect((await limited.send(new GetGeneratedPolicyCommand({ jobId }))).jobDetails?.status).toBe('SUCCEEDED');
      const denied = await limited
        .send(new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: ROLE_ARN }, cloudTrailDetails: { trails: [TRAIL], accessRole: ACCESS_ROLE, startTime } }))
        .catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(AccessDeniedException);
      expect((denied as AccessDeniedException).message).toContain('access-analyzer:StartPolicyGeneration');
      const cancelDenied = await limited.send(new CancelPolicyGenerationCommand({ jobId })).catch((e: unknown) => e);
      expect(cancelDenied).toBeInstanceOf(AccessDeniedException);
    });
  });
}
