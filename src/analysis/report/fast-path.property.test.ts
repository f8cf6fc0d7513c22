// The analysis's fast paths give the answers of the simple ones, on random small accounts:
// the graph (targets narrowed by the source's statements, decisions reused across targets)
// equals the exhaustive graph (every target tried, every request decided afresh), and the
// least-privilege lists (the engine asked once per group of action atoms) equal asking the
// engine about every catalogue action and every service one by one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allows } from '../engine/decide.js';
import { buildGraph } from '../graph/build-graph.js';
import { findPaths } from '../graph/find-paths.js';
import { loadModel } from '../model/load-model.js';
import { ActionExpander, makeCatalogue, type CatalogueAction } from '../least-privilege/action-catalogue.js';
import { CREDENTIALS_EXPOSURE, DATA_EXFILTRATION } from '../least-privilege/categories.js';
import { probeAction } from '../least-privilege/grants.js';
import { analyze } from './analyze.js';

const A = '111122223333';
const NOW = new Date('2026-06-01T00:00:00Z');
const USERS = ['u0', 'u1', 'u2', 'u3'];
const ROLES = ['r0', 'r1', 'r2', 'r3'];
const arn = (kind: string, name: string) => `arn:aws:iam::${A}:${kind}/${name}`;

const CATALOGUE: CatalogueAction[] = [
  ['iam:PassRole', 'Write'], ['iam:CreateAccessKey', 'Write'], ['iam:PutUserPolicy', 'Permissions management'],
  ['iam:PutRolePolicy', 'Permissions management'], ['iam:AttachUserPolicy', 'Permissions management'],
  ['iam:UpdateAssumeRolePolicy', 'Permissions management'], ['iam:CreateLoginProfile', 'Write'], ['iam:GetRole', 'Read'],
  ['iam:ListRoles', 'List'], ['iam:AddUserToGroup', 'Write'], ['sts:AssumeRole', 'Write'], ['sts:GetSessionToken', 'Read'],
  ['ec2:RunInstances', 'Write'], ['ec2:DescribeInstances', 'List'], ['ec2:CreateTags', 'Tagging'],
  ['lambda:CreateFunction', 'Write'], ['lambda:InvokeFunction', 'Write'], ['lambda:UpdateFunctionCode', 'Write'],
  ['ssm:SendCommand', 'Write'], ['ssm:GetParameter', 'Read'], ['s3:GetObject', 'Read'], ['s3:PutBucketPolicy', 'Permissions management'],
  ['s3:DeleteBucket', 'Write'],
].map(([action, level]) => ({ action, level }) as CatalogueAction);

const ACTIONS = ['*', 'iam:*', 'iam:PassRole', 'iam:CreateAccessKey', 'iam:Put*', 'iam:*Policy', 'iam:UpdateAssumeRolePolicy', 'iam:CreateLoginProfile',
  'iam:AddUserToGroup', 'sts:AssumeRole', 'ec2:RunInstances', 'ec2:*', 'lambda:*', 'lambda:UpdateFunctionCode', 'ssm:SendCommand', 's3:*', 's3:GetObject', '*:Get*'];
const RESOURCES = ['*', '*', arn('user', 'u1'), arn('user', 'u2'), arn('role', 'r1'), arn('role', 'r*'), arn('user', '${aws:username}'), `arn:aws:iam::${A}:*`, 'arn:aws:s3:::b/*'];
const CONDITIONS: (Record<string, unknown> | undefined)[] = [
  undefined, undefined, undefined,
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'a' } },
  { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
];

const statement = fc.record({
  deny: fc.constantFrom(false, false, true),
  not: fc.boolean(),
  actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 3 }),
  resources: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
  condition: fc.constantFrom(...CONDITIONS),
}).map(({ deny, not, actions, resources, condition }) => ({
  Effect: deny ? 'Deny' : 'Allow',
  [not && deny === false ? 'NotAction' : 'Action']: actions,
  Resource: resources,
  ...(condition === undefined ? {} : { Condition: condition }),
}));

const policy = fc.array(statement, { minLength: 1, maxLength: 3 }).map((Statement) => ({ Version: '2012-10-17', Statement }));

const trust = fc.constantFrom(
  { Service: 'ec2.amazonaws.com' }, { Service: 'lambda.amazonaws.com' }, { AWS: arn('user', 'u0') }, { AWS: `arn:aws:iam::${A}:root` }, { AWS: arn('role', 'r0') },
).chain((Principal) => fc.constantFrom(...CONDITIONS.slice(0, 5)).map((condition) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...(condition === undefined ? {} : { Condition: condition }) }],
})));

