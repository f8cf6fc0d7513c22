import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { PolicyDocument } from '../../../policy/document/types.js';
import { referencedContextKeys } from './context-keys.js';

function doc(text: string): PolicyDocument {
  const parsed = parsePolicy(text, { kind: 'identity' });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document;
}

describe('referencedContextKeys', () => {
  it('lists resource variables and condition keys in document order (the AWS CLI example)', () => {
    const text =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}';
    expect(referencedContextKeys([doc(text)])).toEqual(['aws:username', 'aws:CurrentTime']);
  });

  it('takes variables from condition values and NotResource, ignores escapes and defaults, dedupes case-insensitively', () => {
    const a = doc(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:ListBucket', NotResource: 'arn:aws:s3:::${aws:PrincipalTag/team, \'none\'}-${*}', Condition: { StringLike: { 's3:prefix': '${aws:userid}/*' } } },
        ],
      }),
    );
    const b = doc(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'S3:PREFIX': 'true', 'AWS:UserId': 'false' } } }] }));
    expect(referencedContextKeys([a, b])).toEqual(['aws:PrincipalTag/team', 's3:prefix', 'aws:userid']);
  });

  it('treats ${...} as text in version 2008-10-17 policies', () => {
    const old = doc(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}' }] }));
    expect(referencedContextKeys([old])).toEqual([]);
  });
});
