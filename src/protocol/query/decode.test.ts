import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadServiceModel } from '../model/service-model.js';
import { decodeQueryRequest } from './decode.js';

const iam = loadServiceModel('iam');
const sts = loadServiceModel('sts');

function decode(query: string, model = iam) {
  return decodeQueryRequest(new URLSearchParams(query), model);
}

function input(query: string, model = iam) {
  const result = decode(query, model);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.input;
}

function failure(query: string, model = iam) {
  const result = decode(query, model);
  if (result.ok) throw new Error('expected an error');
  return { code: result.error.code, status: result.error.status, message: result.error.message };
}

describe('finding the operation', () => {
  it('finds the operation named by Action for the model version', () => {
    const result = decode('Action=ListUsers&Version=2010-05-08');
    expect(result.ok && result.operation.name).toBe('ListUsers');
  });

  it('answers an unknown action, a wrong version and a missing version as AWS does', () => {
    expect(failure('Action=Nope&Version=2010-05-08')).toEqual({
      code: 'InvalidAction',
      status: 400,
      message: 'Could not find operation Nope for version 2010-05-08',
    });
    expect(failure('Action=GetCallerIdentity&Version=2000-01-01', sts).message).toBe(
      'Could not find operation GetCallerIdentity for version 2000-01-01',
    );
    expect(failure('Action=ListUsers').message).toBe('Could not find operation ListUsers for version NO_VERSION_SPECIFIED');
    expect(failure('Action=ListUsers&Version=').message).toBe('Could not find operation ListUsers for version ');
    expect(failure('Action=&Version=2011-06-15', sts).message).toBe('Could not find operation  for version 2011-06-15');
    // IAM actions do not exist in STS.
    expect(failure('Action=ListUsers&Version=2011-06-15', sts).code).toBe('InvalidAction');
  });

  it('reports a missing Action', () => {
    expect(failure('Version=2010-05-08')).toMatchObject({ code: 'MissingAction', status: 400 });
  });

  it('takes the first of repeated parameters and ignores unknown ones', () => {
    const result = decode('Action=GetCallerIdentity&Action=Nope&Version=2011-06-15&Version=2000-01-01&Unknown=1', sts);
    expect(result.ok).toBe(true);
    expect(input('Action=GetUser&Version=2010-05-08&UserName=first&UserName=second')).toEqual({ UserName: 'first' });
  });
});

describe('decoding input', () => {
  it('decodes member.N lists of structures in index order', () => {
    const q =
      'Action=CreateUser&Version=2010-05-08&UserName=bob&Path=%2Fteam%2F' +
      '&Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1';
    expect(input(q)).toEqual({ Path: '/team/', UserName: 'bob', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
  });

  it('decodes lists of strings and an empty list', () => {
    const q =
      'Action=CreateOpenIDConnectProvider&Version=2010-05-08&Url=https%3A%2F%2Fidp.example.com' +
      '&ClientIDList.member.1=app1&ClientIDList.member.2=app2&Tags=';
    expect(input(q)).toEqual({ Url: 'https://idp.example.com', ClientIDList: ['app1', 'app2'], Tags: [] });
  });

  it('decodes lists nested in structures nested in lists', () => {
    const q =
      'Action=SimulateCustomPolicy&Version=2010-05-08&PolicyInputList.member.1=%7B%7D&ActionNames.member.1=s3%3AGetObject' +
      '&ContextEntries.member.1.ContextKeyName=aws%3ASourceIp&ContextEntries.member.1.ContextKeyType=ip' +
      '&ContextEntries.member.1.ContextKeyValues.member.1=10.0.0.1&ContextEntries.member.1.ContextKeyValues.member.2=10.0.0.2';
    expect(input(q)).toEqual({
      PolicyInputList: ['{}'],
      ActionNames: ['s3:GetObject'],
      ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.0.0.1', '10.0.0.2'] }],
    });
  });

  it('reads integers and booleans', () => {
    expect(input('Action=ListUsers&Version=2010-05-08&MaxItems=10')).toEqual({ MaxItems: 10 });
    const q = 'Action=UpdateAccountPasswordPolicy&Version=2010-05-08&RequireSymbols=true&AllowUsersToChangePassword=false&MinimumPasswordLength=8';
    expect(input(q)).toEqual({ MinimumPasswordLength: 8, RequireSymbols: true, AllowUsersToChangePassword: false });
  });

  it('reads integers the way AWS does: +900 and 0900 are 900', () => {
    const base = 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s1';
    expect(input(`${base}&DurationSeconds=%2B900`, sts)['DurationSeconds']).toBe(900);
    expect(input(`${base}&DurationSeconds=0900`, sts)['DurationSeconds']).toBe(900);
  });

  it('answers MalformedInput for a number it cannot read, before any validation', () => {
    const base = 'Action=AssumeRole&Version=2011-06-15&RoleArn=short&RoleSessionName=s1';
    expect(failure(`${base}&DurationSeconds=`, sts)).toEqual({
      code: 'MalformedInput',
      status: 400,
      message: 'missing value for decimal type',
    });
    for (const bad of ['abc', '900.0', '2147483648', '-2147483649']) {
      expect(failure(`${base}&DurationSeconds=${bad}`, sts).code, bad).toBe('MalformedInput');
    }
    expect(failure(`${base}&DurationSeconds=2147483647`, sts).code).toBe('ValidationError');
  });

  it('answers MalformedInput for a boolean that is not true or false', () => {
    expect(failure('Action=UpdateAccountPasswordPolicy&Version=2010-05-08&RequireSymbols=yes').code).toBe('MalformedInput');
  });

  it('gives {} to an operation without input', () => {
    expect(input('Action=GetCallerIdentity&Version=2011-06-15', sts)).toEqual({});
  });
});

describe('decoding, property-based', () => {
  const text = fc.string({ minLength: 1, maxLength: 20 });

  it('gives back any tag list however its parameters are ordered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ Key: text, Value: text }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (tags, seed) => {
          const pairs: [string, string][] = [['UserName', 'bob']];
          tags.forEach((t, i) => {
            pairs.push([`Tags.member.${i + 1}.Key`, t.Key], [`Tags.member.${i + 1}.Value`, t.Value]);
          });
          // A deterministic shuffle: AWS does not require any parameter order.
          const shuffled = pairs.map((p, i) => ({ p, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k);
          const params = new URLSearchParams([['Action', 'TagUser'], ['Version', '2010-05-08'], ...shuffled.map((x) => x.p)]);
          const result = decodeQueryRequest(params, iam, { validate: false });
          expect(result.ok && result.input).toEqual({ UserName: 'bob', Tags: tags });
        },
      ),
    );
  });
});
