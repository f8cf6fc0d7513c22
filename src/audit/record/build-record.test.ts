// CloudTrail records for IAM and STS calls: the fields AWS's examples show, and no
// secret in any record of any operation (every operation of both models, with every
// member set).

import { describe, expect, it } from 'vitest';
import { getShape, loadServiceModel, type ServiceModel, type ServiceName } from '../../protocol/model/service-model.js';
import { sampleValue } from '../../protocol/model/sample-value.case.js';
import { isWireObject, type WireObject, type WireValue } from '../../protocol/wire-value.js';
import { buildApiCallRecord, type AuditedCall } from './build-record.js';
import type { UserIdentity } from './cloudtrail-record.js';
import { camelName } from './redact.js';

const IAM = loadServiceModel('iam');
const STS = loadServiceModel('sts');
const ALICE: UserIdentity = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE', userName: 'alice' };

function call(service: string, action: string, extra: Partial<AuditedCall>): AuditedCall {
  return {
    service,
    action,
    identity: ALICE,
    recipientAccountId: '111122223333',
    time: new Date(Date.UTC(2026, 11, 7, 16, 20, 5, 123)),
    region: 'eu-west-1',
    sourceIp: '192.0.2.10',
    userAgent: 'aws-cli/2.15',
    requestId: 'req-1',
    eventId: 'evt-1',
    ...extra,
  };
}

describe('buildApiCallRecord', () => {
  it('records a write with camelCase parameters and Java-style dates, in us-east-1 for IAM', () => {
    const record = buildApiCallRecord(IAM, call('iam', 'CreateUser', {
      input: { UserName: 'Bob', Path: '/' },
      output: { User: { Path: '/', UserName: 'Bob', UserId: 'AIDABOB', Arn: 'arn:aws:iam::111122223333:user/Bob', CreateDate: new Date(Date.UTC(2014, 2, 24, 21, 11, 59)) } },
    }));
    expect(record).toMatchObject({
      eventVersion: '1.11',
      eventTime: '2026-12-07T16:20:05Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      awsRegion: 'us-east-1',
      sourceIPAddress: '192.0.2.10',
      requestParameters: { userName: 'Bob', path: '/' },
      responseElements: { user: { path: '/', userName: 'Bob', userId: 'AIDABOB', arn: 'arn:aws:iam::111122223333:user/Bob', createDate: 'Mar 24, 2014 9:11:59 PM' } },
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      eventCategory: 'Management',
      recipientAccountId: '111122223333',
    });
    expect(record.errorCode).toBeUndefined();
  });

  it('keeps parameters but not the response of a read, and records errors', () => {
    const read = buildApiCallRecord(IAM, call('iam', 'GetUser', { input: { UserName: 'Bob' }, output: { User: { UserName: 'Bob' } } }));
    expect(read.readOnly).toBe(true);
    expect(read.requestParameters).toEqual({ userName: 'Bob' });
    expect(read.responseElements).toBeNull();
    const failed = buildApiCallRecord(IAM, call('iam', 'DeleteUser', { input: { UserName: 'Nobody' }, error: { code: 'NoSuchEntity', message: 'The user with name Nobody cannot be found.' } }));
    expect(failed).toMatchObject({ errorCode: 'NoSuchEntity', errorMessage: 'The user with name Nobody cannot be found.', responseElements: null });
  });

  it('records AssumeRole as read-only with its credentials but neither secret key nor session token', () => {
    const record = buildApiCallRecord(STS, call('sts', 'AssumeRole', {
      input: { RoleArn: 'arn:aws:iam::444455556666:role/Deploy', RoleSessionName: 'ci' },
      output: {
        Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'shh-secret', SessionToken: 'token-secret', Expiration: new Date(Date.UTC(2025, 1, 12, 23, 16, 48)) },
        AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:ci', Arn: 'arn:aws:sts::444455556666:assumed-role/Deploy/ci' },
      },
    }));
    expect(record.readOnly).toBe(true);
    expect(record.awsRegion).toBe('eu-west-1');
    expect(record.responseElements).toEqual({
      credentials: { accessKeyId: 'ASIAEXAMPLE', expiration: 'Feb 12, 2025, 11:16:48 PM' },
      assumedRoleUser: { assumedRoleId: 'AROAEXAMPLE:ci', arn: 'arn:aws:sts::444455556666:assumed-role/Deploy/ci' },
    });
    expect(record.resources).toEqual([{ ARN: 'arn:aws:iam::444455556666:role/Deploy', accountId: '444455556666', type: 'AWS::IAM::Role' }]);
  });

  it('leaves out CreateLoginProfile\'s password and CreateAccessKey\'s secret', () => {
    const login = buildApiCallRecord(IAM, call('iam', 'CreateLoginProfile', { input: { UserName: 'Bob', Password: 'Hunter2!xyz', PasswordResetRequired: true } }));
    expect(login.requestParameters).toEqual({ userName: 'Bob', passwordResetRequired: true });
    const key = buildApiCallRecord(IAM, call('iam', 'CreateAccessKey', {
      input: { UserName: 'Bob' },
      output: { AccessKey: { UserName: 'Bob', AccessKeyId: 'AKIANEW', Status: 'Active', SecretAccessKey: 'wJalrXUtnFEMI', CreateDate: new Date(0) } },
    }));
    expect(key.responseElements).toEqual({ accessKey: { userName: 'Bob', accessKeyId: 'AKIANEW', status: 'Active', createDate: 'Jan 1, 1970 12:00:00 AM' } });
  });

  for (const service of ['iam', 'sts'] as const satisfies readonly ServiceName[]) {
    const model = service === 'iam' ? IAM : STS;
    it(`never records a secret, for every ${service.toUpperCase()} operation with every member set`, () => {
      let secretsSeen = 0;
      for (const [action, operation] of Object.entries(model.operations)) {
        const input = operation.input === undefined ? undefined : (sampleValue(model, operation.input, 1) as WireObject);
        const output = operation.output === undefined ? undefined : (sampleValue(model, operation.output, 5000) as WireObject);
        const secrets = [
          ...(input !== undefined && operation.input !== undefined ? secretValues(model, operation.input, input) : []),
          ...(output !== undefined && operation.output !== undefined ? secretValues(model, operation.output, output) : []),
        ];
        secretsSeen += secrets.length;
        const record = buildApiCallRecord(model, call(service, action, { ...(input && { input }), ...(output && { output }) }));
        const leaves = new Set(stringLeaves(record));
        for (const secret of secrets) expect(leaves.has(secret), `${action} recorded ${secret}`).toBe(false);
        // Everything else in the request is kept (camelCase), so redaction is not "drop all".
        if (input !== undefined && Object.keys(input).some((m) => !secretMember(model, operation.input as string, m))) {
          expect(record.requestParameters, action).not.toBeNull();
        }
      }
      // The walk found the secrets it guards against (passwords, keys, seeds, tokens...).
      expect(secretsSeen).toBeGreaterThan(service === 'iam' ? 15 : 8);
    });
  }

  it('uses the first letter lowered for camelCase, as CloudTrail does', () => {
    expect(camelName('SAMLMetadataDocument')).toBe('sAMLMetadataDocument');
    expect(camelName('OpenIDConnectProviderArn')).toBe('openIDConnectProviderArn');
  });
});