const account = fc.record({
  users: fc.tuple(...USERS.map(() => fc.record({ policies: fc.array(policy, { maxLength: 2 }), group: fc.boolean(), admin: fc.constantFrom(false, false, true), bounded: fc.boolean(), team: fc.constantFrom('a', 'b') }))),
  roles: fc.tuple(...ROLES.map(() => fc.record({ policies: fc.array(policy, { maxLength: 2 }), trust, admin: fc.boolean() }))),
  group: policy,
  boundary: policy,
}).map(({ users, roles, group, boundary }) => ({
  GroupDetailList: [{ GroupName: 'g', GroupId: 'AGPA00000000000000001', Arn: arn('group', 'g'), Path: '/', GroupPolicyList: [{ PolicyName: 'gp', PolicyDocument: group }], AttachedManagedPolicies: [] }],
  Policies: [{ PolicyName: 'boundary', PolicyId: 'ANPA00000000000000001', Arn: arn('policy', 'boundary'), Path: '/', DefaultVersionId: 'v1', AttachmentCount: 0, PermissionsBoundaryUsageCount: 1, IsAttachable: true, PolicyVersionList: [{ Document: boundary, VersionId: 'v1', IsDefaultVersion: true }] }],
  UserDetailList: users.map((u, i) => ({
    UserName: USERS[i], UserId: `AIDA0000000000000000${i}`, Arn: arn('user', USERS[i]!), Path: '/', GroupList: u.group ? ['g'] : [],
    UserPolicyList: u.policies.map((PolicyDocument, j) => ({ PolicyName: `p${j}`, PolicyDocument })),
    AttachedManagedPolicies: u.admin ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : [],
    ...(u.bounded ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn('policy', 'boundary') } } : {}),
    Tags: [{ Key: 'team', Value: u.team }],
  })),
  RoleDetailList: roles.map((r, i) => ({
    RoleName: ROLES[i], RoleId: `AROA0000000000000000${i}`, Arn: arn('role', ROLES[i]!), Path: '/', AssumeRolePolicyDocument: r.trust,
    InstanceProfileList: i % 2 === 0 ? [{ InstanceProfileName: ROLES[i], Arn: arn('instance-profile', ROLES[i]!) }] : [],
    RolePolicyList: r.policies.map((PolicyDocument, j) => ({ PolicyName: `p${j}`, PolicyDocument })),
    AttachedManagedPolicies: r.admin && i === 3 ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : [],
    Tags: [],
  })),
}));

/** An optional resource control policy: denies (RCPFullAWSAccess is implied), some on resources, some conditioned. */
const rcp = fc.option(fc.array(fc.record({
  actions: fc.subarray(['sts:AssumeRole', 'sts:*', 's3:*', 's3:GetObject', 'iam:*', '*'], { minLength: 1, maxLength: 2 }),
  resources: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
  condition: fc.constantFrom(...CONDITIONS, { StringNotEquals: { 'aws:PrincipalAccount': A } }, { StringEquals: { 'aws:PrincipalArn': arn('user', 'u0') } }),
}).map(({ actions, resources, condition }) => ({
  Effect: 'Deny', Principal: '*', Action: actions, Resource: resources, ...(condition === undefined ? {} : { Condition: condition }),
})), { minLength: 1, maxLength: 2 }).map((Statement) => ({ Version: '2012-10-17', Statement })), { nil: undefined });

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

function modelOf(json: unknown, rcpJson?: unknown) {
  const built = loadModel([{ source: 'random.json', json }], { ...(rcpJson === undefined ? {} : { rcps: [{ source: 'rcp.json', json: rcpJson }] }), awsManagedPolicy: (a) => (a.endsWith('/AdministratorAccess') ? ADMIN : undefined) });
  if (!built.ok) throw new Error(built.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return built.model;
}

describe('fast paths equal simple paths (property)', () => {
  it('the graph and paths equal the exhaustive graph\'s', () => {
    fc.assert(
      fc.property(account, rcp, (json, rcpJson) => {
        const model = modelOf(json, rcpJson);
        const fast = buildGraph(model, { now: NOW });
        const slow = buildGraph(modelOf(json, rcpJson), { now: NOW, exhaustive: true });
        expect(fast.edges).toEqual(slow.edges);
        expect([...fast.admins.keys()]).toEqual([...slow.admins.keys()]);
        expect(findPaths(fast)).toEqual(findPaths(slow));
      }),
      { numRuns: 60 },
    );
  });

  it('the least-privilege lists equal the engine asked about every action and service', () => {
    const catalogue = makeCatalogue(CATALOGUE);
    const expander = new ActionExpander(catalogue);
    const credentials = new Set(CREDENTIALS_EXPOSURE.map((a) => a.toLowerCase()));
    const exfiltration = new Set(DATA_EXFILTRATION.map((a) => a.toLowerCase()));
    fc.assert(
      fc.property(account, rcp, (json, rcpJson) => {
        const model = modelOf(json, rcpJson);
        const { report, graph } = analyze(model, { now: NOW, catalogue });
        for (const p of model.principals) {
          if (graph.admins.has(p.arn)) continue;
          const subject = graph.subject(p);
          const named = new Set<string>();
          const services = new Set<string>();
          for (const ref of subject.identity) {
            for (const st of ref.document.statements) {
              if (st.effect !== 'Allow' || !(st.notResource !== undefined || (st.resource ?? []).includes('*'))) continue;
              for (const a of expander.expand(st.notAction ?? st.action ?? [], st.notAction !== undefined)) named.add(a.action);
              if (st.notAction !== undefined || (st.action ?? []).includes('*')) for (const s of catalogue.services.keys()) services.add(s);
              else for (const pattern of st.action ?? []) if (pattern.endsWith(':*')) services.add(pattern.slice(0, -2).toLowerCase());
            }
          }
          const allowed = CATALOGUE.filter((a) => named.has(a.action) && allows(subject, a.action, '*', model));
          const expected: Record<string, string[]> = {
            'resource-exposure': allowed.filter((a) => a.level === 'Permissions management').map((a) => a.action).sort(),
            'credentials-exposure': allowed.filter((a) => credentials.has(a.action.toLowerCase())).map((a) => a.action).sort(),
            'data-exfiltration': allowed.filter((a) => exfiltration.has(a.action.toLowerCase())).map((a) => a.action).sort(),
            'infrastructure-modification': allowed.filter((a) => a.level !== 'Read' && a.level !== 'List').map((a) => a.action).sort(),
            'service-wildcard': [...services].filter((s) => allows(subject, probeAction(s), '*', model)).sort().map((s) => `${s}:*`),
          };
          for (const [rule, actions] of Object.entries(expected)) {
            const found = report.findings.filter((f) => f.principal === p.arn && f.rule === rule);
            expect(found.map((f) => f.actions), `${p.arn} ${rule}`).toEqual(actions.length === 0 ? [] : [actions]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
