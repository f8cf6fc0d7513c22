// Encoded authorization messages end to end: a denied call carries one in the
// x-keyward-encoded-authorization-message header (AWS's AccessDenied body unchanged),
// DecodeAuthorizationMessage opens it for a caller allowed to; and the Organizations-only STS
// actions (AssumeRoot, GetDelegatedAccessToken), authorized first and then refused.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetUserCommand } from '@aws-sdk/client-iam';
import { AssumeRootCommand, DecodeAuthorizationMessageCommand, GetDelegatedAccessTokenCommand } from '@aws-sdk/client-sts';
import { SecretBox } from '../../src/auth/secret-box.js';
import { sealMessageText } from '../../src/services/sts/authz-message-seal.js';
import { userWithPolicy, type Credentials } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';
import { formBody, send, signPost, type WireResponse } from '../support/signed-request.js';

const HEADER = 'x-keyward-encoded-authorization-message';
const userArn = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;

const t = useTestServer();
let alice: Credentials;
let bob: Credentials;

beforeAll(async () => {
  alice = await userWithPolicy(t, 'alice', [
    { Sid: 'Decode', Effect: 'Allow', Action: ['sts:DecodeAuthorizationMessage', 'iam:ListUsers'], Resource: '*' },
    { Sid: 'CreateInEurope', Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
    { Sid: 'NoDeletes', Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
    { Sid: 'DeleteAll', Effect: 'Allow', Action: 'iam:DeleteUser', Resource: '*' },
    { Sid: 'RootTasks', Effect: 'Allow', Action: ['sts:AssumeRoot', 'sts:GetDelegatedAccessToken'], Resource: '*' },
  ]);
  bob = await userWithPolicy(t, 'bob');
});

/** A call signed by hand, so the test sees the response headers. */
async function call(credentials: Credentials, params: Record<string, string>, service: 'iam' | 'sts' = 'iam'): Promise<WireResponse> {
  const body = formBody({ Version: service === 'iam' ? '2010-05-08' : '2011-06-15', ...params });
  return send(await signPost(t.server.url, body, { credentials, service, signingDate: new Date() }));
}

async function decode(credentials: Credentials, encoded: string): Promise<Record<string, unknown>> {
  const out = await t.sts(credentials).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
  return JSON.parse(out.DecodedMessage ?? '') as Record<string, unknown>;
}

interface KeywardStatement {
  sid?: string;
  matched: boolean;
  mismatch?: string;
  failedCondition?: { key: string; requestValue?: string };
  reason: string;
}

describe('an AccessDenied with an encoded authorization message', () => {
  it('keeps AWS’s body and decodes to the denial: action, resource, context and why no statement allowed', async () => {
    const res = await call(alice, { Action: 'CreateUser', UserName: 'carol' });
    expect(res.status).toBe(403);
    expect(res.text).toContain(
      `<Message>User: ${userArn('alice')} is not authorized to perform: iam:CreateUser on resource: ${userArn('carol')} because no identity-based policy allows the iam:CreateUser action</Message>`,
    );
    const encoded = res.headers.get(HEADER);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded!.length).toBeLessThanOrEqual(10240);

    const { User } = await t.iam().send(new GetUserCommand({ UserName: 'alice' }));
    const message = await decode(alice, encoded!);
    expect(message).toMatchObject({
      allowed: false,
      explicitDeny: false,
      matchedStatements: { items: [] },
      failures: { items: [] },
      context: { principal: { id: User!.UserId, name: 'alice', arn: userArn('alice') }, action: 'iam:CreateUser', resource: userArn('carol') },
      keyward: { decision: 'ImplicitDeny', deniedBy: 'identity' },
    });
    const conditions = (message['context'] as { conditions: { items: { key: string; values: { items: { value: string }[] } }[] } }).conditions.items;
    expect(conditions).toContainEqual({ key: 'aws:username', values: { items: [{ value: 'alice' }] } });
    expect(conditions).toContainEqual({ key: 'aws:RequestedRegion', values: { items: [{ value: 'us-east-1' }] } });

    const statements = (message['keyward'] as { statements: KeywardStatement[] }).statements;
    expect(statements.find((s) => s.sid === 'CreateInEurope')).toMatchObject({
      matched: false,
      mismatch: 'condition',
      failedCondition: { key: 'aws:RequestedRegion', requestValue: 'us-east-1' },
      reason: expect.stringContaining('aws:RequestedRegion'),
    });
    expect(statements.find((s) => s.sid === 'Decode')).toMatchObject({ matched: false, mismatch: 'action' });
  });

  it('names the explicit deny in matchedStatements, in AWS’s statement shape', async () => {
    const res = await call(alice, { Action: 'DeleteUser', UserName: 'bob' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('with an explicit deny in an identity-based policy');
    const { User } = await t.iam().send(new GetUserCommand({ UserName: 'alice' }));
    const message = await decode(alice, res.headers.get(HEADER)!);
    expect(message).toMatchObject({
      allowed: false,
      explicitDeny: true,
      matchedStatements: {
        items: [
          {
            statementId: 'NoDeletes',
            effect: 'DENY',
            principals: { items: [{ value: User!.UserId }] },
            principalGroups: { items: [] },
            actions: { items: [{ value: 'iam:DeleteUser' }] },
            resources: { items: [{ value: '*' }] },
            conditions: { items: [] },
          },
        ],
      },
      keyward: { decision: 'ExplicitDeny' },
    });
    const statements = (message['keyward'] as { statements: KeywardStatement[] }).statements;
    expect(statements.filter((s) => s.matched).map((s) => s.sid).sort()).toEqual(['DeleteAll', 'NoDeletes']);
  });

  it('needs sts:DecodeAuthorizationMessage', async () => {
    const res = await call(bob, { Action: 'ListUsers' });
    const encoded = res.headers.get(HEADER)!;
    await expect(t.sts(bob).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: `User: ${userArn('bob')} is not authorized to perform: sts:DecodeAuthorizationMessage on resource: * because no identity-based policy allows the sts:DecodeAuthorizationMessage action`,
    });
    // Whoever may decode reads bob's denial; the root user needs no policy.
    expect(await decode(ROOT_KEY, encoded)).toMatchObject({ context: { action: 'iam:ListUsers', principal: { arn: userArn('bob') } } });
  });

  it('refuses a tampered message, garbage, and a message sealed for another account', async () => {
    const encoded = (await call(bob, { Action: 'ListUsers' })).headers.get(HEADER)!;
    const invalid = { name: 'InvalidAuthorizationMessageException', $metadata: { httpStatusCode: 400 }, message: 'The encoded authorization message is not valid.' };
    const at = encoded.length - 5;
    const flipped = `${encoded.slice(0, at)}${encoded[at] === 'A' ? 'B' : 'A'}${encoded.slice(at + 1)}`;
    await expect(t.sts(alice).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: flipped }))).rejects.toMatchObject(invalid);
    await expect(t.sts(alice).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not a message' }))).rejects.toMatchObject(invalid);

    // Sealed with this server's own master key, but for another account: it does not open here.
    const master = new SecretBox(Buffer.from((await readFile(join(t.dataDir, 'master.key'), 'utf8')).trim(), 'hex'));
    const foreign = sealMessageText(master, '999988887777', '{"allowed":false}');
    await expect(t.sts(alice).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: foreign }))).rejects.toMatchObject(invalid);
    const own = sealMessageText(master, ACCOUNT_ID, '{"allowed":false}');
    expect((await t.sts(alice).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: own }))).DecodedMessage).toBe('{"allowed":false}');
  });
});

