// IAM Access Analyzer's policy checks through @aws-sdk/client-accessanalyzer against a real server:
// ValidatePolicy with AWS's own example and paging, the three custom checks, authorization with
// access-analyzer: actions, and AWS-shaped errors.

import { describe, expect, it } from 'vitest';
import {
  AccessDeniedException,
  CheckAccessNotGrantedCommand,
  CheckNoNewAccessCommand,
  CheckNoPublicAccessCommand,
  paginateValidatePolicy,
  ValidatePolicyCommand,
  ValidationException,
  type ValidatePolicyFinding,
} from '@aws-sdk/client-accessanalyzer';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { accessAnalyzerClient } from '../support/access-analyzer-client.js';
import { useTestServer } from '../support/server.js';

const t = useTestServer();
const aa = accessAnalyzerClient(t);

const COGNITO_TRUST = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "",
            "Effect": "Allow",
            "Principal": {
                "Federated": "cognito-identity.amazonaws.com"
            },
            "Action": [
                "sts:AssumeRole",
                "sts:TagSession"
            ],
            "Condition": {
                "StringEquals": {
                    "cognito-identity.amazonaws.com:aud": "us-west-2_EXAMPLE"
                }
            }
        }
    ]
}
`;

const policy = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('ValidatePolicy', () => {
  it("answers AWS's documented example as AWS does", async () => {
    const out = await aa.send(new ValidatePolicyCommand({ policyDocument: COGNITO_TRUST, policyType: 'RESOURCE_POLICY' }));
    expect(out.findings?.map((f) => f.issueCode)).toEqual(['EMPTY_SID_VALUE', 'MISMATCHED_ACTION_FOR_PRINCIPAL', 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY']);
    expect(out.findings?.[0]).toEqual({
      findingDetails: 'Add a value to the empty string in the Sid element.',
      findingType: 'SUGGESTION',
      issueCode: 'EMPTY_SID_VALUE',
      learnMoreLink: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-empty-sid-value',
      locations: [{ path: [{ value: 'Statement' }, { index: 0 }, { value: 'Sid' }], span: { start: { line: 5, column: 19, offset: 79 }, end: { line: 5, column: 21, offset: 81 } } }],
    });
    expect(out.nextToken).toBeUndefined();
  });

  it('pages findings with maxResults and nextToken, and the SDK paginator collects them all', async () => {
    const many = policy(Array.from({ length: 7 }, (_, i) => ({ Sid: '', Effect: 'Allow', Action: `s3:NoSuchAction${i}`, Resource: '*' })));
    const first = await aa.send(new ValidatePolicyCommand({ policyDocument: many, policyType: 'IDENTITY_POLICY', maxResults: 5 }));
    expect(first.findings).toHaveLength(5);
    expect(first.nextToken).toBeDefined();
    const all: ValidatePolicyFinding[] = [];
    for await (const page of paginateValidatePolicy({ client: aa, pageSize: 4 }, { policyDocument: many, policyType: 'IDENTITY_POLICY' })) all.push(...(page.findings ?? []));
    expect(all).toHaveLength(14);
    expect(all.filter((f) => f.issueCode === 'INVALID_ACTION')).toHaveLength(7);
    expect(all.filter((f) => f.issueCode === 'EMPTY_SID_VALUE')).toHaveLength(7);
  });

  it('refuses a request without policyType with ValidationException, reason and fieldList', async () => {
    const error = await aa.send(new ValidatePolicyCommand({ policyDocument: '{}', policyType: undefined as never })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    const v = error as ValidationException;
    expect(v.$metadata.httpStatusCode).toBe(400);
    expect(v.reason).toBe('fieldValidationFailed');
    expect(v.fieldList?.[0]?.name).toBe('policyType');
  });

  it('refuses an unknown policy type the same way', async () => {
    const error = await aa.send(new ValidatePolicyCommand({ policyDocument: '{}', policyType: 'TRUST_POLICY' as never })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toContain("at 'policyType' failed to satisfy constraint");
  });
});

describe('custom policy checks', () => {
  it('CheckNoNewAccess: s3:Get* over s3:GetObject* fails, naming the statement and an example; the reverse passes', async () => {
    const wide = await aa.send(
      new CheckNoNewAccessCommand({
        newPolicyDocument: policy([{ Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]),
        existingPolicyDocument: policy([{ Effect: 'Allow', Action: 's3:GetObject*', Resource: '*' }]),
        policyType: 'IDENTITY_POLICY',
      }),
    );
    expect(wide.result).toBe('FAIL');
    expect(wide.message).toBe('The modified permissions grant new access compared to your existing policy.');
    expect(wide.reasons).toHaveLength(1);
    expect(wide.reasons?.[0]).toMatchObject({ statementIndex: 0, statementId: 'Read' });
    expect(wide.reasons?.[0]?.description).toMatch(/^New access in the statement with sid: Read\. For example: s3:Get(?!Object)\w+ on \*\.$/);
    const narrow = await aa.send(
      new CheckNoNewAccessCommand({
        newPolicyDocument: policy([{ Effect: 'Allow', Action: 's3:GetObject*', Resource: 'arn:aws:s3:::b/a*' }]),
        existingPolicyDocument: policy([{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }]),
        policyType: 'IDENTITY_POLICY',
      }),
    );
    expect(narrow).toMatchObject({ result: 'PASS', message: 'The modified permissions grant no new access compared to your existing policy.' });
    expect(narrow.reasons).toBeUndefined();
  });

  it('CheckAccessNotGranted: fails for a granted action, passes for one the policy does not grant', async () => {
    const doc = policy([{ Sid: 'AllowJohnDoe', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
    const granted = await aa.send(new CheckAccessNotGrantedCommand({ policyDocument: doc, policyType: 'IDENTITY_POLICY', access: [{ actions: ['s3:GetObject'] }] }));
    expect(granted.result).toBe('FAIL');
    expect(granted.reasons?.[0]?.description).toMatch(/^One or more of the listed actions or resources in the statement with sid: AllowJohnDoe\./);
    const notGranted = await aa.send(new CheckAccessNotGrantedCommand({ policyDocument: doc, policyType: 'IDENTITY_POLICY', access: [{ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::b/*'] }] }));
    expect(notGranted.result).toBe('PASS');
  });

  it('CheckNoPublicAccess: Principal * fails, a named account passes', async () => {
    const bucket = (principal: unknown) => policy([{ Sid: 'Bob', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
    const open = await aa.send(new CheckNoPublicAccessCommand({ policyDocument: bucket('*'), resourceType: 'AWS::S3::Bucket' }));
    expect(open).toMatchObject({ result: 'FAIL', message: 'The resource policy grants public access for the given resource type.' });
    expect(open.reasons?.[0]).toMatchObject({ statementIndex: 0, statementId: 'Bob' });
    const closed = await aa.send(new CheckNoPublicAccessCommand({ policyDocument: bucket({ AWS: '111122223333' }), resourceType: 'AWS::S3::Bucket' }));
    expect(closed.result).toBe('PASS');
  });

  it('answers a malformed policy with InvalidParameterException, not a 500', async () => {
    const error = await aa
      .send(new CheckNoNewAccessCommand({ newPolicyDocument: '{"Statement":', existingPolicyDocument: policy([]), policyType: 'IDENTITY_POLICY' }))
      .catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } });
    expect(error).toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
  });
});

describe('authorization', () => {
  it('denies a user without access-analyzer: permissions with AccessDeniedException, and allows one with them', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'analyst' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'analyst' }));
    const creds = { accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? '' };
    const analyst = accessAnalyzerClient(t, creds);
    const request = new ValidatePolicyCommand({ policyDocument: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), policyType: 'IDENTITY_POLICY' });
    const denied = await analyst.send(request).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect((denied as AccessDeniedException).$metadata.httpStatusCode).toBe(403);
    expect((denied as AccessDeniedException).message).toContain('access-analyzer:ValidatePolicy');
    await iam.send(new PutUserPolicyCommand({ UserName: 'analyst', PolicyName: 'aa', PolicyDocument: policy([{ Effect: 'Allow', Action: 'access-analyzer:ValidatePolicy', Resource: '*' }]) }));
    const allowed = await analyst.send(request);
    expect(allowed.findings).toEqual([]);
  });

  it('refuses a request signed with an unknown key', async () => {
    const stranger = accessAnalyzerClient(t, { accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: 'x'.repeat(40) });
    const error = await stranger.send(new ValidatePolicyCommand({ policyDocument: '{}', policyType: 'IDENTITY_POLICY' })).catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } });
    expect(error).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
  });
});

describe('operations Keyward does not serve yet', () => {
  it('answers ValidationException notSupported, never a 500', async () => {
    const { ListAccessPreviewsCommand } = await import('@aws-sdk/client-accessanalyzer');
    const error = await aa.send(new ListAccessPreviewsCommand({ analyzerArn: 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/a' })).catch((e: unknown) => e as ValidationException);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).reason).toBe('notSupported');
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
  });
});
