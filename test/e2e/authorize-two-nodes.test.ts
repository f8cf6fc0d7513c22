// The decision API on two nodes sharing PostgreSQL: a service definition created through node
// A is used by node B's next decision, and a policy changed through A applies to B's next
// decision (each decision syncs the store generation first, as IAM requests do).

import { DeleteUserPolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { createUserWithKey } from '../support/keyward-node.js';
import { clientRequest, keywardCall, NOTES_DEFINITION, policyDoc } from '../support/authorize-fixtures.js';
import { startPgCluster, type PgCluster } from './support/pg-cluster.js';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPgCluster();
}, 90_000);
afterAll(async () => {
  await cluster?.stop();
}, 60_000);

const note = `arn:aws:notes::${ACCOUNT_ID}:note/erin/n1`;
const DECISIONS = '/keyward/authorize/v1/services/notes/decisions';

describe('two nodes on PostgreSQL', () => {
  it('a definition and a policy changed through node A apply to node B’s next decision', async () => {
    const { a, b } = cluster;
    const svc = await createUserWithKey(a, 'notes-service');
    await a.iam().send(new PutUserPolicyCommand({ UserName: 'notes-service', PolicyName: 'authorize', PolicyDocument: policyDoc({ Effect: 'Allow', Action: 'keyward:Authorize', Resource: '*' }) }));
    const erin = await createUserWithKey(a, 'erin');
    const ask = async (): Promise<{ status: number; json: unknown }> =>
      keywardCall(b.url, svc, 'POST', DECISIONS, { request: await clientRequest(erin, { path: '/notes/erin/n1' }), checks: [{ action: 'GetNote', resource: note }] });

    // B knows no notes service yet.
    expect((await ask()).status).toBe(404);
    expect((await keywardCall(a.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', { definition: NOTES_DEFINITION })).status).toBe(201);
    expect(await ask()).toMatchObject({ status: 200, json: { authenticated: true, decisions: [{ decision: 'ImplicitDeny' }] } });

    await a.iam().send(new PutUserPolicyCommand({ UserName: 'erin', PolicyName: 'read', PolicyDocument: policyDoc({ Effect: 'Allow', Action: 'notes:GetNote', Resource: note }) }));
    expect(await ask()).toMatchObject({ json: { decisions: [{ decision: 'Allow' }] } });

    await a.iam().send(new DeleteUserPolicyCommand({ UserName: 'erin', PolicyName: 'read' }));
    expect(await ask()).toMatchObject({ json: { decisions: [{ decision: 'ImplicitDeny' }] } });
  }, 90_000);
});
