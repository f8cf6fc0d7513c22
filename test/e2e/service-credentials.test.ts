// Service-specific credentials through the real AWS SDK against a real server: CodeCommit and
// Keyspaces passwords, Bedrock API keys with expiry, reset, status, quotas, listing and enforcement.

import { describe, expect, it } from 'vitest';
import {
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServiceSpecificCredentialCommand,
  ListServiceSpecificCredentialsCommand,
  ResetServiceSpecificCredentialCommand,
  UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer, type TestServer } from '../support/server.js';

// Each test works on users of its own, so none depends on what another created.
const t = useTestServer();

const newUser = (UserName: string, server: TestServer = t) => server.iam().send(new CreateUserCommand({ UserName }));
const create = (UserName: string, ServiceName: string, CredentialAgeDays?: number, server: TestServer = t) =>
  server.iam().send(new CreateServiceSpecificCredentialCommand({ UserName, ServiceName, ...(CredentialAgeDays !== undefined && { CredentialAgeDays }) }));

describe('service-specific credentials', () => {
  it('creates a CodeCommit Git credential with user name and password, returned once', async () => {
    await newUser('jane');
    const { ServiceSpecificCredential: c } = await create('jane', 'codecommit.amazonaws.com');
    expect(c).toMatchObject({ UserName: 'jane', ServiceName: 'codecommit.amazonaws.com', ServiceUserName: `jane-at-${ACCOUNT_ID}`, Status: 'Active' });
    expect(c?.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z2-7]{16}$/);
    expect(c?.ServicePassword).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(c?.ServiceCredentialSecret).toBeUndefined();
    const listed = await t.iam().send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane' }));
    expect(listed.ServiceSpecificCredentials).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(c!.ServicePassword!);
  });

  it('creates a Bedrock API key with an alias, a secret and an expiry', async () => {
    await newUser('bea');
    const before = Date.now();
    const { ServiceSpecificCredential: c } = await create('bea', 'bedrock.amazonaws.com', 30);
    expect(c?.ServiceCredentialAlias).toMatch(new RegExp(`^bea\\+1-\\d{14}-at-${ACCOUNT_ID}$`));
    expect(c?.ServiceCredentialSecret).toMatch(/^ABSK[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(c!.ServiceCredentialSecret!.slice(4), 'base64').toString()).toMatch(new RegExp(`^${c!.ServiceCredentialAlias!.replace('+', '\\+')}:`));
    expect(c?.ServicePassword).toBeUndefined();
    const days = (c!.ExpirationDate!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    await expect(create('bea', 'codecommit.amazonaws.com', 30)).rejects.toMatchObject({ name: 'InvalidInputException', $metadata: { httpStatusCode: 400 } });
  });

  it('refuses an unsupported service, an unknown user and a third credential for one service', async () => {
    await newUser('quinn');
    await expect(create('quinn', 'ec2.amazonaws.com')).rejects.toMatchObject({
      name: 'ServiceNotSupportedException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(create('ghost', 'codecommit.amazonaws.com')).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
    await create('quinn', 'codecommit.amazonaws.com');
    await create('quinn', 'codecommit.amazonaws.com');
    await expect(create('quinn', 'codecommit.amazonaws.com')).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2',
      $metadata: { httpStatusCode: 409 },
    });
    // The quota is per service: Keyspaces still has room.
    const keyspaces = await create('quinn', 'cassandra.amazonaws.com');
    expect(keyspaces.ServiceSpecificCredential?.ServiceUserName).toBe(`quinn-at-${ACCOUNT_ID}`);
  });

  it('resets the password, switches status and deletes', async () => {
    const iam = t.iam();
    await newUser('rita');
    await create('rita', 'cassandra.amazonaws.com');
    const listed = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'rita', ServiceName: 'cassandra.amazonaws.com' }));
    const id = listed.ServiceSpecificCredentials![0]!.ServiceSpecificCredentialId!;
    const first = await iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'rita', ServiceSpecificCredentialId: id }));
    const second = await iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'rita', ServiceSpecificCredentialId: id }));
    expect(first.ServiceSpecificCredential?.ServicePassword).toBeDefined();
    expect(second.ServiceSpecificCredential?.ServicePassword).not.toBe(first.ServiceSpecificCredential?.ServicePassword);
    await iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'rita', ServiceSpecificCredentialId: id, Status: 'Inactive' }));
    const after = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'rita', ServiceName: 'cassandra.amazonaws.com' }));
    expect(after.ServiceSpecificCredentials?.[0]?.Status).toBe('Inactive');
    await iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'rita', ServiceSpecificCredentialId: id }));
    await expect(iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'rita', ServiceSpecificCredentialId: id }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Service Specific Credential with id ${id} cannot be found.`,
      $metadata: { httpStatusCode: 404 },
    });
  });

  describe('across users', () => {
    // A server of its own: AllUsers lists the whole account.
    const own = useTestServer();

    it('lists every user with AllUsers, filters by service and pages', async () => {
      const iam = own.iam();
      for (const user of ['jane', 'kim']) await newUser(user, own);
      await create('jane', 'codecommit.amazonaws.com', undefined, own);
      await create('jane', 'codecommit.amazonaws.com', undefined, own);
      await create('jane', 'cassandra.amazonaws.com', undefined, own);
      await create('kim', 'codecommit.amazonaws.com', undefined, own);
      const all = await iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, ServiceName: 'codecommit.amazonaws.com' }));
      expect(all.ServiceSpecificCredentials?.map((c) => c.UserName)).toEqual(['jane', 'jane', 'kim']);
      const first = await iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, MaxItems: 2 }));
      expect(first.IsTruncated).toBe(true);
      const rest = await iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true, MaxItems: 10, Marker: first.Marker }));
      expect(first.ServiceSpecificCredentials!.length + rest.ServiceSpecificCredentials!.length).toBe(4);
      const janePage = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane', MaxItems: 1 }));
      expect(janePage.IsTruncated).toBe(true);
      await expect(iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jane', ServiceName: 'nope.amazonaws.com' }))).rejects.toMatchObject({
        name: 'ServiceNotSupportedException',
      });
    });
  });

  it('enforces iam:ServiceSpecificCredentialServiceName and the owner ARN', async () => {
    const creds = await userWithPolicy(t, 'builder', [
      {
        Effect: 'Allow',
        Action: 'iam:CreateServiceSpecificCredential',
        Resource: `arn:aws:iam::${ACCOUNT_ID}:user/\${aws:username}`,
        Condition: { StringEquals: { 'iam:ServiceSpecificCredentialServiceName': 'codecommit.amazonaws.com' } },
      },
      { Effect: 'Allow', Action: 'iam:ListServiceSpecificCredentials', Resource: `arn:aws:iam::${ACCOUNT_ID}:user/\${aws:username}` },
    ]);
    await newUser('olga');
    const asBuilder = t.iam(creds);
    const mine = await asBuilder.send(new CreateServiceSpecificCredentialCommand({ UserName: 'builder', ServiceName: 'codecommit.amazonaws.com' }));
    expect(mine.ServiceSpecificCredential?.ServiceUserName).toBe(`builder-at-${ACCOUNT_ID}`);
    await expect(
      asBuilder.send(new CreateServiceSpecificCredentialCommand({ UserName: 'builder', ServiceName: 'bedrock.amazonaws.com' })),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(
      asBuilder.send(new CreateServiceSpecificCredentialCommand({ UserName: 'olga', ServiceName: 'codecommit.amazonaws.com' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await asBuilder.send(new ListServiceSpecificCredentialsCommand({}))).ServiceSpecificCredentials).toHaveLength(1);
    await expect(asBuilder.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
