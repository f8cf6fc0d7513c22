// CloudTrail's LookupEvents on Keyward's endpoint through the real SDK v3 client: every lookup
// attribute, paging with a NextToken bound to its query, time ranges, the caller's account
// only, the cloudtrail:LookupEvents permission, and CloudTrail's validation errors.

import { describe, expect, it } from 'vitest';
import { LookupEventsCommand, type LookupAttributeKey, type Event, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { CreateGroupCommand, CreateUserCommand, GetUserCommand, TagUserCommand } from '@aws-sdk/client-iam';
import { cloudTrailClient } from '../support/cloudtrail-client.js';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';

const t = useTestServer();
const trail = () => cloudTrailClient(t);

async function lookup(key: LookupAttributeKey, value: string, extra: Partial<LookupEventsCommandInput> = {}): Promise<Event[]> {
  await t.server.flushUsage();
  const out = await trail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }], ...extra }));
  return out.Events ?? [];
}

describe('LookupEvents', () => {
  it('finds events by each attribute, newest first, with CloudTrail fields', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'ct-alice' }));
    await iam.send(new TagUserCommand({ UserName: 'ct-alice', Tags: [{ Key: 'team', Value: 'a' }] }));
    await iam.send(new CreateGroupCommand({ GroupName: 'ct-group' }));
    const alice = await userWithPolicy(t, 'ct-reader', [{ Effect: 'Allow', Action: ['iam:GetUser'], Resource: '*' }]);
    await t.iam(alice).send(new GetUserCommand({}));

    const byName = await lookup('EventName', 'CreateGroup');
    expect(byName).toHaveLength(1);
    const created = byName[0]!;
    expect(created).toMatchObject({
      EventName: 'CreateGroup',
      ReadOnly: 'false',
      AccessKeyId: ROOT_KEY.accessKeyId,
      EventSource: 'iam.amazonaws.com',
      Username: 'root',
      Resources: [{ ResourceType: 'AWS::IAM::Group', ResourceName: 'ct-group' }],
    });
    expect(created.EventTime).toBeInstanceOf(Date);
    expect(Math.abs(created.EventTime!.getTime() - Date.now())).toBeLessThan(60_000);
    const record = JSON.parse(created.CloudTrailEvent!) as Record<string, unknown>;
    expect(record).toMatchObject({ eventID: created.EventId, eventName: 'CreateGroup', recipientAccountId: ACCOUNT_ID, requestParameters: { groupName: 'ct-group' } });

    expect((await lookup('EventId', created.EventId!)).map((e) => e.EventName)).toEqual(['CreateGroup']);
    const byUser = await lookup('Username', 'ct-reader');
    expect(byUser.map((e) => e.EventName)).toEqual(['GetUser']);
    expect(byUser[0]).toMatchObject({ ReadOnly: 'true', AccessKeyId: alice.accessKeyId });
    expect((await lookup('AccessKeyId', alice.accessKeyId)).map((e) => e.EventName)).toEqual(['GetUser']);
    // The key a CreateAccessKey answer made is one of that event's resources, as on CloudTrail.
    expect((await lookup('ResourceName', alice.accessKeyId)).map((e) => e.EventName)).toContain('CreateAccessKey');
    const aboutAlice = await lookup('ResourceName', 'ct-alice');
    expect(aboutAlice.map((e) => e.EventName)).toEqual(['TagUser', 'CreateUser']);
    const groups = await lookup('ResourceType', 'AWS::IAM::Group');
    expect(groups.map((e) => e.EventName)).toContain('CreateGroup');
    expect(groups.every((e) => e.Resources?.some((r) => r.ResourceType === 'AWS::IAM::Group'))).toBe(true);
    const reads = await lookup('ReadOnly', 'true');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.ReadOnly === 'true')).toBe(true);
    const writes = await lookup('ReadOnly', 'false');
    expect(writes.every((e) => e.ReadOnly === 'false')).toBe(true);
    expect(writes.map((e) => e.EventName)).toContain('CreateGroup');
    const sts = await lookup('EventSource', 'iam.amazonaws.com');
    expect(sts.every((e) => e.EventSource === 'iam.amazonaws.com')).toBe(true);

    const times = writes.map((e) => e.EventTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages with a NextToken tied to its query, visiting every event once', async () => {
    const iam = t.iam();
    for (let i = 0; i < 7; i++) await iam.send(new CreateUserCommand({ UserName: `ct-page-${i}` }));
    const all = await lookup('EventName', 'CreateUser');
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await trail().send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }], MaxResults: 3, NextToken: token }),
      );
      expect(out.Events!.length).toBeLessThanOrEqual(3);
      seen.push(...out.Events!.map((e) => e.EventId!));
      token = out.NextToken;
      pages++;
    } while (token !== undefined);
    expect(seen).toEqual(all.map((e) => e.EventId));
    expect(pages).toBe(Math.ceil(all.length / 3));

    const first = await trail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }], MaxResults: 2 }));
    expect(first.NextToken).toBeDefined();
    // The same token with other parameters, or altered, is refused.
    await expect(
      trail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'TagUser' }], MaxResults: 2, NextToken: first.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException', $metadata: { httpStatusCode: 400 } });
    await expect(
      trail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }], MaxResults: 2, NextToken: `x${first.NextToken!}` })),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('keeps to the time range, inclusive', async () => {
    const [newest] = await lookup('EventName', 'CreateUser');
    const at = newest!.EventTime!;
    const inRange = await lookup('EventId', newest!.EventId!, { StartTime: at, EndTime: at });
    expect(inRange.map((e) => e.EventId)).toEqual([newest!.EventId]);
    expect(await lookup('EventId', newest!.EventId!, { StartTime: new Date(at.getTime() + 1000), EndTime: new Date(at.getTime() + 5000) })).toEqual([]);
    expect(await lookup('EventId', newest!.EventId!, { EndTime: new Date(at.getTime() - 1000) })).toEqual([]);
    expect(await lookup('EventName', 'CreateUser', { EndTime: new Date(Date.now() - 100 * 24 * 3600 * 1000) })).toEqual([]);
  });

  it('answers a caller only with its own permission, and only its own account', async () => {
    const nobody = await userWithPolicy(t, 'ct-nobody');
    await expect(cloudTrailClient(t, nobody).send(new LookupEventsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: cloudtrail:LookupEvents') as unknown,
    });
    const auditor = await userWithPolicy(t, 'ct-auditor', [{ Effect: 'Allow', Action: 'cloudtrail:LookupEvents', Resource: '*' }]);
    await t.server.flushUsage();
    const out = await cloudTrailClient(t, auditor).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'ct-nobody' }] }));
    expect(out.Events!.map((e) => [e.EventName, JSON.parse(e.CloudTrailEvent!).errorCode as unknown])).toEqual([['LookupEvents', 'AccessDeniedException']]);
    expect(out.Events!.every((e) => (JSON.parse(e.CloudTrailEvent!) as { recipientAccountId: string }).recipientAccountId === ACCOUNT_ID)).toBe(true);
    const source = await lookup('EventSource', 'cloudtrail.amazonaws.com');
    expect(source.length).toBeGreaterThan(0);
  });

  it('refuses bad input with CloudTrail error codes, at HTTP 400', async () => {
    const refuse = async (input: LookupEventsCommandInput, name: string): Promise<void> => {
      await expect(trail().send(new LookupEventsCommand(input))).rejects.toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
    };
    await refuse(
      {
        LookupAttributes: [
          { AttributeKey: 'EventName', AttributeValue: 'a' },
          { AttributeKey: 'Username', AttributeValue: 'b' },
        ],
      },
      'InvalidLookupAttributesException',
    );
    await refuse({ LookupAttributes: [{ AttributeKey: 'Colour' as LookupAttributeKey, AttributeValue: 'a' }] }, 'InvalidLookupAttributesException');
    await refuse({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: '' }] }, 'InvalidLookupAttributesException');
    await refuse({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'x'.repeat(2001) }] }, 'InvalidLookupAttributesException');
    await refuse({ StartTime: new Date(2000), EndTime: new Date(1000) }, 'InvalidTimeRangeException');
    await refuse({ MaxResults: 51 }, 'InvalidMaxResultsException');
    await refuse({ MaxResults: 0 }, 'InvalidMaxResultsException');
    await refuse({ NextToken: 'forged' }, 'InvalidNextTokenException');
    await refuse({ EventCategory: 'other' as 'insight' }, 'InvalidEventCategoryException');
    expect((await trail().send(new LookupEventsCommand({ EventCategory: 'insight' }))).Events).toEqual([]);
  });

  it('answers signature failures with the JSON services\' codes', async () => {
    await expect(cloudTrailClient(t, { accessKeyId: ROOT_KEY.accessKeyId, secretAccessKey: 'wrong' }).send(new LookupEventsCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(cloudTrailClient(t, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }).send(new LookupEventsCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