const SECRET_NAMES = /^(SessionToken|AuthenticationCode[12]|TokenCode|WebIdentityToken|SAMLAssertion|SecretAccessKey|Password|NewPassword|OldPassword|PrivateKey|Base32StringSeed|QRCodePNG|ServicePassword|ServiceCredentialSecret)$/;

function secretMember(model: ServiceModel, shapeName: string, member: string): boolean {
  const shape = getShape(model, shapeName);
  if (shape.type !== 'structure') return false;
  const ref = shape.members[member];
  if (ref === undefined) return false;
  const target = getShape(model, ref.shape);
  return SECRET_NAMES.test(member) || ((target.type === 'string' || target.type === 'blob') && target.sensitive === true);
}

/** Every string under a secret member of `value` (shape `shapeName`). */
function secretValues(model: ServiceModel, shapeName: string, value: WireValue): string[] {
  const shape = getShape(model, shapeName);
  const out: string[] = [];
  if (shape.type === 'structure' && isWireObject(value)) {
    for (const [member, ref] of Object.entries(shape.members)) {
      const v = value[member];
      if (v === undefined) continue;
      if (secretMember(model, shapeName, member)) out.push(...stringLeaves(v));
      else out.push(...secretValues(model, ref.shape, v));
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    for (const item of value as readonly WireValue[]) out.push(...secretValues(model, shape.member.shape, item));
  }
  return out;
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof Uint8Array) return [Buffer.from(value).toString('utf8')];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return Object.values(value).flatMap(stringLeaves);
  return [];
}
