// IAM identity providers (OpenID Connect and SAML) through the real AWS SDK against a real
// server, every call signed and authorized by the engine.

import { describe, expect, it } from 'vitest';
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreateUserCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  PutUserPolicyCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';
import { samlProviderTests } from './identity-providers-saml.case.js';

const t = useTestServer();
const iam = t.iam();

const oidcArn = (url: string): string => `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${url}`;
const PRINT_A = 'A'.repeat(40);
const PRINT_B = 'b'.repeat(40);

/** A user with a key and one inline policy. */
async function userWithPolicy(name: string, statement: object[]): Promise<IAMClient> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statement }) }));
  return t.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

describe('OpenID Connect providers', () => {
  it('creates a provider named by its Url without the scheme and reads it back', async () => {
    const created = await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://server.example.com/tenant',
        ClientIDList: ['app-1', 'app-2', 'app-1'],
        ThumbprintList: [PRINT_A],
        Tags: [{ Key: 'team', Value: 'red' }],
      }),
    );
    expect(created.OpenIDConnectProviderArn).toBe(oidcArn('server.example.com/tenant'));
    expect(created.Tags).toEqual([{ Key: 'team', Value: 'red' }]);
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn }));
    expect(got.Url).toBe('server.example.com/tenant');
    expect(got.ClientIDList).toEqual(['app-1', 'app-2']);
    expect(got.ThumbprintList).toEqual([PRINT_A.toLowerCase()]);
    expect(got.CreateDate).toBeInstanceOf(Date);
    expect(got.Tags).toEqual([{ Key: 'team', Value: 'red' }]);
  });

  it('accepts a provider without thumbprints or client ids', async () => {
    const { OpenIDConnectProviderArn: arn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://bare.example.com' }));
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(got.ThumbprintList ?? []).toEqual([]);
    expect(got.ClientIDList ?? []).toEqual([]);
  });

  it('refuses a second provider for the same Url with EntityAlreadyExists', async () => {
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://dup.example.com' }));
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://dup.example.com' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Provider with url https://dup.example.com already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('validates the Url, the thumbprints and the client ids as AWS does', async () => {
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://plain.example.com' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Invalid Open ID Connect Provider URL. The URL must begin with https://.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'noscheme.example.com' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Invalid Open ID Connect Provider URL',
    });
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://q.example.com?x=1' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Invalid Open ID Connect Provider URL.',
    });
    const six = ['1', '2', '3', '4', '5', '6'].map((d) => d.repeat(40));
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://six.example.com', ThumbprintList: six }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Thumbprint list must contain fewer than 5 entries.',
    });
    const ids = Array.from({ length: 101 }, (_, i) => `client-${i}`);
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://many.example.com', ClientIDList: ids }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://tags.example.com', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' });
    // Nothing was created by the refused requests.
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(list.OpenIDConnectProviderList?.map((p) => p.Arn)).not.toContain(oidcArn('many.example.com'));
  });

  it('adds and removes client ids idempotently and replaces the thumbprints', async () => {
    const { OpenIDConnectProviderArn: arn } = await iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://clients.example.com', ClientIDList: ['one'], ThumbprintList: [PRINT_A] }),
    );
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'two' }));
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'two' }));
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'one' }));
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'never-there' }));
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [PRINT_B] }));
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(got.ClientIDList).toEqual(['two']);
    expect(got.ThumbprintList).toEqual([PRINT_B]);
  });

  it('tags, untags and pages through the tags', async () => {
    const { OpenIDConnectProviderArn: arn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://tagged.example.com' }));
    await iam.send(
      new TagOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: arn,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
          { Key: 'c', Value: '3' },
        ],
      }),
    );
    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'A', Value: 'one' }] }));
    const first = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn, MaxItems: 2 }));
    expect(first.Tags).toEqual([
      { Key: 'A', Value: 'one' },
      { Key: 'b', Value: '2' },
    ]);
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn, Marker: first.Marker }));
    expect(rest).toMatchObject({ Tags: [{ Key: 'c', Value: '3' }], IsTruncated: false });
    await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['a', 'B'] }));
    expect((await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags).toEqual([{ Key: 'c', Value: '3' }]);
  });

  it('lists every provider and deletes one (idempotently); a missing provider is NoSuchEntity', async () => {
    const { OpenIDConnectProviderArn: arn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://gone.example.com' }));
    expect((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList).toContainEqual({ Arn: arn });
    // IAM resolves provider ARNs regardless of case.
    expect((await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn!.replace('gone', 'GONE') }))).Url).toBe('gone.example.com');
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://GONE.example.com' }))).rejects.toMatchObject({ name: 'EntityAlreadyExistsException' });
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList).not.toContainEqual({ Arn: arn });
    await expect(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `OpenIDConnect Provider not found for arn ${arn}`,
      $metadata: { httpStatusCode: 404 },
    });
    // AWS documents DeleteOpenIDConnectProvider as idempotent.
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    for (const command of [
      new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'x' }),
      new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [PRINT_A] }),
      new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }),
    ]) {
      await expect(iam.send(command as never)).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    }
    await expect(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: `arn:aws:iam::${ACCOUNT_ID}:role/not-a-provider` }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });

  it('authorizes through the engine: by resource tag, and creating with tags needs iam:TagOpenIDConnectProvider', async () => {
    const red = (await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://red.example.com', Tags: [{ Key: 'team', Value: 'red' }] })))
      .OpenIDConnectProviderArn!;
    const blue = (await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://blue.example.com', Tags: [{ Key: 'team', Value: 'blue' }] })))
      .OpenIDConnectProviderArn!;
    const dana = await userWithPolicy('dana', [
      { Effect: 'Allow', Action: 'iam:GetOpenIDConnectProvider', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'red' } } },
      { Effect: 'Allow', Action: 'iam:CreateOpenIDConnectProvider', Resource: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/dana.example.com` },
    ]);
    expect((await dana.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: red }))).Url).toBe('red.example.com');
    await expect(dana.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: blue }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/dana is not authorized to perform: iam:GetOpenIDConnectProvider on resource: ${blue} because no identity-based policy allows the iam:GetOpenIDConnectProvider action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      dana.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://dana.example.com', Tags: [{ Key: 'team', Value: 'red' }] })),
    ).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('iam:TagOpenIDConnectProvider') });
    const created = await dana.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://dana.example.com' }));
    expect(created.OpenIDConnectProviderArn).toBe(oidcArn('dana.example.com'));
    await expect(dana.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://other.example.com' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('SAML providers', () => {
  samlProviderTests(() => ({ iam, userWithPolicy }));
});
