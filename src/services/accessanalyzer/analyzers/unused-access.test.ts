import { describe, expect, it } from 'vitest';
import { ActionExpander, makeCatalogue } from '../../../analysis/index.js';
import type { ScanSource } from '../../../storage/analyzer-repositories.js';
import { findingId } from './finding-id.js';
import { unusedAccessFindings } from './unused-access.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(Date.UTC(2026, 5, 1));
const ago = (days: number): Date => new Date(NOW.getTime() - days * DAY);
const ARN = 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/u';
const actions = new ActionExpander(
  makeCatalogue(['iam:GetUser', 'iam:ListUsers', 'iam:ListRoles', 's3:GetObject', 's3:PutObject', 'sqs:SendMessage'].map((action) => ({ action, level: 'Read' as const }))),
);
const doc = (actionList: string[], effect = 'Allow'): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: actionList, Resource: '*' }] });
const user = (id: string, extra: object = {}) => ({ id, name: id, arn: `arn:aws:iam::111122223333:user/${id}`, createDate: ago(200), tags: [], ...extra });
const role = (id: string, extra: object = {}) => ({ id, name: id, path: '/', arn: `arn:aws:iam::111122223333:role/${id}`, createDate: ago(200), tags: [], trustPolicy: '{}', ...extra });

function source(extra: Partial<ScanSource>): ScanSource {
  return { users: [], accessKeys: [], roles: [], policies: [], documents: new Map(), uses: [], ...extra };
}

const run = (s: ScanSource, age = 90, excludedTags: Record<string, string>[] = []) => unusedAccessFindings(s, { analyzerArn: ARN, now: NOW, unusedAccessAgeDays: age, excludedTags, actions });

