import { describe, it, expect } from 'vitest';
import { parsePolicy } from './parse-policy.js';
import type { ParsePolicyOptions } from './parse-policy.js';
import type { PolicyDocument, PolicyKind, PolicyProblem } from './types.js';

type Doc = string | Record<string, unknown>;

function textOf(doc: Doc): string {
  return typeof doc === 'string' ? doc : JSON.stringify(doc);
}

function accept(kind: PolicyKind, doc: Doc, extra: Partial<ParsePolicyOptions> = {}): PolicyDocument {
  const result = parsePolicy(textOf(doc), { kind, ...extra });
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.document;
}

function reject(kind: PolicyKind, doc: Doc, extra: Partial<ParsePolicyOptions> = {}): { message: string; first: PolicyProblem } {
  const result = parsePolicy(textOf(doc), { kind, ...extra });
  if (result.ok) throw new Error('expected the document to be rejected');
  const first = result.problems[0];
  if (first === undefined) throw new Error('rejected without problems');
  expect(result.message).toBe(first.message);
  return { message: result.message, first };
}

const V = '2012-10-17';
const allow = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::bucket/*',
  ...extra,
});
const identity = (statement: unknown): Record<string, unknown> => ({ Version: V, Statement: statement });
const trustStatement = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
  ...extra,
});

describe('parsePolicy: document', () => {
  it('returns typed statements, the exact text and the size', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Id": "p1",\n  "Statement": [ {"Sid": "A1", "Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "*"} ]\n}';
    const doc = accept('identity', text);
    expect(doc.text).toBe(text);
    expect(doc.size).toBe(text.replace(/\s/g, '').length);
    expect(doc).toMatchObject({ version: V, versionGiven: true, id: 'p1' });
    expect(doc.statements).toEqual([{ index: 0, sid: 'A1', effect: 'Deny', notAction: ['iam:*'], notResource: ['*'], conditions: [] }]);
  });

  it('treats a missing Version as 2008-10-17, and accepts 2008-10-17 for inline policies', () => {
    expect(accept('identity', { Statement: allow() })).toMatchObject({ version: '2008-10-17', versionGiven: false });
    expect(accept('identity', { Version: '2008-10-17', Statement: allow() })).toMatchObject({ version: '2008-10-17', versionGiven: true });
  });

  it('requires 2012-10-17 for managed policies', () => {
    for (const doc of [{ Statement: allow() }, { Version: '2008-10-17', Statement: allow() }]) {
      expect(reject('identity', doc, { managed: true }).message).toBe('Policy document must be version 2012-10-17 or greater.');
    }
    expect(accept('identity', identity(allow()), { managed: true }).version).toBe(V);
  });

  it.each([
    ['not JSON', 'This is not a json document', '$'],
    ['a JSON array', '[]', '$'],
    ['null', 'null', '$'],
    ['an unknown version', { Version: '2013-10-17', Statement: allow() }, 'Version'],
    ['a numeric version', { Version: 2012, Statement: allow() }, 'Version'],
    ['no Statement', { Version: V }, '$'],
    ['an empty Statement array', identity([]), 'Statement'],
    ['a string statement', identity(['afd']), 'Statement[0]'],
    ['an extra top-level element', { ...identity(allow()), 'Extra field': 'v' }, '$["Extra field"]'],
    ['a lower-case element name', { version: V, Statement: allow() }, 'version'],
    ['an Id that is not a string', { Version: V, Id: ['x'], Statement: allow() }, 'Id'],
  ])('rejects %s with "Syntax errors in policy."', (_name, doc, path) => {
    expect(reject('identity', doc)).toEqual({ message: 'Syntax errors in policy.', first: { path, message: 'Syntax errors in policy.' } });
  });
});

describe('parsePolicy: identity statements', () => {
  it.each([
    ['no Effect', { Action: 's3:GetObject', Resource: '*' }, 'Statement'],
    ['an unknown Effect', allow({ Effect: 'invalid' }), 'Statement.Effect'],
    ['an unknown element', allow({ Extra: 'v' }), 'Statement.Extra'],
    ['Action and NotAction', allow({ NotAction: 'iam:*' }), 'Statement.NotAction'],
    ['Resource and NotResource', allow({ NotResource: '*' }), 'Statement.NotResource'],
    ['an object Action', allow({ Action: {} }), 'Statement.Action'],
    ['a nested Action list', allow({ Action: [['s3:GetObject']] }), 'Statement.Action'],
    ['a Resource list with an object', allow({ Resource: ['*', {}] }), 'Statement.Resource'],
    ['a Sid that is not a string', allow({ Sid: [] }), 'Statement.Sid'],
    ['a Condition array', allow({ Condition: [] }), 'Statement.Condition'],
    ['an unknown condition operator', allow({ Condition: { StringEqual: { 'aws:username': 'a' } } }), 'Statement.Condition.StringEqual'],
  ])('rejects %s with "Syntax errors in policy."', (_name, statement, path) => {
    expect(reject('identity', identity(statement)).first).toEqual({ path, message: 'Syntax errors in policy.' });
  });

  it('fails legacy parsing for an Effect in the wrong case, bad dates and short ARNs', () => {
    expect(reject('identity', identity(allow({ Effect: 'allow' }))).first).toEqual({
      path: 'Statement.Effect',
      message: 'The policy failed legacy parsing',
    });
    expect(reject('identity', identity(allow({ Condition: { DateGreaterThan: { 'aws:CurrentTime': 'soon' } } }))).message).toBe(
      'The policy failed legacy parsing',
    );
    expect(reject('identity', identity(allow({ Resource: 'arn:aws:s3::bucket' }))).first).toEqual({
      path: 'Statement.Resource',
      message: 'The policy failed legacy parsing',
    });
  });

  it('requires actions and resources', () => {
    expect(reject('identity', identity({ Effect: 'Allow', Resource: '*' })).first).toEqual({
      path: 'Statement',
      message: 'Policy statement must contain actions.',
    });
    expect(reject('identity', identity(allow({ Action: [] }))).message).toBe('Policy statement must contain actions.');
    expect(reject('identity', identity({ Effect: 'Allow', Action: 's3:GetObject' })).message).toBe('Policy statement must contain resources.');
    expect(reject('identity', identity(allow({ Resource: [] }))).message).toBe('Policy statement must contain resources.');
  });

  it('checks action vendors after resources', () => {
    expect(reject('identity', identity(allow({ Action: ['s3:GetObject', 'GetObject'] }))).first).toEqual({
      path: 'Statement.Action[1]',
      message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    });
    expect(reject('identity', identity(allow({ Action: 's3:Get:Object' }))).message).toBe('Actions/Condition can contain only one colon.');
    expect(reject('identity', identity(allow({ Action: 's 3:GetObject' }))).message).toBe('Vendor s 3 is not valid');
    expect(reject('identity', identity({ Effect: 'Allow', Action: 'GetObject' })).message).toBe('Policy statement must contain resources.');
  });

  it('checks resource ARNs', () => {
    expect(reject('identity', identity(allow({ Resource: 'bucket' }))).first).toEqual({
      path: 'Statement.Resource',
      message: 'Resource bucket must be in ARN format or "*".',
    });
    expect(reject('identity', identity(allow({ Resource: ['arn:aws:iam:us-east-1::user/a'] }))).message).toBe(
      'IAM resource arn:aws:iam:us-east-1::user/a cannot contain region information.',
    );
  });

  it('enforces unique, alphanumeric Sids', () => {
    const twice = identity([allow({ Sid: 'S1' }), allow({ Sid: 'S1' })]);
    expect(reject('identity', twice).first).toEqual({
      path: 'Statement[1].Sid',
      message: 'Statement IDs (SID) in a single policy must be unique.',
    });
    expect(accept('identity', identity([allow({ Sid: '' }), allow({ Sid: '' })])).statements).toHaveLength(2);
    expect(reject('boundary', identity(allow({ Sid: 'my-sid' }))).first).toEqual({
      path: 'Statement.Sid',
      message: 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
    });
  });

  it('forbids Principal and NotPrincipal in identity, boundary and session policies', () => {
    for (const kind of ['identity', 'boundary', 'session'] as const) {
      expect(reject(kind, identity(allow({ Principal: '*' }))).first).toEqual({
        path: 'Statement.Principal',
        message: 'Policy document should not specify a principal.',
      });
      expect(reject(kind, identity(allow({ Effect: 'Deny', NotPrincipal: { AWS: '*' } }))).message).toBe(
        'Policy document should not specify a principal.',
      );
    }
  });

  it('reports the first problem in AWS order and lists them all with paths', () => {
    const result = parsePolicy(JSON.stringify(identity([allow({ Sid: 'a-b' }), { Effect: 'allow', Action: 'x' }])), { kind: 'identity' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      'Statement[1].Effect',
      'Statement[0].Sid',
      'Statement[1]',
      'Statement[1].Action',
    ]);
    expect(result.message).toBe('The policy failed legacy parsing');
  });

  it('keeps condition values as text, in the last-wins reading of duplicate keys', () => {
    const text = `{"Version":"${V}","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Action":"s3:GetObject","Resource":"*",
      "Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":[true]},"StringLike":{"s3:prefix":["a/*",""]}}}}`;
    const [statement] = accept('identity', text).statements;
    expect(statement?.action).toEqual(['s3:GetObject']);
    expect(statement?.conditions.map((c) => [c.operator, c.key, c.values])).toEqual([
      ['NumericLessThan', 's3:max-keys', ['10']],
      ['Bool', 'aws:SecureTransport', ['true']],
      ['StringLike', 's3:prefix', ['a/*', '']],
    ]);
  });
});

describe('parsePolicy: trust policies', () => {
  it('accepts a role trust policy and reads its principals', () => {
    const doc = accept('trust', identity([trustStatement({ Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'], Federated: 'accounts.google.com' } })]));
    expect(doc.statements[0]?.principal).toEqual({
      wildcard: false,
      aws: ['arn:aws:iam::123456789012:root', '*'],
      service: [],
      federated: ['accounts.google.com'],
      canonicalUser: [],
    });
  });

  it.each([
    ['invalid JSON', '{"Version":', '$', 'This policy contains invalid Json'],
    ['a Resource', identity(trustStatement({ Resource: '*' })), 'Statement.Resource', 'Has prohibited field Resource'],
    ['a NotResource', identity(trustStatement({ NotResource: '*' })), 'Statement.NotResource', 'Has prohibited field NotResource'],
    ['no Principal', identity({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'Statement', 'Missing required field Principal'],
    ['NotPrincipal', identity({ ...trustStatement(), Principal: undefined, Effect: 'Deny', NotPrincipal: { AWS: '*' } }), 'Statement', 'Missing required field Principal'],
    ['no Action', identity({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }), 'Statement', 'Missing required field Action'],
    ['a non-STS action', identity(trustStatement({ Action: ['sts:AssumeRole', 's3:GetObject'] })), 'Statement.Action[1]', 'AssumeRole policy may only specify STS AssumeRole actions.'],
    ['Action "*"', identity(trustStatement({ Action: '*' })), 'Statement.Action', 'AssumeRole policy may only specify STS AssumeRole actions.'],
    ['a bad service principal', identity(trustStatement({ Principal: { Service: 'ec2 amazonaws.com' } })), 'Statement.Principal.Service', 'Invalid principal in policy: "SERVICE":"ec2 amazonaws.com"'],
    ['an AWS principal that is not an account or ARN', identity(trustStatement({ Principal: { AWS: 'bob' } })), 'Statement.Principal.AWS', 'Invalid principal in policy: "AWS":"bob"'],
    ['Principal "*"', identity(trustStatement({ Principal: '*' })), 'Statement.Principal', 'AssumeRolepolicy contained an invalid principal: "STAR":"*".'],
    ['an unknown element', identity(trustStatement({ Actions: 'sts:AssumeRole' })), 'Statement.Actions', 'Unknown field Actions'],
    ['an Effect in the wrong case', identity(trustStatement({ Effect: 'allow' })), 'Statement.Effect', 'Invalid effect: allow'],
    ['no Effect', identity({ Principal: { Service: 'a.amazonaws.com' }, Action: 'sts:AssumeRole' }), 'Statement', 'Missing required field Effect'],
    ['an unknown version', { Version: '2012-10-18', Statement: trustStatement() }, 'Version', 'The policy must contain a valid version string'],
    ['no Statement', { Version: V }, '$', 'Missing required field Statement'],
    ['an empty Statement', identity([]), 'Statement', 'Could not parse the policy: Statement is empty!'],
    ['an unknown operator', identity(trustStatement({ Condition: { StringEqual: { 'sts:ExternalId': 'x' } } })), 'Statement.Condition.StringEqual', 'Invalid Condition type : StringEqual'],
  ])('rejects %s', (_name, doc, path, message) => {
    expect(reject('trust', doc).first).toEqual({ path, message });
  });

  it('finishes one statement before the next', () => {
    const doc = identity([trustStatement({ Action: 's3:GetObject' }), { Effect: 'Allow', Action: 'sts:AssumeRole' }]);
    expect(reject('trust', doc).message).toBe('AssumeRole policy may only specify STS AssumeRole actions.');
  });

  it('allows any Sid text', () => {
    expect(accept('trust', identity(trustStatement({ Sid: 'Trust EC2 #1' }))).statements[0]?.sid).toBe('Trust EC2 #1');
  });
});

describe('parsePolicy: resource policies', () => {
  const bucketStatement = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::bucket/*',
    ...extra,
  });

  it('accepts Principal "*" and NotPrincipal with Deny', () => {
    expect(accept('resource', identity(bucketStatement({ Principal: '*' }))).statements[0]?.principal?.wildcard).toBe(true);
    const doc = accept('resource', identity({ ...bucketStatement({ Effect: 'Deny' }), Principal: undefined, NotPrincipal: { AWS: '123456789012' } }));
    expect(doc.statements[0]?.notPrincipal?.aws).toEqual(['123456789012']);
  });

  it.each([
    ['no Principal', identity({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), 'Statement', 'Missing required field Principal'],
    ['NotPrincipal with Allow', identity({ ...bucketStatement(), Principal: undefined, NotPrincipal: { AWS: '*' } }), 'Statement.NotPrincipal', 'Invalid principal in policy'],
    ['a bad principal', identity(bucketStatement({ Principal: { AWS: 'alice' } })), 'Statement.Principal.AWS', 'Invalid principal in policy'],
    ['no Action', identity({ ...bucketStatement(), Action: undefined }), 'Statement', 'Missing required field Action'],
    ['an action without a vendor', identity(bucketStatement({ Action: 'GetObject' })), 'Statement.Action', 'Policy has invalid action'],
    ['no Resource', identity({ ...bucketStatement(), Resource: undefined }), 'Statement', 'Missing required field Resource'],
    ['a resource that is not an ARN', identity(bucketStatement({ Resource: 'bucket' })), 'Statement.Resource', 'Policy has invalid resource'],
    ['an unknown operator', identity(bucketStatement({ Condition: { Foo: {} } })), 'Statement.Condition.Foo', 'Invalid Condition type : Foo'],
    ['an unknown element', identity(bucketStatement({ Resources: '*' })), 'Statement.Resources', 'Unknown field Resources'],
    ['a non-object document', '[1]', '$', "Policies must be valid JSON and the first byte must be '{'"],
  ])('rejects %s', (_name, doc, path, message) => {
    expect(reject('resource', doc).first).toEqual({ path, message });
  });
});

describe('parsePolicy: SCPs and RCPs', () => {
  const ORG = 'The provided policy document does not meet the requirements of the specified policy type.';

  it('accepts SCPs without Principal, and refuses a Principal', () => {
    expect(accept('scp', identity({ Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })).statements).toHaveLength(1);
    expect(reject('scp', identity({ Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Resource: '*' })).first).toEqual({
      path: 'Statement.Principal',
      message: ORG,
    });
  });

  it('accepts RCPFullAWSAccess and Deny RCPs with Principal "*"', () => {
    accept('rcp', identity({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }));
    const doc = accept('rcp', identity({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }));
    expect(doc.statements[0]?.principal?.wildcard).toBe(true);
  });

  it.each([
    ['no Version', { Statement: { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' } }],
    ['a custom Allow', identity({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' })],
    ['a principal other than "*"', identity({ Effect: 'Deny', Principal: { AWS: '123456789012' }, Action: 's3:*', Resource: '*' })],
    ['NotPrincipal', identity({ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: 's3:*', Resource: '*' })],
    ['NotAction', identity({ Effect: 'Deny', Principal: '*', NotAction: 's3:*', Resource: '*' })],
    ['no Resource', identity({ Effect: 'Deny', Principal: '*', Action: 's3:*' })],
  ])('rejects an RCP with %s', (_name, doc) => {
    expect(reject('rcp', doc).message).toBe(ORG);
  });
});

describe('parsePolicy: robustness', () => {
  it('never throws, whatever it is given', () => {
    const inputs = ['', ' ', '{}', '{"Statement":null}', '{"Statement":[null,1,"x",[]]}', '1e999999', '"\\ud800"', '{"Version":{}}', '['.repeat(100_000)];
    for (const text of inputs) {
      for (const kind of ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'] as const) {
        expect(parsePolicy(text, { kind }).ok).toBe(false);
      }
    }
    // A caller outside TypeScript may pass anything.
    expect(parsePolicy(undefined as unknown as string, { kind: 'identity' }).ok).toBe(false);
  });
});
