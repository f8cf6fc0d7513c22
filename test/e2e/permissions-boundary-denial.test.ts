// A signed SDK request refused by a permissions boundary alone: a user whose identity policy
// allows everything, bounded to iam:Get*, gets AWS's AccessDenied naming the boundary.

import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetUserCommand,
  PutUserPermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;

describe('a permissions boundary on a signed SDK request', () => {
  it('refuses CreateUser to an administrator bounded to iam:Get*, and allows what both grant', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'bounded-admin' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'bounded-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'bounded-admin' }))).AccessKey!;
    const admin = t.iam({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });

    // Before the boundary the identity policy alone decides: CreateUser is allowed.
    await admin.send(new CreateUserCommand({ UserName: 'made-before-boundary' }));

    const boundary = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'get-only',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }] }),
      }),
    );
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded-admin', PermissionsBoundary: boundary.Policy!.Arn! }));

    await expect(admin.send(new CreateUserCommand({ UserName: 'made-after-boundary' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('user/bounded-admin')} is not authorized to perform: iam:CreateUser on resource: ${arn('user/made-after-boundary')} because no permissions boundary allows the iam:CreateUser action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(iam.send(new GetUserCommand({ UserName: 'made-after-boundary' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    // What the boundary and the identity policy both allow still goes through.
    expect((await admin.send(new GetUserCommand({ UserName: 'made-before-boundary' }))).User?.UserName).toBe('made-before-boundary');
  });
});