describe('unusedAccessFindings', () => {
  it('reports a role unused for longer than the age, but not a young one nor a service-linked one', () => {
    const s = source({
      roles: [role('old', { lastUsed: ago(100) }), role('young', { createDate: ago(10) }), role('slr', { path: '/aws-service-role/x/' }), role('busy', { lastUsed: ago(1) })],
    });
    expect(run(s).map((f) => `${f.findingType} ${f.resource}`)).toEqual(
      [`UnusedIAMRole arn:aws:iam::111122223333:role/old`].map((x) => x),
    );
    expect(run(s)[0]).toEqual({
      id: findingId(ARN, 'UnusedIAMRole', 'arn:aws:iam::111122223333:role/old'),
      findingType: 'UnusedIAMRole',
      resource: 'arn:aws:iam::111122223333:role/old',
      resourceType: 'AWS::IAM::Role',
      details: [{ unusedIamRoleDetails: { lastAccessed: ago(100).toISOString() } }],
    });
  });

  it('reports active keys and passwords unused for the age, one finding per key', () => {
    const s = source({
      users: [user('u', { loginProfile: { createDate: ago(150) } })],
      accessKeys: [
        { userId: 'u', accessKeyId: 'AKIAOLD', status: 'Active', createDate: ago(150) },
        { userId: 'u', accessKeyId: 'AKIAUSED', status: 'Active', createDate: ago(150), lastUsed: ago(3) },
        { userId: 'u', accessKeyId: 'AKIAOFF', status: 'Inactive', createDate: ago(150) },
      ],
    });
    const found = run(s);
    expect(found.map((f) => f.details)).toEqual(
      expect.arrayContaining([[{ unusedIamUserAccessKeyDetails: { accessKeyId: 'AKIAOLD' } }], [{ unusedIamUserPasswordDetails: {} }]]),
    );
    expect(found).toHaveLength(2);
  });

  it('reports unused services, and the unused actions of used services, from group and own policies', () => {
    const s = source({
      users: [user('u')],
      policies: [
        { principalId: 'u', policyKey: 'p1', kind: 'managed' },
        { principalId: 'u', policyKey: 'p2', kind: 'inline' },
        { principalId: 'u', policyKey: 'deny', kind: 'inline' },
      ],
      documents: new Map([
        ['p1', doc(['iam:Get*', 'iam:List*'])],
        ['p2', doc(['s3:*'])],
        ['deny', doc(['sqs:*'], 'Deny')],
      ]),
      uses: [
        { principalArn: 'arn:aws:iam::111122223333:user/u', serviceNamespace: 'iam', actionName: 'GetUser', lastAccessed: ago(2) },
        { principalArn: 'arn:aws:iam::111122223333:user/u', serviceNamespace: 'iam', actionName: 'ListRoles', lastAccessed: ago(120) },
        { principalArn: 'arn:aws:iam::111122223333:user/u', serviceNamespace: 's3', actionName: 'GetObject', lastAccessed: ago(95) },
      ],
    });
    const [f] = run(s);
    expect(f?.findingType).toBe('UnusedPermission');
    expect(f?.details).toEqual([
      {
        unusedPermissionDetails: {
          serviceNamespace: 'iam',
          actions: [{ action: 'ListRoles', lastAccessed: ago(120).toISOString() }, { action: 'ListUsers' }],
          lastAccessed: ago(2).toISOString(),
        },
      },
      { unusedPermissionDetails: { serviceNamespace: 's3', lastAccessed: ago(95).toISOString() } },
    ]);
    // Within a 150-day window everything but ListUsers and s3:PutObject was used.
    expect(run(s, 150)[0]?.details).toEqual([
      { unusedPermissionDetails: { serviceNamespace: 'iam', actions: [{ action: 'ListUsers' }], lastAccessed: ago(2).toISOString() } },
      { unusedPermissionDetails: { serviceNamespace: 's3', actions: [{ action: 'PutObject' }], lastAccessed: ago(95).toISOString() } },
    ]);
  });

  it('skips principals carrying every tag of an exclusion (an empty value matches any)', () => {
    const tagged = role('tagged', { tags: [{ key: 'keep', value: 'yes' }, { key: 'team', value: 'x' }] });
    const s = source({ roles: [tagged, role('plain')] });
    expect(run(s, 90, [{ keep: '' }]).map((f) => f.resource)).toEqual(['arn:aws:iam::111122223333:role/plain']);
    expect(run(s, 90, [{ keep: 'yes', team: 'other' }])).toHaveLength(2);
    expect(run(s, 90, [{ keep: 'yes', team: 'x' }])).toHaveLength(1);
  });

  describe('what is granted is decided by the engine with every policy, not read off Allow statements', () => {
    const typed = new ActionExpander(
      makeCatalogue([
        { action: 's3:GetObject', level: 'Read' as const, resourceFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'] },
        { action: 's3:PutObject', level: 'Write' as const, resourceFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'] },
        { action: 's3:ListAllMyBuckets', level: 'List' as const, resourceFormats: [] },
        { action: 'iam:GetUser', level: 'Read' as const, resourceFormats: ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'] },
      ]),
    );
    const statements = (...st: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: st });
    const allowAll = { Effect: 'Allow', Action: ['s3:*', 'iam:GetUser'], Resource: '*' };
    const scan = (documents: [string, string][], extra: object = {}) => {
      const s = source({
        users: [user('u', extra)],
        policies: documents.filter(([k]) => !k.startsWith('arn:aws:iam::111122223333:policy/boundary')).map(([policyKey]) => ({ principalId: 'u', policyKey, kind: 'inline' as const })),
        documents: new Map(documents),
        // s3 was used (GetObject), so its unused actions are listed one by one.
        uses: [{ principalArn: 'arn:aws:iam::111122223333:user/u', serviceNamespace: 's3', actionName: 'GetObject', lastAccessed: ago(1) }],
      });
      const f = unusedAccessFindings(s, { analyzerArn: ARN, now: NOW, unusedAccessAgeDays: 90, excludedTags: [], actions: typed });
      return (f[0]?.details ?? []).map((d) => {
        const u = (d as { unusedPermissionDetails: { serviceNamespace: string; actions?: { action: string }[] } }).unusedPermissionDetails;
        return u.actions === undefined ? u.serviceNamespace : u.actions.map((a) => `${u.serviceNamespace}:${a.action}`).join(',');
      });
    };

    it('reports every allowed action when nothing narrows it', () => {
      expect(scan([['p', statements(allowAll)]])).toEqual(['iam', 's3:ListAllMyBuckets,s3:PutObject']);
    });

    it('does not report an action a Deny takes away, on every resource', () => {
      expect(scan([['p', statements(allowAll, { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' })]])).toEqual(['iam', 's3:ListAllMyBuckets']);
      // A Deny on every S3 object ARN takes PutObject away too, though it does not say `*`.
      expect(scan([['p', statements(allowAll, { Effect: 'Deny', Action: 's3:Put*', Resource: 'arn:aws:s3:::*' })]])).toEqual(['iam', 's3:ListAllMyBuckets']);
      // A Deny on some objects only leaves the others granted.
      expect(scan([['p', statements(allowAll, { Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::secret/*' })]])).toEqual(['iam', 's3:ListAllMyBuckets,s3:PutObject']);
    });

    it('keeps an action allowed on some resources only, and drops it when a Deny covers exactly those', () => {
      const scoped = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/a*' };
      const get = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
      expect(scan([['p', statements(get, scoped)]])).toEqual(['s3:PutObject']);
      expect(scan([['p', statements(get, scoped, { Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' })]])).toEqual([]);
      expect(scan([['p', statements(get, scoped, { Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/ab*' })]])).toEqual(['s3:PutObject']);
    });

    it('does not report what the permissions boundary leaves out', () => {
      const boundary = 'arn:aws:iam::111122223333:policy/boundary';
      const docs: [string, string][] = [
        ['p', statements(allowAll)],
        [boundary, statements({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' })],
      ];
      expect(scan(docs, { boundary })).toEqual(['s3:PutObject']);
      // Without the boundary set on the user, the same documents grant everything.
      expect(scan(docs)).toEqual(['iam', 's3:ListAllMyBuckets,s3:PutObject']);
    });

    it('does not report an Allow whose condition can never hold for this principal, nor one outside its account', () => {
      const other = { Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:username': 'someone-else' } } };
      const past = { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } } };
      const foreign = { Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::444455556666:user/x' };
      const get = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
      expect(scan([['p', statements(get, other, past, foreign)]])).toEqual([]);
      // The same condition naming this user holds: the action is granted.
      const mine = { ...other, Condition: { StringEquals: { 'aws:username': 'u' } } };
      expect(scan([['p', statements(get, mine)]])).toEqual(['s3:PutObject']);
      // A condition on the request (source IP) may hold: granted.
      const ip = { ...other, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } };
      expect(scan([['p', statements(get, ip)]])).toEqual(['s3:PutObject']);
    });
  });
});
