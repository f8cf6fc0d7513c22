// Access Analyzer's analyzers end to end through @aws-sdk/client-accessanalyzer, on SQLite and
// on PostgreSQL: a user with two keys and a password, roles with permissions partly used, the
// clock moved past unusedAccessAge; the expected unused-access findings appear with AWS's
// details, archiving (UpdateFindings, archive rules on new and existing findings) works, a use
// and a deleted role resolve findings, recommendations name the used actions; an ACCOUNT
// analyzer reports roles other accounts or anyone can assume; errors are AWS's.

import {
  AccessDeniedException,
  ApplyArchiveRuleCommand,
  ConflictException,
  CreateAnalyzerCommand,
  CreateArchiveRuleCommand,
  DeleteAnalyzerCommand,
  GenerateFindingRecommendationCommand,
  GetAnalyzerCommand,
  GetFindingRecommendationCommand,
  GetFindingsStatisticsCommand,
  GetFindingCommand,
  GetFindingV2Command,
  ListAnalyzersCommand,
  ListArchiveRulesCommand,
  ListFindingsCommand,
  ListFindingsV2Command,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartResourceScanCommand,
  TagResourceCommand,
  UpdateAnalyzerCommand,
  UpdateFindingsCommand,
  ValidationException,
  type FindingSummaryV2,
} from '@aws-sdk/client-accessanalyzer';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, DeleteRoleCommand, DeleteRolePolicyCommand, GetUserCommand, ListRolesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, startAnalyzerCluster, type AnalyzerCluster, type AnalyzerNode, type Backend } from '../support/analyzer-fixtures.js';
import { ACCOUNT_ID } from '../support/server.js';
import { policy, roleArnOf, sessionKeys, statement, trust, userArnOf, type Keys } from '../support/sts-fixtures.js';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';

const SLOW = { timeout: 180_000 };

async function makeRole(n: AnalyzerNode, name: string, trustPolicy: string, inline?: string): Promise<void> {
  await n.iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy }));
  if (inline !== undefined) await n.iam().send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: inline }));
}

