// EventBridge's rule, target, connection and API destination API on Keyward's endpoint,
// through the AWS SDK v3 client: shapes, paging, AWS's errors, and the secret of a connection
// never coming back.

import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { eventBridgeClient } from '../support/eventbridge.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();
const events = () => eventBridgeClient(t.server.url);
const ROOT_PATTERN = JSON.stringify({ 'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } });

async function destination(name: string): Promise<{ connectionArn: string; destinationArn: string }> {
  const eb = events();
  const { ConnectionArn } = await eb.send(
    new CreateConnectionCommand({ Name: `${name}-conn`, AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'X-Api-Key', ApiKeyValue: `secret-${name}` } } }),
  );
  const { ApiDestinationArn } = await eb.send(
    new CreateApiDestinationCommand({ Name: name, ConnectionArn: ConnectionArn!, InvocationEndpoint: 'https://hooks.example.com/alert', HttpMethod: 'POST' }),
  );
  return { connectionArn: ConnectionArn!, destinationArn: ApiDestinationArn! };
}

describe('EventBridge rules', () => {
  it('puts, describes, disables, enables and lists rules with their ARNs', async () => {
    const eb = events();
    const put = await eb.send(new PutRuleCommand({ Name: 'root-activity', EventPattern: ROOT_PATTERN, Description: 'root use' }));
    expect(put.RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/root-activity`);
    const described = await eb.send(new DescribeRuleCommand({ Name: 'root-activity' }));
    expect(described).toMatchObject({ Name: 'root-activity', Arn: put.RuleArn, EventPattern: ROOT_PATTERN, State: 'ENABLED', Description: 'root use', EventBusName: 'default', CreatedBy: ACCOUNT_ID });
    await eb.send(new DisableRuleCommand({ Name: 'root-activity' }));
    expect((await eb.send(new DescribeRuleCommand({ Name: 'root-activity' }))).State).toBe('DISABLED');
    await eb.send(new EnableRuleCommand({ Name: 'root-activity' }));
    expect((await eb.send(new DescribeRuleCommand({ Name: 'root-activity' }))).State).toBe('ENABLED');
    // PutRule again is an update: omitted members are cleared.
    await eb.send(new PutRuleCommand({ Name: 'root-activity', EventPattern: ROOT_PATTERN, State: 'DISABLED' }));
    const updated = await eb.send(new DescribeRuleCommand({ Name: 'root-activity' }));
    expect(updated.State).toBe('DISABLED');
    expect(updated.Description).toBeUndefined();
  });

  it('lists by NamePrefix in pages', async () => {
    const eb = events();
    for (const name of ['page-a', 'page-b', 'page-c', 'other']) await eb.send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["aws.iam"]}' }));
    const first = await eb.send(new ListRulesCommand({ NamePrefix: 'page-', Limit: 2 }));
    expect(first.Rules?.map((r) => r.Name)).toEqual(['page-a', 'page-b']);
    expect(first.NextToken).toBeDefined();
    const second = await eb.send(new ListRulesCommand({ NamePrefix: 'page-', Limit: 2, NextToken: first.NextToken }));
    expect(second.Rules?.map((r) => r.Name)).toEqual(['page-c']);
    expect(second.NextToken).toBeUndefined();
  });

  it("answers AWS's errors: unknown rule, bad pattern, neither pattern nor schedule, another bus", async () => {
    const eb = events();
    await expect(eb.send(new DescribeRuleCommand({ Name: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule missing does not exist on EventBus default.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(eb.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"detail":{}}' }))).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: expect.stringMatching(/^Event pattern is not valid\. Reason: Empty objects are not allowed/),
    });
    await expect(eb.send(new PutRuleCommand({ Name: 'bad' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(eb.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":["x"]}', EventBusName: 'custom' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus custom does not exist.',
    });
    await expect(eb.send(new PutRuleCommand({ Name: 'bad name!', EventPattern: '{"source":["x"]}' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(eb.send(new EnableRuleCommand({ Name: 'missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    // Nothing was stored by the failed calls.
    await expect(eb.send(new DescribeRuleCommand({ Name: 'bad' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('tests event patterns as EventBridge does', async () => {
    const eb = events();
    const event = (type: string) =>
      JSON.stringify({ id: '1', account: ACCOUNT_ID, source: 'aws.iam', time: '2024-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'AWS API Call via CloudTrail', detail: { userIdentity: { type } } });
    expect((await eb.send(new TestEventPatternCommand({ EventPattern: ROOT_PATTERN, Event: event('Root') }))).Result).toBe(true);
    expect((await eb.send(new TestEventPatternCommand({ EventPattern: ROOT_PATTERN, Event: event('IAMUser') }))).Result).toBe(false);
    await expect(eb.send(new TestEventPatternCommand({ EventPattern: '[1]', Event: event('Root') }))).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
    await expect(eb.send(new TestEventPatternCommand({ EventPattern: ROOT_PATTERN, Event: '{"source":"x"}' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('EventBridge targets', () => {
  it('puts, lists and removes API destination targets; other targets fail as entries', async () => {
    const eb = events();
    const { destinationArn } = await destination('targets-dest');
    await eb.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: ROOT_PATTERN }));
    const put = await eb.send(
      new PutTargetsCommand({
        Rule: 'with-targets',
        Targets: [
          { Id: 'hook', Arn: destinationArn },
          { Id: 'sns', Arn: `arn:aws:sns:us-east-1:${ACCOUNT_ID}:topic` },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect(put.FailedEntries).toEqual([{ TargetId: 'sns', ErrorCode: 'ValidationException', ErrorMessage: expect.stringContaining('API destination') }]);
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }))).Targets).toEqual([{ Id: 'hook', Arn: destinationArn }]);
    await expect(eb.send(new DeleteRuleCommand({ Name: 'with-targets' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    const removed = await eb.send(new RemoveTargetsCommand({ Rule: 'with-targets', Ids: ['hook'] }));
    expect(removed.FailedEntryCount).toBe(0);
    await eb.send(new DeleteRuleCommand({ Name: 'with-targets' }));
    await expect(eb.send(new DescribeRuleCommand({ Name: 'with-targets' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(eb.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 'x', Arn: destinationArn }] }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a sixth target with LimitExceededException', async () => {
    const eb = events();
    const { destinationArn } = await destination('limit-dest');
    await eb.send(new PutRuleCommand({ Name: 'many-targets', EventPattern: ROOT_PATTERN }));
    const five = Array.from({ length: 5 }, (_, i) => ({ Id: `t${i}`, Arn: destinationArn }));
    expect((await eb.send(new PutTargetsCommand({ Rule: 'many-targets', Targets: five }))).FailedEntryCount).toBe(0);
    await expect(eb.send(new PutTargetsCommand({ Rule: 'many-targets', Targets: [{ Id: 't5', Arn: destinationArn }] }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: 'many-targets' }))).Targets).toHaveLength(5);
  });
});

describe('EventBridge connections and API destinations', () => {
  it('describes a connection without its secret, and refuses a taken name', async () => {
    const eb = events();
    const { connectionArn, destinationArn } = await destination('described');
    expect(connectionArn).toMatch(new RegExp(`^arn:aws:events:us-east-1:${ACCOUNT_ID}:connection/described-conn/[0-9a-f-]{36}$`));
    const raw = await eb.send(new DescribeConnectionCommand({ Name: 'described-conn' }));
    expect(raw).toMatchObject({ ConnectionArn: connectionArn, ConnectionState: 'AUTHORIZED', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'X-Api-Key' } } });
    expect(JSON.stringify(raw)).not.toContain('secret-described');
    expect(JSON.stringify(await eb.send(new ListConnectionsCommand({})))).not.toContain('secret-described');
    // Nor is it in the store: the trail left it out of CreateConnection's record, the connection keeps it sealed.
    await t.server.flushUsage();
    const store = await openStore({ kind: 'sqlite', file: join(t.dataDir, 'keyward.db') });
    try {
      const trail = await store.read((tx) => tx.audit.lookup({ accountId: ACCOUNT_ID, attribute: { key: 'EventName', value: 'CreateConnection' }, limit: 100 }));
      expect(trail.length).toBeGreaterThan(0);
      for (const event of trail) expect(event.record).not.toContain('secret-');
      const stored = await store.read((tx) => tx.events.getConnection(ACCOUNT_ID, 'described-conn'));
      expect(stored?.sealedSecret).toMatch(/^k1\./);
      expect(JSON.stringify(stored)).not.toContain('secret-described');
    } finally {
      await store.close();
    }
    await expect(
      eb.send(new CreateConnectionCommand({ Name: 'described-conn', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } } })),
    ).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    const d = await eb.send(new DescribeApiDestinationCommand({ Name: 'described' }));
    expect(d).toMatchObject({ ApiDestinationArn: destinationArn, ConnectionArn: connectionArn, InvocationEndpoint: 'https://hooks.example.com/alert', HttpMethod: 'POST', ApiDestinationState: 'ACTIVE' });
    expect((await eb.send(new ListApiDestinationsCommand({ NamePrefix: 'descr' }))).ApiDestinations?.map((x) => x.Name)).toEqual(['described']);
    await eb.send(new DeleteApiDestinationCommand({ Name: 'described' }));
    await expect(eb.send(new DescribeApiDestinationCommand({ Name: 'described' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Failed to describe the api-destination(s). An api-destination 'described' does not exist.",
    });
    expect((await eb.send(new DeleteConnectionCommand({ Name: 'described-conn' }))).ConnectionState).toBe('DELETING');
    await expect(eb.send(new DescribeConnectionCommand({ Name: 'described-conn' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Failed to describe the connection(s). Connection 'described-conn' does not exist.",
    });
  });

  it('refuses plain HTTP outside loopback and an unknown connection', async () => {
    const eb = events();
    const { connectionArn } = await destination('endpoints');
    await expect(
      eb.send(new CreateApiDestinationCommand({ Name: 'plain', ConnectionArn: connectionArn, InvocationEndpoint: 'http://hooks.example.com/x', HttpMethod: 'POST' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      eb.send(
        new CreateApiDestinationCommand({ Name: 'orphan', ConnectionArn: `arn:aws:events:us-east-1:${ACCOUNT_ID}:connection/nope/1`, InvocationEndpoint: 'https://x.example.com', HttpMethod: 'POST' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: "Failed to describe the connection(s). Connection 'nope' does not exist." });
  });
});

describe('EventBridge authorization', () => {
  it('needs events: permissions on the rule ARN', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'rule-admin' }));
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:PutRule', Resource: `arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/allowed-*` }] };
    await iam.send(new PutUserPolicyCommand({ UserName: 'rule-admin', PolicyName: 'rules', PolicyDocument: JSON.stringify(policy) }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'rule-admin' }));
    const eb = eventBridgeClient(t.server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    expect((await eb.send(new PutRuleCommand({ Name: 'allowed-1', EventPattern: ROOT_PATTERN }))).RuleArn).toContain('rule/allowed-1');
    await expect(eb.send(new PutRuleCommand({ Name: 'denied-1', EventPattern: ROOT_PATTERN }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('events:PutRule'),
    });
    await expect(eb.send(new DescribeRuleCommand({ Name: 'allowed-1' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
