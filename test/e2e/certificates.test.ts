// Server certificates and signing certificates through the real AWS SDK against a real server:
// PEM validation, chains, key pairs, tags, paths, quotas, pagination and enforcement.

import { describe, expect, it } from 'vitest';
import {
  CreateUserCommand,
  DeleteServerCertificateCommand,
  DeleteSigningCertificateCommand,
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  ListSigningCertificatesCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UpdateSigningCertificateCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam';
import {
  EXPIRED_CERT,
  INTERMEDIATE_CERT,
  LEAF_CERT,
  LEAF_CHAIN,
  LEAF_KEY,
  ROOT_CA_CERT,
  RSA_CERT,
  RSA_KEY,
  SIGNER_1_CERT,
  SIGNER_2_CERT,
  SIGNER_3_CERT,
} from '../../src/services/iam/certificates/fixtures.case.js';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

const upload = (name: string, extra: Partial<{ Path: string; CertificateChain: string; Tags: { Key: string; Value: string }[] }> = {}) =>
  t.iam().send(new UploadServerCertificateCommand({ ServerCertificateName: name, CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY, ...extra }));

describe('server certificates', () => {
  it('uploads with a chain, path and tags, and reads it back without the private key', async () => {
    const iam = t.iam();
    const up = await upload('web', { Path: '/cloudfront/', CertificateChain: LEAF_CHAIN, Tags: [{ Key: 'env', Value: 'prod' }] });
    const meta = up.ServerCertificateMetadata!;
    expect(meta.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:server-certificate/cloudfront/web`);
    expect(meta.ServerCertificateId).toMatch(/^ASCA[A-Z2-7]{17}$/);
    expect(meta.Path).toBe('/cloudfront/');
    expect(meta.Expiration?.toISOString()).toBe('2126-11-05T17:10:56.000Z');
    expect(up.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    const got = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'WEB' }));
    expect(got.ServerCertificate?.CertificateBody).toBe(LEAF_CERT);
    expect(got.ServerCertificate?.CertificateChain).toBe(LEAF_CHAIN);
    expect(got.ServerCertificate?.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(JSON.stringify(got)).not.toContain('PRIVATE KEY');
  });

  it('accepts an RSA pair with a PKCS#8 key and no chain', async () => {
    const up = await t.iam().send(new UploadServerCertificateCommand({ ServerCertificateName: 'rsa', CertificateBody: RSA_CERT, PrivateKey: RSA_KEY }));
    expect(up.ServerCertificateMetadata?.Path).toBe('/');
    await t.iam().send(new DeleteServerCertificateCommand({ ServerCertificateName: 'rsa' }));
  });

  it('refuses malformed PEM, a mismatched key and a chain out of order with AWS codes', async () => {
    const iam = t.iam();
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'bad', CertificateBody: 'not a certificate', PrivateKey: LEAF_KEY })),
    ).rejects.toMatchObject({
      name: 'MalformedCertificateException',
      message: 'Unable to parse certificate. Please ensure the certificate is in PEM format.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'bad', CertificateBody: LEAF_CERT, PrivateKey: 'garbage' })),
    ).rejects.toMatchObject({ name: 'MalformedCertificateException', $metadata: { httpStatusCode: 400 } });
    await expect(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'bad', CertificateBody: LEAF_CERT, PrivateKey: RSA_KEY })),
    ).rejects.toMatchObject({ name: 'KeyPairMismatchException', $metadata: { httpStatusCode: 400 } });
    await expect(upload('bad', { CertificateChain: ROOT_CA_CERT + INTERMEDIATE_CERT })).rejects.toMatchObject({
      name: 'MalformedCertificateException',
      message:
        'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: -1',
    });
    await expect(upload('bad', { CertificateChain: INTERMEDIATE_CERT + SIGNER_1_CERT })).rejects.toMatchObject({
      message: expect.stringMatching(/is: 0$/),
    });
    await expect(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'bad' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The Server Certificate with name bad cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('refuses a duplicate name case-insensitively', async () => {
    await upload('dup');
    await expect(upload('Dup')).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'The Server Certificate with name Dup already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('renames and moves, then tags, untags and deletes', async () => {
    const iam = t.iam();
    await upload('old');
    await upload('taken');
    await expect(iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'old', NewServerCertificateName: 'Taken' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'old', NewServerCertificateName: 'renamed', NewPath: '/moved/' }));
    await expect(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'old' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    const got = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'renamed' }));
    expect(got.ServerCertificate?.ServerCertificateMetadata?.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:server-certificate/moved/renamed`);
    await iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'renamed', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 'renamed', TagKeys: ['a'] }));
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'renamed' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'renamed' }));
    await expect(iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'renamed' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('lists by path prefix with Marker and MaxItems', async () => {
    const iam = t.iam();
    for (const n of ['p1', 'p2', 'p3']) await upload(n, { Path: '/page/' });
    const first = await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/page/', MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.ServerCertificateMetadataList?.map((c) => c.ServerCertificateName)).toEqual(['p1', 'p2']);
    const second = await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/page/', MaxItems: 2, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect(second.ServerCertificateMetadataList?.map((c) => c.ServerCertificateName)).toEqual(['p3']);
  });

  it('enforces the ARN with its path and the aws:ResourceTag condition', async () => {
    const creds = await userWithPolicy(t, 'cert-admin', [
      { Effect: 'Allow', Action: 'iam:UploadServerCertificate', Resource: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/team/*` },
      { Effect: 'Allow', Action: 'iam:GetServerCertificate', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } },
    ]);
    const asAdmin = t.iam(creds);
    await expect(
      asAdmin.send(new UploadServerCertificateCommand({ ServerCertificateName: 'outside', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY })),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await asAdmin.send(new UploadServerCertificateCommand({ ServerCertificateName: 'inside', Path: '/team/', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }));
    // Tagging at upload also needs iam:TagServerCertificate.
    await expect(
      asAdmin.send(
        new UploadServerCertificateCommand({ ServerCertificateName: 't2', Path: '/team/', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY, Tags: [{ Key: 'team', Value: 'blue' }] }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('iam:TagServerCertificate') });
    await expect(asAdmin.send(new GetServerCertificateCommand({ ServerCertificateName: 'inside' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await t.iam().send(new TagServerCertificateCommand({ ServerCertificateName: 'inside', Tags: [{ Key: 'team', Value: 'blue' }] }));
    const got = await asAdmin.send(new GetServerCertificateCommand({ ServerCertificateName: 'inside' }));
    expect(got.ServerCertificate?.ServerCertificateMetadata?.ServerCertificateName).toBe('inside');
  });
});

describe('signing certificates', () => {
  it('uploads, lists, deactivates and deletes a user certificate', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'signer' }));
    const up = await iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: SIGNER_1_CERT }));
    const id = up.Certificate!.CertificateId!;
    expect(id).toMatch(/^[A-Z2-7]{32}$/);
    expect(up.Certificate).toMatchObject({ UserName: 'signer', Status: 'Active', CertificateBody: SIGNER_1_CERT });
    await iam.send(new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: id, Status: 'Inactive' }));
    const listed = await iam.send(new ListSigningCertificatesCommand({ UserName: 'signer' }));
    expect(listed.Certificates?.map((c) => [c.CertificateId, c.Status])).toEqual([[id, 'Inactive']]);
    await expect(iam.send(new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: id, Status: 'Expired' }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await iam.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: id }));
    await expect(iam.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: id }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Certificate with id ${id} cannot be found.`,
    });
  });

  it('keeps two per user, refuses duplicates, expired and malformed certificates', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'quota' }));
    await iam.send(new CreateUserCommand({ UserName: 'quota-other' }));
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'quota', CertificateBody: SIGNER_2_CERT }));
    await expect(iam.send(new UploadSigningCertificateCommand({ UserName: 'quota-other', CertificateBody: SIGNER_2_CERT }))).rejects.toMatchObject({
      name: 'DuplicateCertificateException',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'quota', CertificateBody: SIGNER_3_CERT }));
    await expect(iam.send(new UploadSigningCertificateCommand({ UserName: 'quota', CertificateBody: SIGNER_1_CERT }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for CertificatesPerUser: 2',
      $metadata: { httpStatusCode: 409 },
    });
    const page = await iam.send(new ListSigningCertificatesCommand({ UserName: 'quota', MaxItems: 1 }));
    expect(page.IsTruncated).toBe(true);
    const rest = await iam.send(new ListSigningCertificatesCommand({ UserName: 'quota', MaxItems: 1, Marker: page.Marker }));
    expect([...page.Certificates!, ...rest.Certificates!].map((c) => c.CertificateBody)).toEqual([SIGNER_2_CERT, SIGNER_3_CERT]);
    await expect(iam.send(new UploadSigningCertificateCommand({ UserName: 'quota-other', CertificateBody: EXPIRED_CERT }))).rejects.toMatchObject({
      name: 'MalformedCertificateException',
    });
    await expect(iam.send(new UploadSigningCertificateCommand({ UserName: 'quota-other', CertificateBody: 'x' }))).rejects.toMatchObject({
      name: 'MalformedCertificateException',
    });
    await expect(iam.send(new UploadSigningCertificateCommand({ UserName: 'ghost', CertificateBody: SIGNER_1_CERT }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
  });

  it('gives the root user its own certificates when it names no user', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'not-root' }));
    const up = await iam.send(new UploadSigningCertificateCommand({ CertificateBody: SIGNER_1_CERT }));
    expect(up.Certificate?.UserName).toBeUndefined();
    const mine = await iam.send(new ListSigningCertificatesCommand({}));
    expect(mine.Certificates?.map((c) => c.CertificateId)).toEqual([up.Certificate?.CertificateId]);
    // Another user's certificate is not reachable through the root's.
    await expect(iam.send(new DeleteSigningCertificateCommand({ UserName: 'not-root', CertificateId: up.Certificate!.CertificateId! }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await iam.send(new DeleteSigningCertificateCommand({ CertificateId: up.Certificate!.CertificateId! }));
  });

  it('lets a user manage only its own certificates through ${aws:username}', async () => {
    const creds = await userWithPolicy(t, 'self', [
      { Effect: 'Allow', Action: ['iam:*SigningCertificate*'], Resource: `arn:aws:iam::${ACCOUNT_ID}:user/\${aws:username}` },
    ]);
    const asSelf = t.iam(creds);
    const up = await asSelf.send(new UploadSigningCertificateCommand({ CertificateBody: RSA_CERT }));
    expect(up.Certificate?.UserName).toBe('self');
    expect((await asSelf.send(new ListSigningCertificatesCommand({}))).Certificates).toHaveLength(1);
    await expect(asSelf.send(new ListSigningCertificatesCommand({ UserName: 'signer' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/self is not authorized to perform: iam:ListSigningCertificates on resource: arn:aws:iam::${ACCOUNT_ID}:user/signer because no identity-based policy allows the iam:ListSigningCertificates action`,
    });
  });
});
