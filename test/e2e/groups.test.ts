// Groups and group membership through the real AWS SDK against a real server, including
// how a group's inline policy grants (and stops granting) permissions to its members.

import { describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, startTestServer, useTestServer } from '../support/server.js';

const t = useTestServer();

const arn = (kind: string, pathAndName: string): string => `arn:aws:iam::${ACCOUNT_ID}:${kind}${pathAndName}`;

const allow = (action: string, resource: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

describe('groups', () => {
  it('creates a group with AWS shapes and refuses a duplicate name case-insensitively', async () => {
    const iam = t.iam();
    const { Group } = await iam.send(new CreateGroupCommand({ GroupName: 'Admins', Path: '/ops/' }));
    expect(Group?.Arn).toBe(arn('group', '/ops/Admins'));
    expect(Group?.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(Group?.Path).toBe('/ops/');
    expect(Group?.CreateDate).toBeInstanceOf(Date);
    await expect(iam.send(new CreateGroupCommand({ GroupName: 'ADMINS' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Group with name ADMINS already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('GetGroup returns the group and its members, paginated, and NoSuchEntity for an unknown group', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    for (const u of ['r-carl', 'r-anna', 'r-bert']) {
      await iam.send(new CreateUserCommand({ UserName: u, Tags: [{ Key: 'k', Value: 'v' }] }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: u }));
    }
    const first = await iam.send(new GetGroupCommand({ GroupName: 'READERS', MaxItems: 2 }));
    expect(first.Group?.GroupName).toBe('readers');
    expect(first.Users?.map((u) => u.UserName)).toEqual(['r-anna', 'r-bert']);
    expect(first.Users?.[0]?.Tags).toBeUndefined();
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new GetGroupCommand({ GroupName: 'readers', MaxItems: 2, Marker: first.Marker }));
    expect(second.Users?.map((u) => u.UserName)).toEqual(['r-carl']);
    expect(second.IsTruncated).toBe(false);
    await expect(iam.send(new GetGroupCommand({ GroupName: 'nogroup' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The group with name nogroup cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('ListGroups filters by PathPrefix and paginates with Marker', async () => {
    const iam = t.iam();
    for (const g of ['lg-b', 'lg-a', 'lg-c']) await iam.send(new CreateGroupCommand({ GroupName: g, Path: '/listing/x/' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'lg-other', Path: '/elsewhere/' }));
    const first = await iam.send(new ListGroupsCommand({ PathPrefix: '/listing/', MaxItems: 2 }));
    expect(first.Groups?.map((g) => g.GroupName)).toEqual(['lg-a', 'lg-b']);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListGroupsCommand({ PathPrefix: '/listing/', MaxItems: 2, Marker: first.Marker }));
    expect(second.Groups?.map((g) => g.GroupName)).toEqual(['lg-c']);
    expect(second.IsTruncated).toBe(false);
    // A prefix need not end with "/".
    expect((await iam.send(new ListGroupsCommand({ PathPrefix: '/elsew' }))).Groups?.map((g) => g.GroupName)).toEqual(['lg-other']);
  });

  it('UpdateGroup renames and moves a group, keeps its members, and refuses a taken name', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'old-name' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'taken' }));
    await iam.send(new CreateUserCommand({ UserName: 'u-upd' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'old-name', UserName: 'u-upd' }));
    await iam.send(new UpdateGroupCommand({ GroupName: 'old-name', NewGroupName: 'new-name', NewPath: '/moved/' }));
    const got = await iam.send(new GetGroupCommand({ GroupName: 'new-name' }));
    expect(got.Group?.Arn).toBe(arn('group', '/moved/new-name'));
    expect(got.Users?.map((u) => u.UserName)).toEqual(['u-upd']);
    await expect(iam.send(new GetGroupCommand({ GroupName: 'old-name' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(iam.send(new UpdateGroupCommand({ GroupName: 'new-name', NewGroupName: 'TAKEN' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Group with name TAKEN already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    // Only the path changes: the name stays.
    await iam.send(new UpdateGroupCommand({ GroupName: 'NEW-NAME', NewPath: '/again/' }));
    expect((await iam.send(new GetGroupCommand({ GroupName: 'new-name' }))).Group?.Arn).toBe(arn('group', '/again/new-name'));
    await expect(iam.send(new UpdateGroupCommand({ GroupName: 'ghost', NewGroupName: 'x' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The group with name ghost cannot be found.',
    });
  });

  it('DeleteGroup refuses while the group has members, inline or attached policies', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'doomed' }));
    await iam.send(new CreateUserCommand({ UserName: 'u-doomed' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'doomed', UserName: 'u-doomed' }));
    const conflict = (message: string) => ({ name: 'DeleteConflictException', message, $metadata: { httpStatusCode: 409 } });
    await expect(iam.send(new DeleteGroupCommand({ GroupName: 'doomed' }))).rejects.toMatchObject(
      conflict('Cannot delete entity, must remove users from group first.'),
    );
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'doomed', UserName: 'u-doomed' }));

    await iam.send(new PutGroupPolicyCommand({ GroupName: 'doomed', PolicyName: 'p', PolicyDocument: allow('iam:GetUser', '*') }));
    await expect(iam.send(new DeleteGroupCommand({ GroupName: 'doomed' }))).rejects.toMatchObject(
      conflict('Cannot delete entity, must delete policies first.'),
    );
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'doomed', PolicyName: 'p' }));

    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'doomed', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await expect(iam.send(new DeleteGroupCommand({ GroupName: 'doomed' }))).rejects.toMatchObject(
      conflict('Cannot delete entity, must detach all policies first.'),
    );
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'doomed', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));

    await iam.send(new DeleteGroupCommand({ GroupName: 'DOOMED' }));
    await expect(iam.send(new GetGroupCommand({ GroupName: 'doomed' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('membership', () => {
  it('adds idempotently, lists groups for a user, and removes', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'member' }));
    for (const g of ['m-two', 'm-one']) await iam.send(new CreateGroupCommand({ GroupName: g }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'm-one', UserName: 'member' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'M-ONE', UserName: 'MEMBER' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'm-two', UserName: 'member' }));
    const first = await iam.send(new ListGroupsForUserCommand({ UserName: 'member', MaxItems: 1 }));
    expect(first.Groups?.map((g) => [g.GroupName, g.Arn])).toEqual([['m-one', arn('group', '/m-one')]]);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListGroupsForUserCommand({ UserName: 'member', Marker: first.Marker }));
    expect(second.Groups?.map((g) => g.GroupName)).toEqual(['m-two']);
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'm-one', UserName: 'member' }));
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'member' }))).Groups?.map((g) => g.GroupName)).toEqual(['m-two']);
    expect((await iam.send(new GetGroupCommand({ GroupName: 'm-one' }))).Users).toEqual([]);
  });

  it('answers NoSuchEntity for unknown users, groups and non-members', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'nse-group' }));
    await iam.send(new CreateUserCommand({ UserName: 'nse-user' }));
    const missing = (message: string) => ({ name: 'NoSuchEntityException', message, $metadata: { httpStatusCode: 404 } });
    await expect(iam.send(new AddUserToGroupCommand({ GroupName: 'nse-group', UserName: 'nobody' }))).rejects.toMatchObject(
      missing('The user with name nobody cannot be found.'),
    );
    await expect(iam.send(new AddUserToGroupCommand({ GroupName: 'nogroup', UserName: 'nse-user' }))).rejects.toMatchObject(
      missing('The group with name nogroup cannot be found.'),
    );
    await expect(iam.send(new RemoveUserFromGroupCommand({ GroupName: 'nse-group', UserName: 'nse-user' }))).rejects.toMatchObject(
      missing('The user with name nse-user cannot be found.'),
    );
    await expect(iam.send(new ListGroupsForUserCommand({ UserName: 'nobody' }))).rejects.toMatchObject(
      missing('The user with name nobody cannot be found.'),
    );
  });

  it('limits a user to 10 groups with LimitExceeded', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'joiner' }));
    for (let i = 0; i < 11; i++) await iam.send(new CreateGroupCommand({ GroupName: `quota-${String(i).padStart(2, '0')}` }));
    for (let i = 0; i < 10; i++) await iam.send(new AddUserToGroupCommand({ GroupName: `quota-${String(i).padStart(2, '0')}`, UserName: 'joiner' }));
    await expect(iam.send(new AddUserToGroupCommand({ GroupName: 'quota-10', UserName: 'joiner' }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for GroupsPerUser: 10',
      $metadata: { httpStatusCode: 409 },
    });
    // Re-adding to a group the user is already in is not a new membership.
    await iam.send(new AddUserToGroupCommand({ GroupName: 'quota-00', UserName: 'joiner' }));
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'joiner' }))).Groups).toHaveLength(10);
  });
});

