// Inline policies of users, groups and roles through the real AWS SDK against a real server:
// exact text round trips (percent-encoded as AWS returns it), validation, size quotas,
// pagination, and enforcement of the condition keys these actions carry.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  GetGroupPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListGroupPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

const arn = (kind: string, pathAndName: string): string => `arn:aws:iam::${ACCOUNT_ID}:${kind}${pathAndName}`;
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

const allow = (action: string, resource: string, extra: object = {}): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }] });

/** A valid policy of exactly `size` non-white-space characters (it pads a Sid). */
function policyOfSize(size: number): string {
  const base = (sid: string) => `{"Version":"2012-10-17","Statement":[{"Sid":"${sid}","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`;
  return base('S'.repeat(size - base('').length));
}

/** The three owner kinds, driven through the same table of SDK commands. */
const KINDS = [
  {
    kind: 'user',
    limit: 2048,
    create: (iam: IAMClient, name: string) => iam.send(new CreateUserCommand({ UserName: name })),
    put: (iam: IAMClient, owner: string, PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutUserPolicyCommand({ UserName: owner, PolicyName, PolicyDocument })),
    get: async (iam: IAMClient, owner: string, PolicyName: string) => {
      const r = await iam.send(new GetUserPolicyCommand({ UserName: owner, PolicyName }));
      return { owner: r.UserName, name: r.PolicyName, document: r.PolicyDocument };
    },
    del: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new DeleteUserPolicyCommand({ UserName: owner, PolicyName })),
    list: (iam: IAMClient, owner: string, page: { MaxItems?: number; Marker?: string } = {}) =>
      iam.send(new ListUserPoliciesCommand({ UserName: owner, ...page })),
  },
  {
    kind: 'group',
    limit: 5120,
    create: (iam: IAMClient, name: string) => iam.send(new CreateGroupCommand({ GroupName: name })),
    put: (iam: IAMClient, owner: string, PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutGroupPolicyCommand({ GroupName: owner, PolicyName, PolicyDocument })),
    get: async (iam: IAMClient, owner: string, PolicyName: string) => {
      const r = await iam.send(new GetGroupPolicyCommand({ GroupName: owner, PolicyName }));
      return { owner: r.GroupName, name: r.PolicyName, document: r.PolicyDocument };
    },
    del: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new DeleteGroupPolicyCommand({ GroupName: owner, PolicyName })),
    list: (iam: IAMClient, owner: string, page: { MaxItems?: number; Marker?: string } = {}) =>
      iam.send(new ListGroupPoliciesCommand({ GroupName: owner, ...page })),
  },
  {
    kind: 'role',
    limit: 10240,
    create: (_iam: IAMClient, name: string) => createRole(name),
    put: (iam: IAMClient, owner: string, PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutRolePolicyCommand({ RoleName: owner, PolicyName, PolicyDocument })),
    get: async (iam: IAMClient, owner: string, PolicyName: string) => {
      const r = await iam.send(new GetRolePolicyCommand({ RoleName: owner, PolicyName }));
      return { owner: r.RoleName, name: r.PolicyName, document: r.PolicyDocument };
    },
    del: (iam: IAMClient, owner: string, PolicyName: string) => iam.send(new DeleteRolePolicyCommand({ RoleName: owner, PolicyName })),
    list: (iam: IAMClient, owner: string, page: { MaxItems?: number; Marker?: string } = {}) =>
      iam.send(new ListRolePoliciesCommand({ RoleName: owner, ...page })),
  },
] as const;

