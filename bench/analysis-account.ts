// A generated AWS account for the analysis benchmark, as authorization-details JSON: users in
// groups, roles with service and cross-account trust, managed policies with wildcards,
// conditions and boundaries, and a few escalation-prone grants. Deterministic for a size.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = '123456789012';
const SERVICES = ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'glue.amazonaws.com', 'ssm.amazonaws.com'];

type Statement = Record<string, unknown>;
const doc = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });

/** `principals` users and roles (60/40) and about 0.3 managed policies per principal. */
export function generatedAccount(principals: number, seed = 1): unknown {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const users = Math.round(principals * 0.6);
  const roles = principals - users;
  const policyCount = Math.max(10, Math.round(principals * 0.3));
  const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

  const templates: (() => Statement[])[] = [
    () => [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::bucket-${Math.floor(r() * 500)}`, `arn:aws:s3:::bucket-${Math.floor(r() * 500)}/*`] }],
    () => [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
    () => [{ Effect: 'Allow', Action: ['dynamodb:*'], Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t${Math.floor(r() * 200)}` }],
    () => [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }],
    () => [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
    () => [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': pick(['a', 'b', 'c']) } } }],
    () => [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn('role', `role-${Math.floor(r() * roles)}`) }],
    () => [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }],
    // Escalation-prone, rarely.
    () => (r() < 0.3 ? [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] : [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: arn('user', `user-${Math.floor(r() * users)}`) }]),
  ];
  const policies = Array.from({ length: policyCount }, (_, i) => {
    const statements = templates[i % templates.length]!();
    return {
      PolicyName: `policy-${i}`, PolicyId: `ANPA${String(i).padStart(17, '0')}`, Arn: arn('policy', `policy-${i}`), Path: '/', DefaultVersionId: 'v1',
      AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true,
      PolicyVersionList: [{ Document: doc(...statements), VersionId: 'v1', IsDefaultVersion: true }],
    };
  });
  policies.push({
    PolicyName: 'boundary', PolicyId: 'ANPABOUNDARY000000000', Arn: arn('policy', 'boundary'), Path: '/', DefaultVersionId: 'v1', AttachmentCount: 0, PermissionsBoundaryUsageCount: 1, IsAttachable: true,
    PolicyVersionList: [{ Document: doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:*', 'lambda:*', 'dynamodb:*'], Resource: '*' }), VersionId: 'v1', IsDefaultVersion: true }],
  });
  const attach = (n: number) => Array.from({ length: n }, () => {
    const p = pick(policies.slice(0, policyCount));
    return { PolicyName: p.PolicyName, PolicyArn: p.Arn };
  });
  const groups = Array.from({ length: Math.max(5, Math.round(principals / 100)) }, (_, i) => ({
    GroupName: `group-${i}`, GroupId: `AGPA${String(i).padStart(17, '0')}`, Arn: arn('group', `group-${i}`), Path: '/',
    GroupPolicyList: i % 3 === 0 ? [{ PolicyName: 'inline', PolicyDocument: doc({ Effect: 'Allow', Action: 'cloudwatch:*', Resource: '*' }) }] : [],
    AttachedManagedPolicies: attach(2),
  }));
  const admins = [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }];
  const UserDetailList = Array.from({ length: users }, (_, i) => ({
    UserName: `user-${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: arn('user', `user-${i}`), Path: '/',
    GroupList: [pick(groups).GroupName, ...(r() < 0.3 ? [pick(groups).GroupName] : [])].filter((g, j, a) => a.indexOf(g) === j),
    UserPolicyList: r() < 0.2 ? [{ PolicyName: 'inline', PolicyDocument: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q${i}` }) }] : [],
    AttachedManagedPolicies: i % 200 === 0 ? admins : attach(Math.floor(r() * 3)),
    ...(r() < 0.1 ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn('policy', 'boundary') } } : {}),
    Tags: [{ Key: 'team', Value: pick(['a', 'b', 'c', 'd']) }],
  }));
  const RoleDetailList = Array.from({ length: roles }, (_, i) => {
    const kind = r();
    const principal = kind < 0.5 ? { Service: pick(SERVICES) } : kind < 0.6 ? { AWS: `arn:aws:iam::${String(100000000000 + Math.floor(r() * 50))}:root` } : { AWS: arn('user', `user-${Math.floor(r() * users)}`) };
    return {
      RoleName: `role-${i}`, RoleId: `AROA${String(i).padStart(17, '0')}`, Arn: arn('role', `role-${i}`), Path: '/',
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(kind >= 0.5 && kind < 0.6 ? { Condition: { StringEquals: { 'sts:ExternalId': `ext-${i}` } } } : {}) }),
      InstanceProfileList: 'Service' in principal && principal.Service === 'ec2.amazonaws.com' ? [{ InstanceProfileName: `role-${i}`, Arn: arn('instance-profile', `role-${i}`) }] : [],
      RolePolicyList: [],
      AttachedManagedPolicies: i % 100 === 0 ? admins : attach(1 + Math.floor(r() * 2)),
      Tags: [],
    };
  });
  return { UserDetailList, GroupDetailList: groups, RoleDetailList, Policies: policies };
}
