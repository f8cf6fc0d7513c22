// The IAM policy simulator through the real AWS SDK: SimulatePrincipalPolicy,
// SimulateCustomPolicy and GetContextKeysFor*Policy against a real server.

import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();
const ALICE = `arn:aws:iam::${ACCOUNT_ID}:user/eng/sim-alice`;

// Pretty-printed as IAM stores it: statement 1 spans 3:17-9:6, statement 2 spans 9:6-15:6.
const USER_INLINE = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadA",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::data/a"
    },
    {
      "Sid": "NoBucketDelete",
      "Effect": "Deny",
      "Action": "s3:DeleteBucket",
      "Resource": "*"
    }
  ]
}`;
const compact = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const GROUP_INLINE = compact([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::data/b' }]);
const MANAGED = compact([
  { Effect: 'Allow', Action: 's3:DeleteObject', Resource: '*' },
  { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } } },
]);
const BOUNDARY = compact([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteBucket', 'dynamodb:GetItem'], Resource: '*' }]);

beforeAll(async () => {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: 'sim-alice', Path: '/eng/' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'sim-alice', PolicyName: 'UserInline', PolicyDocument: USER_INLINE }));
  await iam.send(new CreateGroupCommand({ GroupName: 'sim-devs' }));
  await iam.send(new PutGroupPolicyCommand({ GroupName: 'sim-devs', PolicyName: 'GroupInline', PolicyDocument: GROUP_INLINE }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'sim-devs', UserName: 'sim-alice' }));
  const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-managed', PolicyDocument: MANAGED }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'sim-alice', PolicyArn: managed.Policy!.Arn! }));
  const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-boundary', PolicyDocument: BOUNDARY }));
  await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'sim-alice', PermissionsBoundary: boundary.Policy!.Arn! }));
});

function byAction(results: EvaluationResult[] | undefined): Record<string, EvaluationResult> {
  return Object.fromEntries((results ?? []).map((r) => [r.EvalActionName!, r]));
}

describe('SimulatePrincipalPolicy', () => {
  it('simulates a user with inline, group, managed policies and a boundary, per resource', async () => {
    const out = await t.iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: ALICE,
        ActionNames: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteBucket'],
        ResourceArns: ['arn:aws:s3:::data/a', 'arn:aws:s3:::data/b'],
      }),
    );
    expect(out.IsTruncated).toBe(false);
    const r = byAction(out.EvaluationResults);
    const readA = { SourcePolicyId: 'user_sim-alice_UserInline', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 3, Column: 17 }, EndPosition: { Line: 9, Column: 6 } };
    // One result per action, the most restrictive decision over the resources, and each resource's own.
    expect(r['s3:GetObject']).toMatchObject({
      EvalDecision: 'implicitDeny',
      MatchedStatements: [readA],
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
      EvalDecisionDetails: {},
      ResourceSpecificResults: [
        { EvalResourceName: 'arn:aws:s3:::data/a', EvalResourceDecision: 'allowed', MatchedStatements: [readA] },
        { EvalResourceName: 'arn:aws:s3:::data/b', EvalResourceDecision: 'implicitDeny' },
      ],
    });
    expect(r['s3:GetObject']?.ResourceSpecificResults?.[1]?.MatchedStatements).toBeUndefined();
    expect(r['s3:PutObject']?.ResourceSpecificResults?.map((x) => x.EvalResourceDecision)).toEqual(['implicitDeny', 'allowed']);
    expect(r['s3:PutObject']?.ResourceSpecificResults?.[1]?.MatchedStatements?.[0]).toMatchObject({
      SourcePolicyId: 'group_sim-devs_GroupInline',
      StartPosition: { Line: 1, Column: 38 },
    });
    // The managed policy allows DeleteObject but the boundary does not.
    expect(r['s3:DeleteObject']).toMatchObject({
      EvalDecision: 'implicitDeny',
      MatchedStatements: [],
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false },
    });
    expect(r['s3:DeleteBucket']).toMatchObject({
      EvalDecision: 'explicitDeny',
      MatchedStatements: [{ SourcePolicyId: 'user_sim-alice_UserInline', StartPosition: { Line: 9, Column: 6 }, EndPosition: { Line: 15, Column: 6 } }],
    });
  });

  it('reports missing context values on implicit denials and evaluates the supplied ones', async () => {
    const iam = t.iam();
    const missing = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: ALICE, ActionNames: ['dynamodb:GetItem'] }));
    expect(missing.EvaluationResults?.[0]).toMatchObject({
      EvalResourceName: '*',
      EvalDecision: 'implicitDeny',
      MissingContextValues: ['aws:PrincipalTag/team'],
    });
    expect(missing.EvaluationResults?.[0]?.ResourceSpecificResults).toBeUndefined();
    const supplied = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: ALICE,
        ActionNames: ['dynamodb:GetItem'],
        ContextEntries: [{ ContextKeyName: 'aws:PrincipalTag/team', ContextKeyValues: ['data'], ContextKeyType: 'string' }],
      }),
    );
    expect(supplied.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      MissingContextValues: [],
      MatchedStatements: [{ SourcePolicyId: 'sim-managed', SourcePolicyType: 'IAM Policy' }],
    });
  });

  it('lets PermissionsBoundaryPolicyInputList replace the boundary and PolicyInputList add policies', async () => {
    const out = await t.iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: ALICE,
        ActionNames: ['s3:DeleteObject', 'sqs:SendMessage'],
        PolicyInputList: [compact([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }])],
        PermissionsBoundaryPolicyInputList: [compact([{ Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }])],
      }),
    );
    const r = byAction(out.EvaluationResults);
    expect(r['s3:DeleteObject']).toMatchObject({ EvalDecision: 'allowed', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true } });
    expect(r['sqs:SendMessage']?.MatchedStatements).toEqual([
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 98 } },
    ]);
  });

  it('simulates roles and groups with their own policies', async () => {
    const iam = t.iam();
    const trust = compact([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    await iam.send(new CreateRoleCommand({ RoleName: 'sim-role', AssumeRolePolicyDocument: trust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'sim-role', PolicyName: 'RoleInline', PolicyDocument: compact([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }]) }));
    const role = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_ID}:role/sim-role`, ActionNames: ['sqs:SendMessage', 's3:GetObject'] }),
    );
    expect(role.EvaluationResults?.map((x) => [x.EvalDecision, x.MatchedStatements?.[0]?.SourcePolicyId])).toEqual([
      ['allowed', 'role_sim-role_RoleInline'],
      ['implicitDeny', undefined],
    ]);
    expect(role.EvaluationResults?.[0]?.PermissionsBoundaryDecisionDetail).toBeUndefined();
    // The path in the ARN does not matter: AWS finds the entity by name.
    const group = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_ID}:group/elsewhere/sim-devs`, ActionNames: ['s3:PutObject'], ResourceArns: ['arn:aws:s3:::data/b'] }),
    );
    expect(group.EvaluationResults?.[0]).toMatchObject({ EvalDecision: 'allowed', EvalResourceName: 'arn:aws:s3:::data/b' });
  });

  it('refuses unknown entities, other ARNs and other accounts with AWS messages', async () => {
    const iam = t.iam();
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_ID}:user/nobody`, ActionNames: ['s3:GetObject'] }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Unable to retrieve specified IAM entity.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_ID}:root`, ActionNames: ['s3:GetObject'] }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: `Invalid ARN provided in the request: arn:aws:iam::${ACCOUNT_ID}:root`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::999999999999:user/x', ActionNames: ['s3:GetObject'] }))).rejects.toMatchObject({
      message: `Invalid Policy Source Arn: caller's account ${ACCOUNT_ID} does not have access to policies in account 999999999999.`,
    });
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: ALICE, ActionNames: ['GetObject'] }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'The action is invalid since it is missing names',
    });
  });
});

