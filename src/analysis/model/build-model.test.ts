import { describe, expect, it } from 'vitest';
import { loadModel } from './load-model.js';

const ACCT = '111111111111';
const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const userPage = {
  UserDetailList: [
    {
      UserName: 'alice', UserId: 'AIDAALICE', Arn: `arn:aws:iam::${ACCT}:user/alice`, GroupList: ['devs', 'gone'],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, { PolicyName: 'missing', PolicyArn: `arn:aws:iam::${ACCT}:policy/missing` }],
      PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: `arn:aws:iam::${ACCT}:policy/deleted-boundary` },
      Tags: [{ Key: 'team', Value: 'dev' }],
    },
  ],
};
const groupPage = {
  GroupDetailList: [{ GroupName: 'devs', GroupId: 'AGPADEVS', Arn: `arn:aws:iam::${ACCT}:group/devs`, GroupPolicyList: [{ PolicyName: 'g', PolicyDocument: encodeURIComponent(JSON.stringify(doc)) }] }],
  RoleDetailList: [{ RoleName: 'svc', RoleId: 'AROASVC', Arn: `arn:aws:iam::${ACCT}:role/aws-service-role/x.amazonaws.com/svc`, AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'x.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }],
};

describe('loadModel', () => {
  const lookup = (arn: string) => (arn === 'arn:aws:iam::aws:policy/ReadOnlyAccess' ? JSON.stringify(doc) : undefined);

  it('merges pages, takes AWS managed policies from the lookup, and warns about what is missing', () => {
    const built = loadModel([{ source: 'p1.json', json: userPage }, { source: 'p2.json', json: groupPage }], { awsManagedPolicy: lookup });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const { model } = built;
    expect(model.accounts).toEqual([ACCT]);
    expect(model.principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCT}:user/alice`, `arn:aws:iam::${ACCT}:role/aws-service-role/x.amazonaws.com/svc`]);
    const alice = model.principals[0]!;
    expect(alice.groups.map((g) => g.name)).toEqual(['devs']);
    expect(alice.groups[0]!.inline[0]!.document.statements[0]!.action).toEqual(['s3:GetObject']);
    expect(alice.attached.map((p) => [p.id, p.awsManaged])).toEqual([['arn:aws:iam::aws:policy/ReadOnlyAccess', true]]);
    // A boundary AWS no longer has allows nothing.
    expect(alice.boundary).toEqual({ id: `arn:aws:iam::${ACCT}:policy/deleted-boundary`, document: expect.objectContaining({ statements: [] }) });
    expect(alice.tags).toEqual({ team: 'dev' });
    expect(model.principals[1]!.protectedRole).toBe(true);
    expect(model.warnings).toEqual([
      `p1.json: $.UserDetailList[0].GroupList[1]: group "gone" is not in the input; its policies are not counted`,
      `arn:aws:iam::${ACCT}:user/alice: policy arn:aws:iam::${ACCT}:policy/deleted-boundary is neither in the input nor an AWS managed policy Keyward knows; treated as granting nothing`,
      `arn:aws:iam::${ACCT}:user/alice: policy arn:aws:iam::${ACCT}:policy/missing is neither in the input nor an AWS managed policy Keyward knows; treated as granting nothing`,
    ]);
  });

  it('reports every bad document and ARN with its file and JSON path', () => {
    const bad = {
      UserDetailList: [{ UserName: 'x', UserId: 'AIDAX', Arn: 'not-an-arn', UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] } }] }],
    };
    const built = loadModel([{ source: 'bad.json', json: bad }], { scps: [{ source: 'scp.json', json: 7 }] });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => `${p.source}: ${p.path}`)).toEqual(['bad.json: $.UserDetailList[0].Arn', 'bad.json: $.UserDetailList[0].UserPolicyList[0].PolicyDocument', 'scp.json: $']);
    expect(built.problems[0]!.message).toBe('not an IAM ARN with an account id: "not-an-arn"');
    expect(built.problems[1]!.message).toMatch(/^invalid policy: /);
  });
});
