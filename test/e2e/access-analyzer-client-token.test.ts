// Access Analyzer's idempotency tokens through @aws-sdk/client-accessanalyzer: the same clientToken
// with the same request answers as the first time and creates, deletes or changes nothing again;
// with other parameters it is a ConflictException. On PostgreSQL the retry goes to the other node.

import {
  ApplyArchiveRuleCommand,
  ConflictException,
  CreateAnalyzerCommand,
  CreateArchiveRuleCommand,
  DeleteAnalyzerCommand,
  DeleteArchiveRuleCommand,
  GetArchiveRuleCommand,
  ListAnalyzersCommand,
  ListArchiveRulesCommand,
  ResourceNotFoundException,
  UpdateArchiveRuleCommand,
  UpdateFindingsCommand,
} from '@aws-sdk/client-accessanalyzer';
import { afterAll, describe, expect, it } from 'vitest';
import { startAnalyzerCluster, type AnalyzerCluster, type AnalyzerNode, type Backend } from '../support/analyzer-fixtures.js';

const clusters: AnalyzerCluster[] = [];
afterAll(async () => {
  for (const c of clusters) await c.stop();
}, 60_000);

const filter = (status: string) => ({ status: { eq: [status] } });

describe.each<[Backend, number]>([
  ['sqlite', 1],
  ['postgres', 2],
])('clientToken on %s', { timeout: 240_000 }, (backend, count) => {
  it('makes retries idempotent and refuses a token reused with other parameters', async () => {
    const cluster = await startAnalyzerCluster(backend, count);
    clusters.push(cluster);
    const a = cluster.nodes[0] as AnalyzerNode;
    const b = cluster.nodes[count - 1] as AnalyzerNode;

    // CreateAnalyzer: the retry (on the other node) gets the same ARN and no second analyzer.
    const create = { analyzerName: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' as const, configuration: { unusedAccess: { unusedAccessAge: 30 } }, clientToken: 'create-1' };
    const first = await a.aa().send(new CreateAnalyzerCommand(create));
    const again = await b.aa().send(new CreateAnalyzerCommand(create));
    expect(again.arn).toBe(first.arn);
    expect((await a.aa().send(new ListAnalyzersCommand({}))).analyzers?.map((x) => x.name)).toEqual(['unused']);
    const reused = await b.aa().send(new CreateAnalyzerCommand({ ...create, configuration: { unusedAccess: { unusedAccessAge: 60 } } })).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(ConflictException);
    expect((reused as ConflictException).$metadata.httpStatusCode).toBe(409);
    expect((reused as ConflictException).message).toMatch(/clientToken/);
    expect((reused as ConflictException).resourceId).toBe('create-1');
    // Without a token of its own the SDK fills a fresh one: the name is taken.
    const { clientToken: _t, ...untokened } = create;
    expect(await a.aa().send(new CreateAnalyzerCommand(untokened)).catch((e: unknown) => e)).toBeInstanceOf(ConflictException);

    // CreateArchiveRule: once, whatever the retries; another filter under the token is refused.
    const rule = { analyzerName: 'unused', ruleName: 'r', filter: filter('ACTIVE'), clientToken: 'rule-1' };
    await a.aa().send(new CreateArchiveRuleCommand(rule));
    await b.aa().send(new CreateArchiveRuleCommand(rule));
    expect((await a.aa().send(new ListArchiveRulesCommand({ analyzerName: 'unused' }))).archiveRules?.map((r) => r.ruleName)).toEqual(['r']);
    expect(await b.aa().send(new CreateArchiveRuleCommand({ ...rule, filter: filter('ARCHIVED') })).catch((e: unknown) => e)).toBeInstanceOf(ConflictException);

    // UpdateArchiveRule: a late retry of an older update does not undo a newer one.
    await a.aa().send(new UpdateArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'r', filter: filter('ARCHIVED'), clientToken: 'update-1' }));
    await a.aa().send(new UpdateArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'r', filter: filter('RESOLVED'), clientToken: 'update-2' }));
    await b.aa().send(new UpdateArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'r', filter: filter('ARCHIVED'), clientToken: 'update-1' }));
    expect((await b.aa().send(new GetArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'r' }))).archiveRule?.filter).toEqual(filter('RESOLVED'));

    // UpdateFindings and ApplyArchiveRule: retries answer alike; another status under the token is refused.
    const update = { analyzerArn: first.arn!, status: 'ARCHIVED' as const, resourceArn: 'arn:aws:iam::000000000000:user/nobody', clientToken: 'findings-1' };
    await a.aa().send(new UpdateFindingsCommand(update));
    await b.aa().send(new UpdateFindingsCommand(update));
    expect(await b.aa().send(new UpdateFindingsCommand({ ...update, status: 'ACTIVE' })).catch((e: unknown) => e)).toBeInstanceOf(ConflictException);
    await a.aa().send(new ApplyArchiveRuleCommand({ analyzerArn: first.arn!, ruleName: 'r', clientToken: 'apply-1' }));
    await b.aa().send(new ApplyArchiveRuleCommand({ analyzerArn: first.arn!, ruleName: 'r', clientToken: 'apply-1' }));

    // A request that failed leaves no token: its retry fails the same way.
    const missing = { analyzerName: 'unused', ruleName: 'nope', clientToken: 'delete-missing' };
    expect(await a.aa().send(new DeleteArchiveRuleCommand(missing)).catch((e: unknown) => e)).toBeInstanceOf(ResourceNotFoundException);
    expect(await b.aa().send(new DeleteArchiveRuleCommand(missing)).catch((e: unknown) => e)).toBeInstanceOf(ResourceNotFoundException);

    // Deletes: the retry succeeds as the first did (the token travels in the query string).
    await a.aa().send(new DeleteArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'r', clientToken: 'delete-rule' }));
    await b.aa().send(new DeleteArchiveRuleCommand({ analyzerName: 'unused', ruleName: 'r', clientToken: 'delete-rule' }));
    await a.aa().send(new DeleteAnalyzerCommand({ analyzerName: 'unused', clientToken: 'delete-analyzer' }));
    await b.aa().send(new DeleteAnalyzerCommand({ analyzerName: 'unused', clientToken: 'delete-analyzer' }));
    expect(await a.aa().send(new DeleteAnalyzerCommand({ analyzerName: 'unused', clientToken: 'delete-other' })).catch((e: unknown) => e)).toBeInstanceOf(ResourceNotFoundException);
    expect((await b.aa().send(new ListAnalyzersCommand({}))).analyzers).toEqual([]);
  });
});
