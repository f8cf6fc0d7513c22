// A SAML assertion is accepted once across the whole deployment: used through node A, it is
// refused through node B, and sent to both at once, exactly one node accepts it.

import { randomUUID } from 'node:crypto';
import { CreateRoleCommand, CreateSAMLProviderCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { idpMetadata, signedResponse } from '../../src/auth/saml/saml-test-idp.case.js';
import { ACCOUNT_ID } from '../support/server.js';
import type { KeywardNode } from '../support/keyward-node.js';
import { startPgCluster, type PgCluster } from './support/pg-cluster.js';

const PROVIDER = `arn:aws:iam::${ACCOUNT_ID}:saml-provider/ReplayIdP`;
const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/saml-replay`;
const REPLAY = { name: 'InvalidIdentityTokenException', message: 'The SAML assertion has already been used', $metadata: { httpStatusCode: 400 } };
// The first start seeds the AWS managed policy catalogue, which takes seconds on PostgreSQL.
const SLOW = { timeout: 90_000 };

// Set up inside the tests, not in beforeAll: an unreachable PostgreSQL must fail them, not skip them.
let started: Promise<PgCluster> | undefined;
function cluster(): Promise<PgCluster> {
  started ??= (async () => {
    const c = await startPgCluster();
    const iam = c.a.iam();
    await iam.send(new CreateSAMLProviderCommand({ Name: 'ReplayIdP', SAMLMetadataDocument: idpMetadata() }));
    const trust = { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithSAML' };
    await iam.send(new CreateRoleCommand({ RoleName: 'saml-replay', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [trust] }) }));
    const permission = { Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' };
    await iam.send(new PutRolePolicyCommand({ RoleName: 'saml-replay', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [permission] }) }));
    return c;
  })();
  return started;
}

afterAll(async () => {
  await (await started?.catch(() => undefined))?.stop();
}, 60_000);

/** A fresh signed response from the test IdP, granting saml-replay to alice. */
function assertion(): string {
  return signedResponse({
    now: new Date(),
    assertionId: `_${randomUUID()}`,
    attributes: {
      'https://aws.amazon.com/SAML/Attributes/Role': [`${ROLE},${PROVIDER}`],
      'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['alice@example.com'],
    },
  });
}

/** AssumeRoleWithSAML as the SDK sends it: unsigned, from a client with no credentials. */
function assume(node: KeywardNode, samlAssertion: string) {
  const sts = new STSClient({ endpoint: node.url, region: 'us-east-1', maxAttempts: 1 });
  return sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: samlAssertion }));
}

describe('SAML replay across two nodes', SLOW, () => {
  it('an assertion used through node A is refused through node B', async () => {
    const { a, b } = await cluster();
    const once = assertion();
    const out = await assume(a, once);
    const session = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    // The session A issued is good on B: only the assertion is spent.
    expect((await b.sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/saml-replay/alice@example.com`);
    await expect(assume(b, once)).rejects.toMatchObject(REPLAY);
    await expect(assume(a, once)).rejects.toMatchObject(REPLAY);
    // A fresh assertion still works through B.
    expect((await assume(b, assertion())).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/saml-replay/alice@example.com`);
  });

  it('one assertion sent to both nodes at once is accepted exactly once', async () => {
    const { a, b } = await cluster();
    for (let round = 0; round < 5; round += 1) {
      const once = assertion();
      const results = await Promise.allSettled([assume(a, once), assume(b, once)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: REPLAY });
    }
  });
});
