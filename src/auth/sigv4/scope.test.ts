// Credential parsing, AWS's scope messages, and the routing peek.

import { describe, expect, it } from 'vitest';
import { checkScope, credentialScopeService, parseCredential, type CredentialScope } from './scope.js';

const RULES = { services: ['iam', 'sts'] };

function scopeOf(credential: string): CredentialScope {
  const parsed = parseCredential(credential);
  if ('code' in parsed) throw new Error(parsed.message);
  return parsed;
}

describe('parseCredential', () => {
  it('splits the five elements', () => {
    expect(parseCredential('AKID/20240101/eu-west-1/sts/aws4_request')).toEqual({
      accessKeyId: 'AKID',
      date: '20240101',
      region: 'eu-west-1',
      service: 'sts',
      terminator: 'aws4_request',
      scope: '20240101/eu-west-1/sts/aws4_request',
    });
  });

  it.each(['AKID/20240101/us-east-1/iam', 'AKID/20240101/us-east-1/iam/aws4_request/x', 'AKID'])(
    'rejects %j with AWS wording',
    (credential) => {
      expect(parseCredential(credential)).toEqual({
        code: 'IncompleteSignature',
        status: 400,
        message:
          'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,' +
          ` got '${credential}'`,
      });
    },
  );
});

describe('checkScope', () => {
  it('accepts any well-formed region and either service by default', () => {
    expect(checkScope(scopeOf('AKID/20240101/ap-southeast-2/iam/aws4_request'), '20240101T120000Z', RULES)).toBeUndefined();
    expect(checkScope(scopeOf('AKID/20240101/us-east-1/sts/aws4_request'), '20240101T120000Z', RULES)).toBeUndefined();
  });

  it('names the wrong service', () => {
    expect(checkScope(scopeOf('AKID/20240101/us-east-1/s3/aws4_request'), '20240101T120000Z', RULES)).toEqual({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: "Credential should be scoped to correct service: 'iam'.",
    });
  });

  it('checks the region against an allow-list when given', () => {
    const error = checkScope(scopeOf('AKID/20240101/eu-west-1/iam/aws4_request'), '20240101T120000Z', {
      ...RULES,
      regions: ['us-east-1'],
    });
    expect(error?.message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
  });

  it('reports every problem in one message, the date last', () => {
    const error = checkScope(scopeOf('AKID/20231231/US_EAST/ec2/aws5_request'), '20240101T000000Z', RULES);
    expect(error).toEqual({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message:
        "Credential should be scoped to a valid region, not 'US_EAST'. " +
        "Credential should be scoped to correct service: 'iam'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20231231' != '20240101', from '20240101T000000Z'.",
    });
  });
});

describe('credentialScopeService', () => {
  it('reads the Authorization header', () => {
    const headers = {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
    };
    expect(credentialScopeService(headers, '')).toBe('sts');
  });

  it('reads an encoded X-Amz-Credential query parameter', () => {
    expect(credentialScopeService({}, 'Action=ListUsers&X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fiam%2Faws4_request')).toBe('iam');
  });

  it('is undefined when there is nothing to read', () => {
    expect(credentialScopeService({}, 'Action=ListUsers')).toBeUndefined();
    expect(credentialScopeService({ authorization: 'Bearer token' }, '')).toBeUndefined();
    expect(credentialScopeService({ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101' }, '')).toBeUndefined();
  });
});
