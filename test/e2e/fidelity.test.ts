// Answers checked against what AWS returns, through the real SDK against a real server:
// regional S3 ARNs in identity policies, empty Tags lists, service-linked role names and
// trust policies, quota names and not-found messages.

import * as iam from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAF_CERT, LEAF_KEY, SIGNER_1_CERT, SIGNER_2_CERT, SIGNER_3_CERT } from '../../src/services/iam/certificates/fixtures.case.js';
import { ACCOUNT_ID, startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const allow = (action: string, resource: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

describe('S3 ARNs with a region in identity policies', () => {
  it('accepts regional S3 resource types (access points, jobs, Storage Lens, Access Grants)', async () => {
    await t.iam().send(new iam.CreateUserCommand({ UserName: 's3-region' }));
    for (const [i, resource] of [
      'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point',
      'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*',
      'arn:aws:s3:us-east-1:123456789012:job/*',
      'arn:aws:s3:us-east-1:123456789012:storage-lens/default',
      'arn:aws:s3:us-east-1:123456789012:access-grants/default/location/*',
    ].entries()) {
      await t.iam().send(new iam.PutUserPolicyCommand({ UserName: 's3-region', PolicyName: `p${i}`, PolicyDocument: allow('s3:GetObject', resource) }));
    }
    const names = await t.iam().send(new iam.ListUserPoliciesCommand({ UserName: 's3-region' }));
    expect(names.PolicyNames).toHaveLength(5);
  });

  it('still refuses a region on bucket and object ARNs', async () => {
    const resource = 'arn:aws:s3:us-west-2:123456789012:test/athena';
    await expect(
      t.iam().send(new iam.CreatePolicyCommand({ PolicyName: 's3-object-region', PolicyDocument: allow('s3:GetObject', resource) })),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Resource ${resource} can not contain region information.`,
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('Tags of an untagged resource', () => {
  // Recorded AWS answers: GetPolicy (customer and AWS managed), GetInstanceProfile and
  // GetServerCertificate carry `Tags: []`; GetRole, GetUser and the Create* answers leave it out.
  it('GetPolicy, GetInstanceProfile and GetServerCertificate answer an empty Tags list', async () => {
    const c = t.iam();
    const created = await c.send(new iam.CreatePolicyCommand({ PolicyName: 'untagged', PolicyDocument: allow('s3:GetObject', '*') }));
    expect(created.Policy).not.toHaveProperty('Tags');
    expect((await c.send(new iam.GetPolicyCommand({ PolicyArn: created.Policy!.Arn! }))).Policy?.Tags).toEqual([]);
    expect((await c.send(new iam.GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))).Policy?.Tags).toEqual([]);

    const profile = await c.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'untagged' }));
    expect(profile.InstanceProfile).not.toHaveProperty('Tags');
    expect((await c.send(new iam.GetInstanceProfileCommand({ InstanceProfileName: 'untagged' }))).InstanceProfile?.Tags).toEqual([]);

    await c.send(new iam.UploadServerCertificateCommand({ ServerCertificateName: 'untagged', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }));
    expect((await c.send(new iam.GetServerCertificateCommand({ ServerCertificateName: 'untagged' }))).ServerCertificate?.Tags).toEqual([]);
  });

  it('GetRole and GetUser leave Tags out', async () => {
    const c = t.iam();
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await c.send(new iam.CreateRoleCommand({ RoleName: 'untagged', AssumeRolePolicyDocument: trust }));
    await c.send(new iam.CreateUserCommand({ UserName: 'untagged' }));
    expect((await c.send(new iam.GetRoleCommand({ RoleName: 'untagged' }))).Role).not.toHaveProperty('Tags');
    expect((await c.send(new iam.GetUserCommand({ UserName: 'untagged' }))).User).not.toHaveProperty('Tags');
  });
});

describe('service-linked roles', () => {
  it('names the Application Auto Scaling custom-resource role as AWS does, with a list-valued trust policy', async () => {
    const service = 'custom-resource.application-autoscaling.amazonaws.com';
    const { Role } = await t.iam().send(new iam.CreateServiceLinkedRoleCommand({ AWSServiceName: service }));
    expect(Role).toMatchObject({
      RoleName: 'AWSServiceRoleForApplicationAutoScaling_CustomResource',
      Path: `/aws-service-role/${service}/`,
    });
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
    });
    const attached = await t.iam().send(new iam.ListAttachedRolePoliciesCommand({ RoleName: Role!.RoleName! }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual(['arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoScalingCustomResourcePolicy']);
  });
});

describe('error messages', () => {
  it('names the signing certificate quota CertificatesPerUser', async () => {
    const c = t.iam();
    await c.send(new iam.CreateUserCommand({ UserName: 'signer' }));
    for (const body of [SIGNER_1_CERT, SIGNER_2_CERT]) await c.send(new iam.UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: body }));
    await expect(c.send(new iam.UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: SIGNER_3_CERT }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for CertificatesPerUser: 2',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('DeleteAccountPasswordPolicy without a policy answers in its own words', async () => {
    await expect(t.iam().send(new iam.DeleteAccountPasswordPolicyCommand({}))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The account policy with name PasswordPolicy cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(t.iam().send(new iam.GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Password Policy with domain name ${ACCOUNT_ID} cannot be found.`,
    });
  });
});