describe('enforcement through group policies', () => {
  const selfRead = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCOUNT_ID}:user/\${aws:username}` }],
  });

  it('a group policy with ${aws:username} lets members read themselves only, until they leave the group', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'self-readers' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'self-readers', PolicyName: 'self', PolicyDocument: selfRead }));
    const creds = await userWithPolicy(t, 'henry');
    await iam.send(new CreateUserCommand({ UserName: 'iris' }));
    const asHenry = t.iam(creds);
    const denied = {
      name: 'AccessDenied',
      message: `User: ${arn('user', '/henry')} is not authorized to perform: iam:GetUser on resource: ${arn('user', '/henry')} because no identity-based policy allows the iam:GetUser action`,
      $metadata: { httpStatusCode: 403 },
    };
    await expect(asHenry.send(new GetUserCommand({}))).rejects.toMatchObject(denied);

    await iam.send(new AddUserToGroupCommand({ GroupName: 'self-readers', UserName: 'henry' }));
    expect((await asHenry.send(new GetUserCommand({}))).User?.UserName).toBe('henry');
    expect((await asHenry.send(new GetUserCommand({ UserName: 'henry' }))).User?.Arn).toBe(arn('user', '/henry'));
    await expect(asHenry.send(new GetUserCommand({ UserName: 'iris' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('user', '/henry')} is not authorized to perform: iam:GetUser on resource: ${arn('user', '/iris')} because no identity-based policy allows the iam:GetUser action`,
    });

    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'self-readers', UserName: 'henry' }));
    await expect(asHenry.send(new GetUserCommand({}))).rejects.toMatchObject(denied);
  });

  it('an explicit Deny in a user inline policy beats the group Allow', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'self-readers-2' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'self-readers-2', PolicyName: 'self', PolicyDocument: selfRead }));
    const creds = await userWithPolicy(t, 'jack');
    await iam.send(new AddUserToGroupCommand({ GroupName: 'self-readers-2', UserName: 'jack' }));
    const asJack = t.iam(creds);
    expect((await asJack.send(new GetUserCommand({}))).User?.UserName).toBe('jack');
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:Get*', Resource: '*' }] });
    await iam.send(new PutUserPolicyCommand({ UserName: 'jack', PolicyName: 'no-gets', PolicyDocument: deny }));
    await expect(asJack.send(new GetUserCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('user', '/jack')} is not authorized to perform: iam:GetUser on resource: ${arn('user', '/jack')} with an explicit deny in an identity-based policy`,
      $metadata: { httpStatusCode: 403 },
    });
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'jack', PolicyName: 'no-gets' }));
    expect((await asJack.send(new GetUserCommand({}))).User?.UserName).toBe('jack');
  });

  it('group actions are authorized against the group ARN with its path', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'visible', Path: '/team/' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'hidden', Path: '/secret/' }));
    const creds = await userWithPolicy(t, 'kate');
    await iam.send(new PutUserPolicyCommand({ UserName: 'kate', PolicyName: 'team', PolicyDocument: allow('iam:GetGroup', arn('group', '/team/*')) }));
    const asKate = t.iam(creds);
    expect((await asKate.send(new GetGroupCommand({ GroupName: 'visible' }))).Group?.GroupName).toBe('visible');
    await expect(asKate.send(new GetGroupCommand({ GroupName: 'hidden' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('user', '/kate')} is not authorized to perform: iam:GetGroup on resource: ${arn('group', '/secret/hidden')} because no identity-based policy allows the iam:GetGroup action`,
    });
    await expect(asKate.send(new ListGroupsCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('user', '/kate')} is not authorized to perform: iam:ListGroups on resource: ${arn('group', '/')} because no identity-based policy allows the iam:ListGroups action`,
    });
  });
});

describe('account quota', () => {
  it('refuses the 301st group with LimitExceeded and creates nothing', async () => {
    // A server of its own: filling the quota must not starve (or depend on) the other tests.
    const own = await startTestServer();
    try {
      const iam = own.iam();
      for (let i = 0; i < 299; i++) await iam.send(new CreateGroupCommand({ GroupName: `fill-${i}` }));
      await iam.send(new CreateGroupCommand({ GroupName: 'the-300th' }));
      await expect(iam.send(new CreateGroupCommand({ GroupName: 'one-too-many' }))).rejects.toMatchObject({
        name: 'LimitExceededException',
        message: 'Cannot exceed quota for GroupsPerAccount: 300',
        $metadata: { httpStatusCode: 409 },
      });
      expect((await iam.send(new ListGroupsCommand({ MaxItems: 1000 }))).Groups).toHaveLength(300);
    } finally {
      await own.stop();
    }
  });
});