for (const k of KINDS) {
  describe(`${k.kind} inline policies`, () => {
    const owner = `${k.kind}-Owner`;
    beforeAll(async () => {
      await k.create(t.iam(), owner);
    });

    it('keeps the exact text and returns it percent-encoded as AWS does', async () => {
      const iam = t.iam();
      const text = '{\n  "Version": "2012-10-17",\n  "Statement": {\n\t"Sid": "Cafe1",\n    "Effect": "Allow",\n    "Action": "s3:*",\n    "Resource": "*",\n    "Condition": {"StringLike": {"s3:prefix": ["home/Café©ß/(x)!\'~"]}}\n  }\n}';
      await k.put(iam, owner, 'Exact', text);
      const got = await k.get(iam, owner.toUpperCase(), 'exact');
      expect(got.owner).toBe(owner);
      expect(got.name).toBe('Exact');
      expect(decodeURIComponent(got.document!)).toBe(text);
      // RFC 3986: spaces %20, `*` %2A, parentheses and quotes escaped, UTF-8 for non-ASCII.
      expect(got.document).toContain('%22Resource%22%3A%20%22%2A%22');
      expect(got.document).toContain('Caf%C3%A9');
      expect(got.document).toContain('%28x%29%21%27~');
      expect(got.document).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+$/);
    });

    it('replaces a policy put again under the same name in any case, and lists names paginated', async () => {
      const iam = t.iam();
      const listOwner = `${k.kind}-lister`;
      await k.create(iam, listOwner);
      for (const name of ['beta', 'Alpha', 'gamma']) await k.put(iam, listOwner, name, allow('s3:GetObject', '*'));
      await k.put(iam, listOwner, 'ALPHA', allow('s3:PutObject', '*'));
      const first = await k.list(iam, listOwner, { MaxItems: 2 });
      expect(first.PolicyNames).toEqual(['Alpha', 'beta']);
      expect(first.IsTruncated).toBe(true);
      const second = await k.list(iam, listOwner, { MaxItems: 2, Marker: first.Marker! });
      expect(second.PolicyNames).toEqual(['gamma']);
      expect(second.IsTruncated).toBe(false);
      expect(decodeURIComponent((await k.get(iam, listOwner, 'alpha')).document!)).toBe(allow('s3:PutObject', '*'));
      await k.del(iam, listOwner, 'BETA');
      expect((await k.list(iam, listOwner)).PolicyNames).toEqual(['Alpha', 'gamma']);
    });

    it('answers NoSuchEntity for an unknown policy or owner', async () => {
      const iam = t.iam();
      const missingPolicy = { name: 'NoSuchEntityException', message: `The ${k.kind} policy with name nope cannot be found.`, $metadata: { httpStatusCode: 404 } };
      await expect(k.get(iam, owner, 'nope')).rejects.toMatchObject(missingPolicy);
      await expect(k.del(iam, owner, 'nope')).rejects.toMatchObject(missingPolicy);
      const missingOwner = { name: 'NoSuchEntityException', message: `The ${k.kind} with name ghost cannot be found.` };
      await expect(k.put(iam, 'ghost', 'p', allow('s3:GetObject', '*'))).rejects.toMatchObject(missingOwner);
      await expect(k.get(iam, 'ghost', 'p')).rejects.toMatchObject(missingOwner);
      await expect(k.list(iam, 'ghost')).rejects.toMatchObject(missingOwner);
      await expect(k.del(iam, 'ghost', 'p')).rejects.toMatchObject(missingOwner);
    });

    it('refuses malformed documents with AWS messages and stores nothing', async () => {
      const iam = t.iam();
      const malformed = (message: string) => ({ name: 'MalformedPolicyDocumentException', message, $metadata: { httpStatusCode: 400 } });
      await expect(k.put(iam, owner, 'bad', 'not json')).rejects.toMatchObject(malformed('Syntax errors in policy.'));
      const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] });
      await expect(k.put(iam, owner, 'bad', noResource)).rejects.toMatchObject(malformed('Policy statement must contain resources.'));
      await expect(k.put(iam, owner, 'bad', TRUST)).rejects.toMatchObject(malformed('Policy document should not specify a principal.'));
      await expect(k.get(iam, owner, 'bad')).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    });

    it(`limits the owner's inline policies to ${k.limit} non-white-space characters in total`, async () => {
      const iam = t.iam();
      const sized = `${k.kind}-sized`;
      await k.create(iam, sized);
      const exceeded = {
        name: 'LimitExceededException',
        message: `Maximum policy size of ${k.limit} bytes exceeded for ${k.kind} ${sized}`,
        $metadata: { httpStatusCode: 409 },
      };
      await expect(k.put(iam, sized, 'whole', policyOfSize(k.limit + 1))).rejects.toMatchObject(exceeded);
      // White space is not counted: this text is longer than the quota but its size is not.
      const spaced = policyOfSize(k.limit - 200).replace(/":/g, `":${' '.repeat(40)}`).replace(/,/g, ',\n\t\r');
      expect(spaced.length).toBeGreaterThan(k.limit);
      await k.put(iam, sized, 'big', spaced);
      await expect(k.put(iam, sized, 'small', policyOfSize(201))).rejects.toMatchObject(exceeded);
      await k.put(iam, sized, 'small', policyOfSize(200));
      // Replacing a policy counts only its new size.
      await k.put(iam, sized, 'BIG', policyOfSize(k.limit - 200));
      await expect(k.put(iam, sized, 'big', policyOfSize(k.limit - 199))).rejects.toMatchObject(exceeded);
      expect((await k.list(iam, sized)).PolicyNames).toEqual(['big', 'small']);
    });
  });
}

describe('protected roles', () => {
  it('refuses to change the inline policies of a service-linked role', async () => {
    const iam = t.iam();
    const { Role } = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'inline' }));
    const RoleName = Role!.RoleName!;
    expect(Role!.Path).toBe('/aws-service-role/autoscaling.amazonaws.com/');
    const unmodifiable = {
      name: 'UnmodifiableEntityException',
      message: `Cannot perform the operation on the protected role '${RoleName}' - this role is only modifiable by AWS`,
      $metadata: { httpStatusCode: 400 },
    };
    await expect(iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: 'p', PolicyDocument: allow('s3:*', '*') }))).rejects.toMatchObject(unmodifiable);
    await expect(iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: 'p' }))).rejects.toMatchObject(unmodifiable);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames).toEqual([]);
  });
});

describe('enforcement', () => {
  async function newUserWithKey(name: string): Promise<IAMClient> {
    await t.iam().send(new CreateUserCommand({ UserName: name }));
    const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({ UserName: name }));
    return t.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
  }

  it('reads role policies only on roles whose tag matches (aws:ResourceTag)', async () => {
    await createRole('blue-role', [{ Key: 'team', Value: 'blue' }]);
    await createRole('red-role', [{ Key: 'team', Value: 'red' }]);
    for (const role of ['blue-role', 'red-role']) {
      await t.iam().send(new PutRolePolicyCommand({ RoleName: role, PolicyName: 'p', PolicyDocument: allow('s3:*', '*') }));
    }
    const asLena = await newUserWithKey('lena');
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'lena',
        PolicyName: 'blue-only',
        PolicyDocument: allow('iam:GetRolePolicy', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } }),
      }),
    );
    expect((await asLena.send(new GetRolePolicyCommand({ RoleName: 'blue-role', PolicyName: 'p' }))).PolicyName).toBe('p');
    await expect(asLena.send(new GetRolePolicyCommand({ RoleName: 'red-role', PolicyName: 'p' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('user', '/lena')} is not authorized to perform: iam:GetRolePolicy on resource: ${arn('role', '/red-role')} because no identity-based policy allows the iam:GetRolePolicy action`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('lets a delegate put user policies only on users bound by a given boundary (iam:PermissionsBoundary)', async () => {
    const boundary = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await t.iam().send(new CreateUserCommand({ UserName: 'bounded' }));
    await t.iam().send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded', PermissionsBoundary: boundary }));
    await t.iam().send(new CreateUserCommand({ UserName: 'unbounded' }));
    const asMia = await newUserWithKey('mia');
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'mia',
        PolicyName: 'delegate',
        PolicyDocument: allow('iam:PutUserPolicy', arn('user', '/*'), { Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } } }),
      }),
    );
    await asMia.send(new PutUserPolicyCommand({ UserName: 'bounded', PolicyName: 'p', PolicyDocument: allow('s3:*', '*') }));
    expect((await t.iam().send(new ListUserPoliciesCommand({ UserName: 'bounded' }))).PolicyNames).toEqual(['p']);
    await expect(asMia.send(new PutUserPolicyCommand({ UserName: 'unbounded', PolicyName: 'p', PolicyDocument: allow('s3:*', '*') }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('user', '/mia')} is not authorized to perform: iam:PutUserPolicy on resource: ${arn('user', '/unbounded')} because no identity-based policy allows the iam:PutUserPolicy action`,
    });
    expect((await t.iam().send(new ListUserPoliciesCommand({ UserName: 'unbounded' }))).PolicyNames).toEqual([]);
  });
});

async function createRole(name: string, tags: readonly { Key: string; Value: string }[] = []): Promise<void> {
  await t.iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, Tags: [...tags] }));
}