describe('Organizations-only STS actions on a standalone account', () => {
  const task = { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' };

  it('AssumeRoot is authorized on the member account’s root user, then refused', async () => {
    const res = await call(bob, { Action: 'AssumeRoot', TargetPrincipal: '444455556666', 'TaskPolicyArn.arn': task.arn }, 'sts');
    expect(res.status).toBe(403);
    expect(res.text).toContain(
      `User: ${userArn('bob')} is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::444455556666:root because no identity-based policy allows the sts:AssumeRoot action`,
    );
    const message = await decode(alice, res.headers.get(HEADER)!);
    expect(message['context']).toMatchObject({
      action: 'sts:AssumeRoot',
      resource: 'arn:aws:iam::444455556666:root',
      conditions: { items: expect.arrayContaining([{ key: 'sts:TaskPolicyArn', values: { items: [{ value: task.arn }] } }]) },
    });

    await expect(t.sts(alice).send(new AssumeRootCommand({ TargetPrincipal: '444455556666', TaskPolicyArn: task }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining(`User: ${userArn('alice')} is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::444455556666:root because`),
    });
  });

  it('GetDelegatedAccessToken is authorized, then refused: no trade-in token exists without an onboarded partner', async () => {
    await expect(t.sts(bob).send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'token' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${userArn('bob')} is not authorized to perform: sts:GetDelegatedAccessToken on resource: * because no identity-based policy allows the sts:GetDelegatedAccessToken action`,
    });
    await expect(t.sts(alice).send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'token' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: `User: ${userArn('alice')} is not authorized to perform: sts:GetDelegatedAccessToken because the account is not onboarded as an AWS partner for temporary delegation`,
    });
  });
});