async function makeKey(n: AnalyzerNode, user: string): Promise<Keys> {
  const { AccessKey } = await n.iam().send(new CreateAccessKeyCommand({ UserName: user }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function findings(n: AnalyzerNode, analyzerArn: string, filter?: Record<string, object>): Promise<FindingSummaryV2[]> {
  const out: FindingSummaryV2[] = [];
  let nextToken: string | undefined;
  do {
    const page = await n.aa().send(new ListFindingsV2Command({ analyzerArn, maxResults: 2, ...(filter !== undefined && { filter }), ...(nextToken !== undefined && { nextToken }) }));
    out.push(...(page.findings ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return out;
}

const key = (f: FindingSummaryV2): string => `${f.findingType} ${f.resource} ${f.status}`;

describe.each<Backend>(['sqlite', 'postgres'])('unused access on %s', (backend) => {
  let c: AnalyzerCluster;
  let n: AnalyzerNode;
  beforeAll(async () => {
    c = await startAnalyzerCluster(backend);
    n = c.nodes[0]!;
  }, 120_000);
  afterAll(async () => c?.stop(), 60_000);

  it('reports unused roles, keys, passwords and permissions, archives them and resolves them', SLOW, async () => {
    const iam = n.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'work',
        PolicyDocument: policy(statement('Allow', ['iam:GetUser', 'iam:ListUsers', 'sts:AssumeRole', 'sqs:SendMessage'])),
      }),
    );
    const used = await makeKey(n, 'alice');
    const spare = await makeKey(n, 'alice');
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-Battery-9' }));
    await makeRole(n, 'app', trust(`arn:aws:iam::${ACCOUNT_ID}:root`), policy(statement('Allow', ['iam:ListRoles', 'iam:ListUsers'])));
    await makeRole(n, 'idle', trust(`arn:aws:iam::${ACCOUNT_ID}:root`), policy(statement('Allow', 'iam:ListRoles')));

    const aa = n.aa();
    const { arn } = await aa.send(
      new CreateAnalyzerCommand({ analyzerName: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', configuration: { unusedAccess: { unusedAccessAge: 30 } }, tags: { team: 'sec' } }),
    );
    expect(arn).toBe(`arn:aws:access-analyzer:us-east-1:${ACCOUNT_ID}:analyzer/unused`);
    // Everything is younger than 30 days: nothing is unused yet.
    expect(await findings(n, arn!)).toEqual([]);
    // A rule made now archives matching findings as they appear.
    await aa.send(new CreateArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'keys', filter: { findingType: { eq: ['UnusedIAMUserAccessKey'] } } }));

    c.advance(31 * DAY_MS);
    // Today's uses: alice's first key reads herself and assumes app, whose session lists roles.
    await n.iam(used).send(new GetUserCommand({}));
    const { Credentials } = await n.sts(used).send(new AssumeRoleCommand({ RoleArn: roleArnOf('app'), RoleSessionName: 'work' }));
    await n.iam(sessionKeys(Credentials)).send(new ListRolesCommand({}));
    await aa.send(new StartResourceScanCommand({ analyzerArn: arn, resourceArn: userArnOf('alice') }));

    const all = await findings(n, arn!);
    expect(all.map(key).sort()).toEqual(
      [
        `UnusedIAMRole ${roleArnOf('idle')} ACTIVE`,
        `UnusedIAMUserAccessKey ${userArnOf('alice')} ARCHIVED`,
        `UnusedIAMUserPassword ${userArnOf('alice')} ACTIVE`,
        `UnusedPermission ${roleArnOf('app')} ACTIVE`,
        `UnusedPermission ${userArnOf('alice')} ACTIVE`,
      ].sort(),
    );
    for (const f of all) expect(f).toMatchObject({ resourceOwnerAccount: ACCOUNT_ID, resourceType: f.resource!.includes(':role/') ? 'AWS::IAM::Role' : 'AWS::IAM::User' });

    const aliceUnused = all.find((f) => f.findingType === 'UnusedPermission' && f.resource === userArnOf('alice'))!;
    const detail = await aa.send(new GetFindingV2Command({ analyzerArn: arn, id: aliceUnused.id }));
    expect(detail.findingDetails).toEqual([
      { unusedPermissionDetails: { serviceNamespace: 'iam', actions: [{ action: 'ListUsers' }], lastAccessed: expect.any(Date) } },
      { unusedPermissionDetails: { serviceNamespace: 'sqs' } },
    ]);
    const keyFinding = all.find((f) => f.findingType === 'UnusedIAMUserAccessKey')!;
    expect((await aa.send(new GetFindingV2Command({ analyzerArn: arn, id: keyFinding.id }))).findingDetails).toEqual([
      { unusedIamUserAccessKeyDetails: { accessKeyId: spare.accessKeyId } },
    ]);

    // Archive by hand, then by a rule applied to existing findings.
    const idle = all.find((f) => f.findingType === 'UnusedIAMRole')!;
    await aa.send(new UpdateFindingsCommand({ analyzerArn: arn, ids: [idle.id!], status: 'ARCHIVED' }));
    await aa.send(new CreateArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'passwords', filter: { findingType: { eq: ['UnusedIAMUserPassword'] } } }));
    await aa.send(new ApplyArchiveRuleCommand({ analyzerArn: arn, ruleName: 'passwords' }));
    expect((await findings(n, arn!, { status: { eq: ['ARCHIVED'] } })).map((f) => f.findingType).sort()).toEqual(['UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword']);
    expect((await aa.send(new ListArchiveRulesCommand({ analyzerName: 'unused' }))).archiveRules?.map((r) => r.ruleName)).toEqual(['keys', 'passwords']);
    await aa.send(new UpdateFindingsCommand({ analyzerArn: arn, resourceArn: roleArnOf('idle'), status: 'ACTIVE' }));
    expect((await aa.send(new GetFindingV2Command({ analyzerArn: arn, id: idle.id }))).status).toBe('ACTIVE');

    // The recommendation keeps what app used and detaches its policy.
    const appUnused = all.find((f) => f.findingType === 'UnusedPermission' && f.resource === roleArnOf('app'))!;
    await aa.send(new GenerateFindingRecommendationCommand({ analyzerArn: arn, id: appUnused.id }));
    const rec = await aa.send(new GetFindingRecommendationCommand({ analyzerArn: arn, id: appUnused.id }));
    expect(rec).toMatchObject({ status: 'SUCCEEDED', recommendationType: 'UnusedPermissionRecommendation', resourceArn: roleArnOf('app') });
    expect(rec.recommendedSteps).toEqual([
      { unusedPermissionsRecommendedStep: { recommendedAction: 'CREATE_POLICY', recommendedPolicy: policy({ Effect: 'Allow', Action: ['iam:ListRoles'], Resource: '*' }) } },
      { unusedPermissionsRecommendedStep: { recommendedAction: 'DETACH_POLICY', existingPolicyId: 'inline' } },
    ]);

    const stats = await aa.send(new GetFindingsStatisticsCommand({ analyzerArn: arn }));
    expect(stats.findingsStatistics?.[0]?.unusedAccessFindingsStatistics).toMatchObject({ totalActiveFindings: 3, totalArchivedFindings: 2, totalResolvedFindings: 0 });

    // A use resolves the key finding; deleting the idle role resolves its finding.
    c.advance(DAY_MS);
    await n.iam(spare).send(new GetUserCommand({}));
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'idle', PolicyName: 'inline' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'idle' }));
    await aa.send(new StartResourceScanCommand({ analyzerArn: arn, resourceArn: userArnOf('alice') }));
    const resolved = await findings(n, arn!, { status: { eq: ['RESOLVED'] } });
    expect(resolved.map((f) => f.id).sort()).toEqual([idle.id, keyFinding.id].sort());
    // The ids stay: the same finding, now resolved.
    expect((await aa.send(new GetFindingV2Command({ analyzerArn: arn, id: keyFinding.id }))).status).toBe('RESOLVED');

    // A longer window makes today's uses count and the old ones too.
    const updated = await aa.send(new UpdateAnalyzerCommand({ analyzerName: 'unused', configuration: { unusedAccess: { unusedAccessAge: 90 } } }));
    expect(updated.configuration).toEqual({ unusedAccess: { unusedAccessAge: 90 } });
    expect((await findings(n, arn!, { status: { eq: ['ACTIVE', 'ARCHIVED'] } })).length).toBe(0);
  });

  it('reports roles that other accounts or anyone can assume, with the conditions', SLOW, async () => {
    await makeRole(n, 'partner', trust('arn:aws:iam::999988887777:root', ['sts:AssumeRole'], { StringEquals: { 'sts:ExternalId': 'x-123' } }));
    await makeRole(n, 'open', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }));
    await makeRole(n, 'inside', trust(`arn:aws:iam::${ACCOUNT_ID}:root`));
    await makeRole(n, 'service', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    const { arn } = await n.aa().send(new CreateAnalyzerCommand({ analyzerName: 'external', type: 'ACCOUNT' }));
    const all = await findings(n, arn!);
    expect(all.map((f) => `${f.findingType} ${f.resource}`).sort()).toEqual([`ExternalAccess ${roleArnOf('open')}`, `ExternalAccess ${roleArnOf('partner')}`]);
    const partner = all.find((f) => f.resource === roleArnOf('partner'))!;
    expect((await n.aa().send(new GetFindingV2Command({ analyzerArn: arn, id: partner.id }))).findingDetails).toEqual([
      { externalAccessDetails: { action: ['sts:AssumeRole'], condition: { 'sts:ExternalId': 'x-123' }, isPublic: false, principal: { AWS: 'arn:aws:iam::999988887777:root' } } },
    ]);
    expect((await findings(n, arn!, { isPublic: { eq: ['true'] } })).map((f) => f.resource)).toEqual([roleArnOf('open')]);
    // The v1 operations show the same finding flattened.
    const v1 = await n.aa().send(new ListFindingsCommand({ analyzerArn: arn, filter: { resource: { contains: ['partner'] } } }));
    expect(v1.findings).toEqual([
      expect.objectContaining({ id: partner.id, principal: { AWS: 'arn:aws:iam::999988887777:root' }, action: ['sts:AssumeRole'], condition: { 'sts:ExternalId': 'x-123' }, isPublic: false, status: 'ACTIVE' }),
    ]);
    expect((await n.aa().send(new GetFindingCommand({ analyzerArn: arn, id: partner.id }))).finding?.resource).toBe(roleArnOf('partner'));
  });

  it("answers AWS's errors and authorizes with access-analyzer actions", SLOW, async () => {
    const aa = n.aa();
    await expect(aa.send(new CreateAnalyzerCommand({ analyzerName: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }))).rejects.toBeInstanceOf(ConflictException);
    const second = await aa.send(new CreateAnalyzerCommand({ analyzerName: 'second', type: 'ACCOUNT_UNUSED_ACCESS' })).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ServiceQuotaExceededException);
    expect((second as ServiceQuotaExceededException).$metadata.httpStatusCode).toBe(402);
    const missing = await aa.send(new GetAnalyzerCommand({ analyzerName: 'nope' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing).toMatchObject({ resourceId: 'nope', $metadata: { httpStatusCode: 404 } });
    const badFilter = await aa
      .send(new ListFindingsV2Command({ analyzerArn: `arn:aws:access-analyzer:us-east-1:${ACCOUNT_ID}:analyzer/unused`, filter: { colour: { eq: ['red'] } } }))
      .catch((e: unknown) => e);
    expect(badFilter).toBeInstanceOf(ValidationException);
    expect((badFilter as ValidationException).fieldList?.[0]?.name).toBe('filter.colour');
    const v1OnUnused = await aa.send(new ListFindingsCommand({ analyzerArn: `arn:aws:access-analyzer:us-east-1:${ACCOUNT_ID}:analyzer/unused` })).catch((e: unknown) => e);
    expect(v1OnUnused).toMatchObject({ name: 'ValidationException', reason: 'notSupported' });
    const badAge = await aa.send(new UpdateAnalyzerCommand({ analyzerName: 'unused', configuration: { unusedAccess: { unusedAccessAge: 400 } } })).catch((e: unknown) => e);
    expect(badAge).toBeInstanceOf(ValidationException);

    const got = await aa.send(new GetAnalyzerCommand({ analyzerName: 'unused' }));
    expect(got.analyzer).toMatchObject({ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', tags: { team: 'sec' }, configuration: { unusedAccess: { unusedAccessAge: 90 } } });
    const listed = await aa.send(new ListAnalyzersCommand({}));
    expect(listed.analyzers?.map((a) => a.name)).toEqual(['external', 'unused']);
    expect(listed.analyzers?.[1]?.configuration).toBeUndefined();
    await aa.send(new TagResourceCommand({ resourceArn: got.analyzer!.arn, tags: { env: 'test' } }));
    expect((await aa.send(new ListTagsForResourceCommand({ resourceArn: got.analyzer!.arn }))).tags).toEqual({ team: 'sec', env: 'test' });

    await n.iam().send(new CreateUserCommand({ UserName: 'nobody' }));
    const nobody = await makeKey(n, 'nobody');
    const denied = await n.aa(nobody).send(new ListAnalyzersCommand({})).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AccessDeniedException);
    await n.iam().send(new PutUserPolicyCommand({ UserName: 'nobody', PolicyName: 'aa', PolicyDocument: policy(statement('Allow', 'access-analyzer:GetAnalyzer', `arn:aws:access-analyzer:us-east-1:${ACCOUNT_ID}:analyzer/external`)) }));
    expect((await n.aa(nobody).send(new GetAnalyzerCommand({ analyzerName: 'external' }))).analyzer?.name).toBe('external');
    await expect(n.aa(nobody).send(new GetAnalyzerCommand({ analyzerName: 'unused' }))).rejects.toBeInstanceOf(AccessDeniedException);

    await aa.send(new DeleteAnalyzerCommand({ analyzerName: 'external' }));
    await expect(aa.send(new GetAnalyzerCommand({ analyzerName: 'external' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
