// Roles and service-linked roles through the real AWS SDK against a real server, every
// call signed and authorized by the engine.

import { describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteServiceLinkedRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();
const iam = t.iam();

const BOUNDARY = 'arn:aws:iam::aws:policy/PowerUserAccess';

function trust(service = 'ec2.amazonaws.com'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
}

describe('CreateRole and GetRole', () => {
  it('returns the trust policy URL-encoded so that decoding gives the exact text sent', async () => {
    const document = `{
  "Version": "2012-10-17",
  "Statement": [ {
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${ACCOUNT_ID}:root"},
    "Action": "sts:AssumeRole",
    "Condition": {"StringLike": {"sts:ExternalId": "a+b (c)*!'~&=%20é"}}
  } ]
}`;
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'web',
        Path: '/app/',
        AssumeRolePolicyDocument: document,
        Description: 'web tier',
        PermissionsBoundary: BOUNDARY,
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    expect(created.Role).toMatchObject({ RoleName: 'web', Path: '/app/', Arn: `arn:aws:iam::${ACCOUNT_ID}:role/app/web`, Description: 'web tier' });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.MaxSessionDuration).toBeUndefined();
    expect(decodeURIComponent(created.Role!.AssumeRolePolicyDocument!)).toBe(document);

    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'WEB' }));
    expect(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).toBe(document);
    // RFC 3986: only unreserved characters stay unescaped.
    expect(Role!.AssumeRolePolicyDocument).toMatch(/^[A-Za-z0-9\-._~%]+$/);
    expect(Role).toMatchObject({
      RoleName: 'web',
      MaxSessionDuration: 3600,
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: BOUNDARY },
      Tags: [{ Key: 'team', Value: 'core' }],
      RoleLastUsed: {},
    });
  });

  it('refuses duplicates, bad trust policies, reserved paths and unknown boundaries with AWS errors', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'dup', AssumeRolePolicyDocument: trust(), MaxSessionDuration: 7200 }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'dup' }))).Role?.MaxSessionDuration).toBe(7200);
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'DUP', AssumeRolePolicyDocument: trust() }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Role with name DUP already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] });
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: noPrincipal }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Missing required field Principal',
      $metadata: { httpStatusCode: 400 },
    });
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(2000) } } }],
    });
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'big', AssumeRolePolicyDocument: big }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: 'slr', Path: '/aws-service-role/x.amazonaws.com/', AssumeRolePolicyDocument: trust() })),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
    });
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: 'nb', AssumeRolePolicyDocument: trust(), PermissionsBoundary: `arn:aws:iam::${ACCOUNT_ID}:policy/none` })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy arn:aws:iam::${ACCOUNT_ID}:policy/none does not exist or is not attachable.`,
    });
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'short', AssumeRolePolicyDocument: trust(), MaxSessionDuration: 60 }))).rejects.toMatchObject({
      name: 'ValidationError',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new GetRoleCommand({ RoleName: 'nb' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name nb cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('updating roles', () => {
  it('changes the description, session length and trust policy', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'upd', AssumeRolePolicyDocument: trust() }));
    await iam.send(new UpdateRoleCommand({ RoleName: 'upd', Description: 'first', MaxSessionDuration: 43200 }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'upd' }))).Role).toMatchObject({ Description: 'first', MaxSessionDuration: 43200 });
    const described = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'upd', Description: 'second' }));
    expect(described.Role).toMatchObject({ RoleName: 'upd', Description: 'second', MaxSessionDuration: 43200 });
    const lambda = trust('lambda.amazonaws.com');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'upd', PolicyDocument: lambda }));
    expect(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: 'upd' }))).Role!.AssumeRolePolicyDocument!)).toBe(lambda);
    const withResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }] });
    await expect(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'upd', PolicyDocument: withResource }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Has prohibited field Resource',
    });
    await expect(iam.send(new UpdateRoleCommand({ RoleName: 'ghost', Description: 'x' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('tags, lists tags a page at a time, and untags', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: trust(), Tags: [{ Key: 'a', Value: '1' }] }));
    await iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'b', Value: '2' }, { Key: 'A', Value: '3' }] }));
    const first = await iam.send(new ListRoleTagsCommand({ RoleName: 'tagged', MaxItems: 1 }));
    expect(first).toMatchObject({ Tags: [{ Key: 'A', Value: '3' }], IsTruncated: true });
    const rest = await iam.send(new ListRoleTagsCommand({ RoleName: 'tagged', Marker: first.Marker }));
    expect(rest).toMatchObject({ Tags: [{ Key: 'b', Value: '2' }], IsTruncated: false });
    await iam.send(new UntagRoleCommand({ RoleName: 'tagged', TagKeys: ['a'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'tagged' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    await expect(
      iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'k', Value: '1' }, { Key: 'K', Value: '2' }] })),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    });
  });

  it('sets and removes a permissions boundary', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'bounded', AssumeRolePolicyDocument: trust() }));
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: BOUNDARY }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'bounded' }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(BOUNDARY);
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'bounded' }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'bounded' }))).Role?.PermissionsBoundary).toBeUndefined();
    await expect(
      iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy' })),
    ).rejects.toMatchObject({ name: 'PolicyNotAttachableException', message: 'Cannot attach a Service Role Policy to a Customer Role.' });
  });
});

describe('ListRoles', () => {
  it('filters by PathPrefix, paginates and leaves out tags, boundary and last use', async () => {
    for (const n of ['l1', 'l2', 'l3']) {
      await iam.send(
        new CreateRoleCommand({ RoleName: n, Path: '/list/', AssumeRolePolicyDocument: trust(), Description: n, PermissionsBoundary: BOUNDARY, Tags: [{ Key: 'k', Value: 'v' }] }),
      );
    }
    const first = await iam.send(new ListRolesCommand({ PathPrefix: '/list/', MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Roles?.map((r) => r.RoleName)).toEqual(['l1', 'l2']);
    const second = await iam.send(new ListRolesCommand({ PathPrefix: '/list/', Marker: first.Marker }));
    expect(second).toMatchObject({ IsTruncated: false, Roles: [{ RoleName: 'l3', Description: 'l3', MaxSessionDuration: 3600 }] });
    const listed = second.Roles![0]!;
    expect(listed.Tags).toBeUndefined();
    expect(listed.PermissionsBoundary).toBeUndefined();
    expect(listed.RoleLastUsed).toBeUndefined();
    expect(decodeURIComponent(listed.AssumeRolePolicyDocument!)).toBe(trust());
  });
});

describe('DeleteRole', () => {
  it('refuses while policies are attached or embedded, with AWS messages', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'held', AssumeRolePolicyDocument: trust() }));
    const readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'held', PolicyArn: readOnly }));
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'held' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'held', PolicyArn: readOnly }));
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'held', PolicyName: 'x', PolicyDocument: document }));
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'held' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'held', PolicyName: 'x' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'held' }));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'held' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('service-linked roles', () => {
  it('creates the role AWS names for the service, with its trust policy, and protects it', async () => {
    const { Role } = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com', Description: 'eb' }));
    expect(Role).toMatchObject({
      RoleName: 'AWSServiceRoleForElasticBeanstalk',
      Path: '/aws-service-role/elasticbeanstalk.amazonaws.com/',
      Arn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
      Description: 'eb',
    });
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['elasticbeanstalk.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    });
    const protectedError = {
      name: 'UnmodifiableEntityException',
      message: "Cannot perform the operation on the protected role 'AWSServiceRoleForElasticBeanstalk' - this role is only modifiable by AWS",
      $metadata: { httpStatusCode: 400 },
    };
    await expect(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk', PolicyDocument: trust() }))).rejects.toMatchObject(protectedError);
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }))).rejects.toMatchObject(protectedError);
    await expect(iam.send(new UpdateRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk', MaxSessionDuration: 7200 }))).rejects.toMatchObject(protectedError);
    // The description stays editable, as AWS allows.
    await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk', Description: 'mine' }));
    await expect(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Service role name AWSServiceRoleForElasticBeanstalk has been taken in this account, please try a different suffix.',
    });
  });

  it('takes a CustomSuffix only where the service allows one', async () => {
    const { Role } = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'web' }));
    expect(Role?.RoleName).toBe('AWSServiceRoleForAutoScaling_web');
    await expect(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'es.amazonaws.com', CustomSuffix: 'x' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Custom suffix is not allowed for es.amazonaws.com',
    });
  });

  it('deletes through a deletion task whose status is SUCCEEDED; unknown tasks are NoSuchEntity', async () => {
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'support.amazonaws.com' }));
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForSupport' }));
    expect(DeletionTaskId).toMatch(/^task\/aws-service-role\/support\.amazonaws\.com\/AWSServiceRoleForSupport\/[A-Za-z0-9_-]+$/);
    await expect(iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForSupport' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('SUCCEEDED');
    const forged = `task/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport/${'A'.repeat(38)}`;
    await expect(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: forged }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
    const otherRole = DeletionTaskId!.replace('AWSServiceRoleForSupport/', 'AWSServiceRoleForOther/');
    await expect(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: otherRole }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await expect(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'nonsense' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
    await iam.send(new CreateRoleCommand({ RoleName: 'plain', AssumeRolePolicyDocument: trust() }));
    await expect(iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'plain' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('enforcement', () => {
  it('lets a user create roles only with the required permissions boundary', async () => {
    const creds = await userWithPolicy(t, 'boundary-admin', [
      { Effect: 'Allow', Action: 'iam:CreateRole', Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } } },
    ]);
    const asUser = t.iam(creds);
    await expect(asUser.send(new CreateRoleCommand({ RoleName: 'free', AssumeRolePolicyDocument: trust() }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/boundary-admin is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCOUNT_ID}:role/free because no identity-based policy allows the iam:CreateRole action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      asUser.send(new CreateRoleCommand({ RoleName: 'free', AssumeRolePolicyDocument: trust(), PermissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    const made = await asUser.send(new CreateRoleCommand({ RoleName: 'capped', AssumeRolePolicyDocument: trust(), PermissionsBoundary: BOUNDARY }));
    expect(made.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(BOUNDARY);
  });

  it('lets a user manage roles under /app/ and nowhere else', async () => {
    const creds = await userWithPolicy(t, 'app-admin', [{ Effect: 'Allow', Action: 'iam:*', Resource: `arn:aws:iam::${ACCOUNT_ID}:role/app/*` }]);
    const asUser = t.iam(creds);
    await asUser.send(new CreateRoleCommand({ RoleName: 'worker', Path: '/app/', AssumeRolePolicyDocument: trust() }));
    await asUser.send(new TagRoleCommand({ RoleName: 'worker', Tags: [{ Key: 'env', Value: 'dev' }] }));
    expect((await asUser.send(new GetRoleCommand({ RoleName: 'worker' }))).Role?.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    expect((await asUser.send(new ListRolesCommand({ PathPrefix: '/app/' }))).Roles?.map((r) => r.RoleName)).toContain('worker');
    await asUser.send(new DeleteRoleCommand({ RoleName: 'worker' }));
    await expect(asUser.send(new CreateRoleCommand({ RoleName: 'outside', AssumeRolePolicyDocument: trust() }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/app-admin is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCOUNT_ID}:role/outside because no identity-based policy allows the iam:CreateRole action`,
    });
    // An existing role elsewhere is checked at its real ARN, path included.
    await iam.send(new CreateRoleCommand({ RoleName: 'elsewhere', Path: '/ops/', AssumeRolePolicyDocument: trust() }));
    await expect(asUser.send(new GetRoleCommand({ RoleName: 'elsewhere' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(asUser.send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
