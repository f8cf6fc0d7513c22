// Validation messages, checked against wording AWS returned on the wire.
import { describe, expect, it } from 'vitest';
import { loadServiceModel } from '../model/service-model.js';
import { decodeQueryRequest } from './decode.js';
import { validateInput } from './validate.js';

const iam = loadServiceModel('iam');
const sts = loadServiceModel('sts');

function message(query: string, model = iam): string {
  const result = decodeQueryRequest(new URLSearchParams(query), model);
  if (result.ok) throw new Error('expected a validation error');
  expect(result.error).toMatchObject({ code: 'ValidationError', status: 400, type: 'Sender' });
  return result.error.message;
}

const ROLE_ARN_PATTERN = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+';
const assumeRole = (params: string): string => `Action=AssumeRole&Version=2011-06-15&${params}`;
const ARN = 'arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr';

describe('STS validation messages (as AWS answers them)', () => {
  it('reports a missing required member as null', () => {
    expect(message(assumeRole('RoleSessionName=s1'), sts)).toBe(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it('lists a pattern and a length violation of one value, pattern first', () => {
    expect(message(assumeRole('RoleArn=&RoleSessionName=s1'), sts)).toBe(
      `2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_ARN_PATTERN}; ` +
        "Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
  });

  it('counts length in code points and rejects astral characters by pattern', () => {
    const emoji = '😀'.repeat(2049);
    expect(message(assumeRole(`RoleArn=${encodeURIComponent(emoji)}&RoleSessionName=s1`), sts)).toBe(
      `2 validation errors detected: Value '${emoji}' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_ARN_PATTERN}; ` +
        `Value '${emoji}' at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    );
    const decomposed = 'e\u0301'.repeat(1025);
    expect(message(assumeRole(`RoleArn=${encodeURIComponent(decomposed)}&RoleSessionName=s1`), sts)).toBe(
      `1 validation error detected: Value '${decomposed}' at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    );
  });

  it('uses the generic pattern sentence for a session name', () => {
    expect(message(assumeRole(`RoleArn=${ARN}&RoleSessionName=bad%2Fname`), sts)).toBe(
      "1 validation error detected: Value 'bad/name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('reports integer ranges', () => {
    expect(message(assumeRole(`RoleArn=${ARN}&RoleSessionName=s1&DurationSeconds=899`), sts)).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect(message(assumeRole(`RoleArn=${ARN}&RoleSessionName=s1&DurationSeconds=43201`), sts)).toBe(
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
  });
});

describe('IAM validation messages', () => {
  it('reports an over-long name with the generic length sentence', () => {
    const long = 'a'.repeat(65);
    expect(message(`Action=CreateUser&Version=2010-05-08&UserName=${long}`)).toBe(
      `1 validation error detected: Value '${long}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('answers a bad name with IAM’s own sentence, alone, even when the length is wrong too', () => {
    const expected = 'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-';
    expect(message('Action=CreateUser&Version=2010-05-08&UserName=a%20b')).toBe(expected);
    const arn = encodeURIComponent('arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20500823T191735');
    expect(message(`Action=AttachRolePolicy&Version=2010-05-08&RoleName=${arn}&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FX`)).toBe(
      'The specified value for roleName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    );
  });

  it('answers a bad path or path prefix with IAM’s own sentences', () => {
    expect(message('Action=CreateUser&Version=2010-05-08&UserName=bob&Path=team')).toBe(
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    );
    const prefix =
      'The specified value for pathPrefix is invalid. It must begin with the / character and contain only alphanumeric characters and/or / characters.';
    expect(message('Action=ListPolicies&Version=2010-05-08&PathPrefix=%2Ffoo')).toBe(prefix);
    expect(message('Action=ListUsers&Version=2010-05-08&PathPrefix=foo')).toBe(prefix);
  });

  it('lists several violations in member order with nested paths', () => {
    expect(message('Action=CreateUser&Version=2010-05-08&Tags.member.1.Key=a*&Tags.member.1.Value=ok')).toBe(
      '2 validation errors detected: ' +
        "Value null at 'userName' failed to satisfy constraint: Member must not be null; " +
        "Value 'a*' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    );
  });

  it('reports enums and ranges', () => {
    expect(message('Action=UpdateAccessKey&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Bogus')).toBe(
      "1 validation error detected: Value 'Bogus' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    );
    expect(message('Action=ListUsers&Version=2010-05-08&MaxItems=0')).toBe(
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('wraps the violations of scalar list members around the list', () => {
    expect(message('Action=GetAccountAuthorizationDetails&Version=2010-05-08&Filter.member.1=User&Filter.member.2=Bogus')).toBe(
      "1 validation error detected: Value '[User, Bogus]' at 'filter' failed to satisfy constraint: " +
        'Member must satisfy constraint: [Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]]',
    );
  });

  it('checks list lengths', () => {
    const tags = Array.from({ length: 51 }, (_, i) => `&Tags.member.${i + 1}.Key=k${i}&Tags.member.${i + 1}.Value=v`).join('');
    expect(message(`Action=TagUser&Version=2010-05-08&UserName=bob${tags}`)).toMatch(
      /^1 validation error detected: Value '\[.*\]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
  });

  it('never prints the value of a sensitive member', () => {
    expect(message('Action=ChangePassword&Version=2010-05-08&OldPassword=secret-old&NewPassword=')).toBe(
      "2 validation errors detected: Value at 'newPassword' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+; " +
        "Value at 'newPassword' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('accepts a valid request', () => {
    const result = validateInput(iam, 'CreateUserRequest', { UserName: 'bob', Path: '/team/', Tags: [{ Key: 'team', Value: 'a b' }] });
    expect(result).toEqual({ violations: [] });
  });
});