describe('SimulateCustomPolicy', () => {
  const CONDITIONS = compact([
    {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: '*',
      Condition: {
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' },
        NumericLessThanEquals: { 's3:max-keys': '10' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
      },
    },
  ]);
  const entries = (maxKeys: string) => [
    { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['203.0.113.7'], ContextKeyType: 'ip' as const },
    { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' as const },
    { ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2024-05-01T00:00:00Z'], ContextKeyType: 'date' as const },
    { ContextKeyName: 's3:max-keys', ContextKeyValues: [maxKeys], ContextKeyType: 'numeric' as const },
    { ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['team', 'env'], ContextKeyType: 'stringList' as const },
  ];

  it('evaluates context entries of each scalar type and string lists', async () => {
    const iam = t.iam();
    const allowed = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [CONDITIONS], ActionNames: ['s3:ListBucket'], ContextEntries: entries('5') }));
    expect(allowed.EvaluationResults?.[0]).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [] });
    const denied = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [CONDITIONS], ActionNames: ['s3:ListBucket'], ContextEntries: entries('50') }));
    // Every key was supplied, so none is missing even though the condition failed.
    expect(denied.EvaluationResults?.[0]).toMatchObject({ EvalDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [] });
    const bare = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [CONDITIONS], ActionNames: ['s3:ListBucket'] }));
    expect(bare.EvaluationResults?.[0]?.MissingContextValues).toEqual(['aws:SourceIp', 'aws:MultiFactorAuthPresent', 'aws:CurrentTime', 's3:max-keys', 'aws:TagKeys']);
  });

  it('evaluates list, binary and date list context types', async () => {
    const policy = compact([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAnyValue:IpAddress': { 'stack:ips': '10.0.0.0/8' } } },
      { Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { 'ForAnyValue:NumericGreaterThan': { 'stack:nums': '100' } } },
      { Effect: 'Allow', Action: 'kms:Sign', Resource: '*', Condition: { BinaryEquals: { 'stack:bin': 'YQ==' } } },
      { Effect: 'Allow', Action: 'kms:Verify', Resource: '*', Condition: { 'ForAnyValue:DateLessThan': { 'stack:dates': '2000-01-01T00:00:00Z' } } },
      { Effect: 'Allow', Action: 'kms:GenerateMac', Resource: '*', Condition: { 'ForAnyValue:Bool': { 'stack:flags': 'true' } } },
    ]);
    const out = await t.iam().send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [policy],
        ActionNames: ['kms:Decrypt', 'kms:Encrypt', 'kms:Sign', 'kms:Verify', 'kms:GenerateMac'],
        ContextEntries: [
          { ContextKeyName: 'stack:ips', ContextKeyValues: ['192.0.2.1', '10.1.2.3'], ContextKeyType: 'ipList' },
          { ContextKeyName: 'stack:nums', ContextKeyValues: ['1', '200'], ContextKeyType: 'numericList' },
          { ContextKeyName: 'stack:bin', ContextKeyValues: ['YQ=='], ContextKeyType: 'binary' },
          { ContextKeyName: 'stack:dates', ContextKeyValues: ['1999-06-01T00:00:00Z', '2030-01-01T00:00:00Z'], ContextKeyType: 'dateList' },
          { ContextKeyName: 'stack:flags', ContextKeyValues: ['false', 'true'], ContextKeyType: 'booleanList' },
          { ContextKeyName: 'stack:blobs', ContextKeyValues: ['eWVz', 'YQ=='], ContextKeyType: 'binaryList' },
        ],
      }),
    );
    expect(out.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'allowed']);
  });

  it('refuses malformed context entries with AWS messages', async () => {
    const iam = t.iam();
    const bad = async (entry: { ContextKeyName: string; ContextKeyValues: string[]; ContextKeyType: 'numeric' | 'ip' | 'string' | 'binary' | 'date' }) =>
      iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [CONDITIONS], ActionNames: ['s3:ListBucket'], ContextEntries: [entry] }));
    await expect(bad({ ContextKeyName: 's3:max-keys', ContextKeyValues: ['0x10'], ContextKeyType: 'numeric' })).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Invalid context value for key s3:max-keys: expected numeric format.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(bad({ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.0.0.0/8'], ContextKeyType: 'ip' })).rejects.toMatchObject({
      message: 'Invalid context value for key aws:SourceIp: expected IP address.',
    });
    await expect(bad({ ContextKeyName: 'stack:key', ContextKeyValues: ['a', 'b'], ContextKeyType: 'string' })).rejects.toMatchObject({
      message: 'Context key string expected a single value, but received 2.',
    });
    await expect(bad({ ContextKeyName: 'stack:key', ContextKeyValues: ['YR=='], ContextKeyType: 'binary' })).rejects.toMatchObject({
      message: 'Invalid context value for key stack:key: expected base-64 encoded binary format.',
    });
    await expect(bad({ ContextKeyName: 'stack:key', ContextKeyValues: ['tomorrow'], ContextKeyType: 'date' })).rejects.toMatchObject({
      message: 'Invalid context value for key stack:key: expected DateTime format.',
    });
  });

  it('evaluates a resource policy against CallerArn, across accounts with EvalDecisionDetails', async () => {
    const iam = t.iam();
    const bucketPolicy = compact([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }]);
    const request = { PolicyInputList: [], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::shared/report.csv'], ResourcePolicy: bucketPolicy };
    const alice = await iam.send(new SimulateCustomPolicyCommand({ ...request, CallerArn: ALICE }));
    expect(alice.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'Resource Policy', StartPosition: { Line: 1, Column: 38 } }],
      EvalDecisionDetails: {},
    });
    const bob = await iam.send(new SimulateCustomPolicyCommand({ ...request, CallerArn: `arn:aws:iam::${ACCOUNT_ID}:user/bob` }));
    expect(bob.EvaluationResults?.[0]?.EvalDecision).toBe('implicitDeny');
    const cross = await iam.send(new SimulateCustomPolicyCommand({ ...request, CallerArn: ALICE, ResourceOwner: 'arn:aws:iam::999999999999:root' }));
    expect(cross.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      EvalDecisionDetails: { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'allowed' },
    });
    await expect(iam.send(new SimulateCustomPolicyCommand(request))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Invalid caller - Caller cannot be null or empty.',
    });
    await expect(iam.send(new SimulateCustomPolicyCommand({ ...request, CallerArn: `arn:aws:iam::${ACCOUNT_ID}:root` }))).rejects.toMatchObject({
      message: 'Invalid caller - Caller must be an IAM user, role or group in this context.',
    });
    await expect(iam.send(new SimulateCustomPolicyCommand({ ...request, CallerArn: ALICE, ResourceOwner: '999999999999' }))).rejects.toMatchObject({
      message: "'999999999999' is not a valid as a Resource Owner.",
    });
  });

  it('implicitly denies an action on an ARN that is none of its resource types, and names several resources by type', async () => {
    const allowAll = compact([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const out = await t.iam().send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [allowAll],
        ActionNames: ['s3:GetObject', 'iam:GetUser'],
        ResourceArns: ['arn:aws:s3:::data/a', 'arn:aws:s3:::data/b'],
      }),
    );
    const r = byAction(out.EvaluationResults);
    expect(r['s3:GetObject']).toMatchObject({ EvalDecision: 'allowed', EvalResourceName: 'arn:aws:s3:::${BucketName}/${ObjectName}' });
    expect(r['iam:GetUser']).toMatchObject({ EvalDecision: 'implicitDeny', MatchedStatements: [] });
    expect(r['iam:GetUser']?.ResourceSpecificResults?.map((x) => x.EvalResourceDecision)).toEqual(['implicitDeny', 'implicitDeny']);
  });

  it('pages EvaluationResults with MaxItems and Marker', async () => {
    const iam = t.iam();
    const policy = compact([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]);
    const actions = ['s3:GetObject', 's3:PutObject', 's3:GetBucketPolicy', 's3:DeleteObject', 's3:GetObjectAcl'];
    const seen: string[] = [];
    let marker: string | undefined;
    let calls = 0;
    do {
      const page = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: actions, MaxItems: 2, Marker: marker }));
      calls++;
      expect(page.EvaluationResults?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.EvaluationResults ?? []).map((r) => `${r.EvalActionName}=${r.EvalDecision}`));
      expect(page.IsTruncated).toBe(page.Marker !== undefined);
      marker = page.Marker;
    } while (marker !== undefined);
    expect(calls).toBe(3);
    expect(seen).toEqual(['s3:GetObject=allowed', 's3:PutObject=implicitDeny', 's3:GetBucketPolicy=allowed', 's3:DeleteObject=implicitDeny', 's3:GetObjectAcl=allowed']);
    await expect(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: actions, Marker: 'bogus' }))).rejects.toMatchObject({
      message: 'Invalid marker for pagination.',
    });
  });

  it('refuses a malformed input policy with InvalidInput', async () => {
    const iam = t.iam();
    const good = compact([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
    await expect(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [good, '{'], ActionNames: ['s3:GetObject'] }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Policy input list item 2 has invalid content',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [good], PermissionsBoundaryPolicyInputList: [good, good], ActionNames: ['s3:GetObject'] })),
    ).rejects.toMatchObject({ message: 'The list of Permissions Boundary policies cannot exceed 1 items.' });
    await expect(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [good], ActionNames: ['s3:GetObject'], ResourceArns: ['not-an-arn'] }))).rejects.toMatchObject({
      message: 'ResourceNames are not in a valid ARN format: not-an-arn.',
    });
  });
});

