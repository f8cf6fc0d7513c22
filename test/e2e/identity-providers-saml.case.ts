// The SAML provider cases of identity-providers.test.ts: every action, AWS's errors, and one
// enforcement case, against the server that file starts.

import { expect, it } from 'vitest';
import {
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetSAMLProviderCommand,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { idpMetadata, OTHER_CERT } from '../../src/auth/saml/saml-test-idp.case.js';
import { ACCOUNT_ID } from '../support/server.js';

export interface SamlCaseContext {
  readonly iam: IAMClient;
  userWithPolicy(name: string, statement: object[]): Promise<IAMClient>;
}

const samlArn = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:saml-provider/${name}`;

export function samlProviderTests(context: () => SamlCaseContext): void {
  it('creates a provider from valid metadata and reads it back exactly', async () => {
    const { iam } = context();
    const metadata = idpMetadata({ validUntil: '2031-01-01T00:00:00Z' });
    const created = await iam.send(new CreateSAMLProviderCommand({ Name: 'Okta', SAMLMetadataDocument: metadata, Tags: [{ Key: 'team', Value: 'red' }] }));
    expect(created).toMatchObject({ SAMLProviderArn: samlArn('Okta'), Tags: [{ Key: 'team', Value: 'red' }] });
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: samlArn('Okta') }));
    expect(got.SAMLMetadataDocument).toBe(metadata);
    expect(got.SAMLProviderUUID).toMatch(/^SAML[A-Z2-7]{18}$/);
    expect(got.ValidUntil?.toISOString()).toBe('2031-01-01T00:00:00.000Z');
    expect(got.Tags).toEqual([{ Key: 'team', Value: 'red' }]);
    const listed = await iam.send(new ListSAMLProvidersCommand({}));
    expect(listed.SAMLProviderList).toContainEqual({ Arn: samlArn('Okta'), ValidUntil: got.ValidUntil, CreateDate: got.CreateDate });
  });

  it('makes metadata without validUntil valid for a hundred years', async () => {
    const { iam } = context();
    await iam.send(new CreateSAMLProviderCommand({ Name: 'Forever', SAMLMetadataDocument: idpMetadata() }));
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: samlArn('Forever') }));
    expect(got.ValidUntil!.getUTCFullYear() - got.CreateDate!.getUTCFullYear()).toBe(100);
  });

  it('refuses metadata IAM cannot parse, a duplicate name and encryption it cannot do', async () => {
    const { iam } = context();
    await expect(iam.send(new CreateSAMLProviderCommand({ Name: 'Bad', SAMLMetadataDocument: `<a>${'x'.repeat(1000)}</a>` }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Could not parse metadata.',
      $metadata: { httpStatusCode: 400 },
    });
    await iam.send(new CreateSAMLProviderCommand({ Name: 'Twice', SAMLMetadataDocument: idpMetadata() }));
    await expect(iam.send(new CreateSAMLProviderCommand({ Name: 'TWICE', SAMLMetadataDocument: idpMetadata() }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Provider with name TWICE already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      iam.send(new CreateSAMLProviderCommand({ Name: 'Enc', SAMLMetadataDocument: idpMetadata(), AssertionEncryptionMode: 'Required' })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: samlArn('Enc') }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('updates the metadata, tags and untags, and deletes; a missing provider is NoSuchEntity', async () => {
    const { iam } = context();
    const arn = samlArn('Changing');
    await iam.send(new CreateSAMLProviderCommand({ Name: 'Changing', SAMLMetadataDocument: idpMetadata() }));
    const replacement = idpMetadata({ certificates: [OTHER_CERT], entityId: 'https://other.example.com/saml' });
    expect((await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: replacement }))).SAMLProviderArn).toBe(arn);
    expect((await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).SAMLMetadataDocument).toBe(replacement);
    await expect(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(
      iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: `<x>${' '.repeat(1000)}</x>` })),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: 'Could not parse metadata.' });

    await iam.send(
      new TagSAMLProviderCommand({
        SAMLProviderArn: arn,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    const page = await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn, MaxItems: 1 }));
    expect(page).toMatchObject({ Tags: [{ Key: 'a', Value: '1' }], IsTruncated: true });
    expect((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn, Marker: page.Marker }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    await iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: arn, TagKeys: ['A'] }));
    expect((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);

    await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
    for (const command of [new GetSAMLProviderCommand({ SAMLProviderArn: arn }), new DeleteSAMLProviderCommand({ SAMLProviderArn: arn })]) {
      await expect(iam.send(command as never)).rejects.toMatchObject({
        name: 'NoSuchEntityException',
        message: `Manifest not found for arn ${arn}`,
        $metadata: { httpStatusCode: 404 },
      });
    }
  });

  it('authorizes through the engine by resource tag', async () => {
    const { iam, userWithPolicy } = context();
    for (const owner of ['Mine', 'Theirs']) {
      await iam.send(new CreateSAMLProviderCommand({ Name: owner, SAMLMetadataDocument: idpMetadata(), Tags: [{ Key: 'owner', Value: owner }] }));
    }
    const erin = await userWithPolicy('erin', [
      { Effect: 'Allow', Action: 'iam:GetSAMLProvider', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': 'Mine' } } },
      { Effect: 'Allow', Action: 'iam:ListSAMLProviders', Resource: '*' },
    ]);
    expect((await erin.send(new GetSAMLProviderCommand({ SAMLProviderArn: samlArn('Mine') }))).SAMLMetadataDocument).toContain('EntityDescriptor');
    expect((await erin.send(new ListSAMLProvidersCommand({}))).SAMLProviderList?.length).toBeGreaterThanOrEqual(2);
    await expect(erin.send(new GetSAMLProviderCommand({ SAMLProviderArn: samlArn('Theirs') }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/erin is not authorized to perform: iam:GetSAMLProvider on resource: ${samlArn('Theirs')} because no identity-based policy allows the iam:GetSAMLProvider action`,
    });
    await expect(erin.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: samlArn('Mine') }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
}
