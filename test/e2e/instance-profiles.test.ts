// Instance profiles through the real AWS SDK against a real server: the one-role quota,
// delete ordering with roles, tags, and iam:PassRole on AddRoleToInstanceProfile.

import { describe, expect, it } from 'vitest';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  PutUserPolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();
const iam = t.iam();

const TRUST = `{ "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}] }`;

/** Replaces the user's inline policy "p". */
async function setUserPolicy(userName: string, statement: object[]): Promise<void> {
  const document = JSON.stringify({ Version: '2012-10-17', Statement: statement });
  await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'p', PolicyDocument: document }));
}

describe('instance profiles', () => {
  it('creates, reads and holds one role whose trust policy decodes to the text sent', async () => {
    const created = await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/app/', Tags: [{ Key: 'team', Value: 'core' }] }),
    );
    expect(created.InstanceProfile).toMatchObject({
      InstanceProfileName: 'web',
      Path: '/app/',
      Arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/app/web`,
      Roles: [],
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    expect(created.InstanceProfile?.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);

    await iam.send(new CreateRoleCommand({ RoleName: 'web-role', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new CreateRoleCommand({ RoleName: 'other-role', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }));
    const { InstanceProfile } = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'WEB' }));
    expect(InstanceProfile?.Roles).toHaveLength(1);
    const role = InstanceProfile!.Roles![0]!;
    expect(role).toMatchObject({ RoleName: 'web-role', Path: '/', Arn: `arn:aws:iam::${ACCOUNT_ID}:role/web-role` });
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(TRUST);

    await expect(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'other-role' }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
      $metadata: { httpStatusCode: 409 },
    });
    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web-role' }));
    expect(forRole.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['web']);
    expect(forRole.InstanceProfiles?.[0]?.Tags).toBeUndefined();
    expect((await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'other-role' }))).InstanceProfiles).toEqual([]);
  });

  it('answers AWS errors for duplicates, missing profiles and roles not in the profile', async () => {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'dup' }));
    await expect(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'DUP' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Instance Profile DUP already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ghost' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Instance Profile ghost cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'dup', RoleName: 'ghost' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name ghost cannot be found.',
    });
    await expect(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'dup', RoleName: 'other-role' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'spot.amazonaws.com' }));
    await expect(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'dup', RoleName: 'AWSServiceRoleForEC2Spot' }))).rejects.toMatchObject({
      name: 'UnmodifiableEntityException',
    });
  });

  it('lists by PathPrefix a page at a time, without tags', async () => {
    for (const n of ['p1', 'p2', 'p3']) await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: n, Path: '/page/', Tags: [{ Key: 'k', Value: 'v' }] }));
    const first = await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/page/', MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['p1', 'p2']);
    const second = await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/page/', MaxItems: 2, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect(second.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['p3']);
    expect(second.InstanceProfiles?.[0]).toMatchObject({ Roles: [] });
    expect(second.InstanceProfiles?.[0]?.Tags).toBeUndefined();
  });

  it('tags, lists tags a page at a time, and untags', async () => {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'tagged' }));
    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    const first = await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'tagged', MaxItems: 1 }));
    expect(first).toMatchObject({ Tags: [{ Key: 'a', Value: '1' }], IsTruncated: true });
    const rest = await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'tagged', Marker: first.Marker }));
    expect(rest).toMatchObject({ Tags: [{ Key: 'b', Value: '2' }], IsTruncated: false });
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'tagged', TagKeys: ['A'] }));
    expect((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'tagged' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('keeps the delete order: role out of the profile, then profile, then role', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'seed-role', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'seed-profile' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'seed-profile', RoleName: 'seed-role' }));
    const conflict = {
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must remove roles from instance profile first.',
      $metadata: { httpStatusCode: 409 },
    };
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'seed-role' }))).rejects.toMatchObject(conflict);
    await expect(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'seed-profile' }))).rejects.toMatchObject(conflict);
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'seed-profile', RoleName: 'seed-role' }));
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'seed-profile' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'seed-role' }));
    await expect(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'seed-profile' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('enforcement', () => {
  it('AddRoleToInstanceProfile also needs iam:PassRole on the role', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'app-role', Path: '/app/', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
    const creds = await userWithPolicy(t, 'ops');
    await setUserPolicy('ops', [{ Effect: 'Allow', Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile'], Resource: '*' }]);
    const asOps = t.iam(creds);
    await expect(asOps.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app-role' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/ops is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCOUNT_ID}:role/app/app-role because no identity-based policy allows the iam:PassRole action`,
      $metadata: { httpStatusCode: 403 },
    });
    await setUserPolicy('ops', [
      { Effect: 'Allow', Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile'], Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNT_ID}:role/app/*`, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
    ]);
    await asOps.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app-role' }));
    const { InstanceProfile } = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
    expect(InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual(['app-role']);
  });

  it('reads only the profiles whose tag the policy names', async () => {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'core-profile', Tags: [{ Key: 'team', Value: 'core' }] }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'edge-profile', Tags: [{ Key: 'team', Value: 'edge' }] }));
    const creds = await userWithPolicy(t, 'core-reader');
    await setUserPolicy('core-reader', [
      { Effect: 'Allow', Action: 'iam:GetInstanceProfile', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'core' } } },
    ]);
    const asReader = t.iam(creds);
    expect((await asReader.send(new GetInstanceProfileCommand({ InstanceProfileName: 'core-profile' }))).InstanceProfile?.InstanceProfileName).toBe('core-profile');
    await expect(asReader.send(new GetInstanceProfileCommand({ InstanceProfileName: 'edge-profile' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/core-reader is not authorized to perform: iam:GetInstanceProfile on resource: arn:aws:iam::${ACCOUNT_ID}:instance-profile/edge-profile because no identity-based policy allows the iam:GetInstanceProfile action`,
    });
  });
});