describe('GetContextKeysFor*Policy', () => {
  it('lists the condition keys and policy variables of custom policies, each once', async () => {
    const policy =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}';
    const other = compact([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'AWS:USERNAME': 'x', 's3:prefix': '${aws:PrincipalTag/team}/*' } } }]);
    const out = await t.iam().send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [policy, other] }));
    expect(out.ContextKeyNames).toEqual(['aws:username', 'aws:CurrentTime', 's3:prefix', 'aws:PrincipalTag/team']);
    await expect(t.iam().send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: ['nope'] }))).rejects.toMatchObject({
      message: 'Policy input list item 1 has invalid content',
    });
  });

  it("lists the keys of a principal's policies and its groups'", async () => {
    const out = await t.iam().send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: ALICE }));
    expect(out.ContextKeyNames).toEqual(['aws:PrincipalTag/team']);
  });
});

describe('authorization', () => {
  it('checks iam:SimulatePrincipalPolicy on the simulated entity and SimulateCustomPolicy on *', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'sim-auditor' }));
    const narrow = compact([{ Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: `arn:aws:iam::${ACCOUNT_ID}:user/eng/*` }]);
    await iam.send(new PutUserPolicyCommand({ UserName: 'sim-auditor', PolicyName: 'narrow', PolicyDocument: narrow }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'sim-auditor' }));
    const auditor = t.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    const ok = await auditor.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: ALICE, ActionNames: ['s3:GetObject'] }));
    expect(ok.EvaluationResults).toHaveLength(1);
    await expect(
      auditor.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_ID}:role/sim-role`, ActionNames: ['s3:GetObject'] })),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(auditor.send(new SimulateCustomPolicyCommand({ PolicyInputList: [], ActionNames: ['s3:GetObject'] }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('iam:SimulateCustomPolicy on resource: *'),
    });
  });
});

describe('robustness', () => {
  it('answers random simulation requests with a result or a 4xx, never a 5xx', async () => {
    const iam = t.iam();
    const policyText = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(USER_INLINE, GROUP_INLINE, MANAGED, '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'),
    );
    const contextType = fc.constantFrom('string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList');
    const request = fc.record({
      PolicyInputList: fc.array(policyText, { maxLength: 3 }),
      ActionNames: fc.array(fc.oneof(fc.constantFrom('s3:GetObject', 'iam:GetUser', 's3:*', 'x:y'), fc.string({ minLength: 3, maxLength: 12 })), { minLength: 1, maxLength: 3 }),
      ResourceArns: fc.option(fc.array(fc.constantFrom('*', 'arn:aws:s3:::b/k', 'arn:aws:iam::111122223333:user/x', 'nope!'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      ResourcePolicy: fc.option(policyText.filter((s) => s.length > 0), { nil: undefined }),
      CallerArn: fc.option(fc.constantFrom(ALICE, `arn:aws:iam::${ACCOUNT_ID}:role/r`, 'arn:aws:iam::1:root'), { nil: undefined }),
      ContextEntries: fc.array(
        fc.record({ ContextKeyName: fc.constantFrom('aws:SourceIp', 'stack:key', 's3:max-keys'), ContextKeyValues: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }), ContextKeyType: contextType }),
        { maxLength: 2 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        try {
          const out = await iam.send(new SimulateCustomPolicyCommand(input));
          expect(out.EvaluationResults?.length).toBe(input.ActionNames.length);
        } catch (e) {
          // An error without an HTTP status (a dropped connection, a reset) is a failure too.
          const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          expect(status, String(e)).toBeGreaterThanOrEqual(400);
          expect(status, String(e)).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });
});
