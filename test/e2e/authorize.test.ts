// The authorization API end to end (docs/authorize.md): a platform's notes service is defined
// through the API, runs as a Keyward user allowed keyward:Authorize on it, and forwards its
// clients' requests — signed by the AWS SDK's own signer for service `notes` — for
// verification and decisions; the same decisions through AuthZEN and Envoy's ext_authz.

import { createHash, createHmac } from 'node:crypto';
import {
  CreateRoleCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  CreatePolicyCommand,
  PutUserPolicyCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
} from '@aws-sdk/client-iam';
import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { ValidatePolicyCommand } from '@aws-sdk/client-accessanalyzer';
import { accessAnalyzerClient } from '../support/access-analyzer-client.js';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand } from '@aws-sdk/client-sts';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CloudTrailRecord } from '../../src/audit/record/cloudtrail-record.js';
import { openStore } from '../../src/storage/open-store.js';
import { loadMasterKey, SecretBox } from '../../src/auth/secret-box.js';
import { deriveSigningKey } from '../../src/auth/sigv4/index.js';
import { decodeAwsChunked } from '../../src/authorize/verify/chunk-signature.js';
import { userWithPolicy, type Credentials } from '../support/credential-fixtures.js';
import { clientRequest, keywardCall, NOTES_DEFINITION, policyDoc, presignedClientRequest } from '../support/authorize-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';

const t = useTestServer();
const SERVICE_ARN = `arn:aws:keyward::${ACCOUNT_ID}:service/notes`;
const note = (owner: string, id: string): string => `arn:aws:notes::${ACCOUNT_ID}:note/${owner}/${id}`;
const DECISIONS = '/keyward/authorize/v1/services/notes/decisions';

interface Decision {
  decision: string;
  action: string;
  message?: string;
  encodedMessage?: string;
  matchedStatements: { sid?: string; policyType: string }[];
}
interface Answer {
  generation: number;
  authenticated: boolean;
  error?: { code: string; status: number; message: string };
  caller?: { arn: string; account: string; type: string; principalId: string; sessionName?: string; mfa: { present: boolean } };
  payload?: { mode: string; sha256?: string; streaming?: { seedSignature: string; signingKey: string; scope: string; amzDate: string; decodedContentLength: number } };
  decisions?: Decision[];
}

let svc: Credentials;
let alice: Credentials;
let stranger: Credentials;

async function decide(body: object, asking: Credentials = svc): Promise<{ status: number; answer: Answer; text: string }> {
  const res = await keywardCall(t.server.url, asking, 'POST', DECISIONS, body);
  return { status: res.status, answer: res.json as Answer, text: res.text };
}

beforeAll(async () => {
  const created = await keywardCall(t.server.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', { definition: NOTES_DEFINITION });
  expect(created.status).toBe(201);
  svc = await userWithPolicy(t, 'notes-service', [{ Effect: 'Allow', Action: 'keyward:Authorize', Resource: SERVICE_ARN }]);
  stranger = await userWithPolicy(t, 'other-service', [{ Effect: 'Allow', Action: 'keyward:Authorize', Resource: `arn:aws:keyward::${ACCOUNT_ID}:service/queue` }]);
  alice = await userWithPolicy(t, 'alice', [
    { Sid: 'OwnNotes', Effect: 'Allow', Action: ['notes:GetNote', 'notes:PutNote'], Resource: `arn:aws:notes::${ACCOUNT_ID}:note/alice/*` },
    { Sid: 'NoSecrets', Effect: 'Deny', Action: 'notes:GetNote', Resource: '*', Condition: { StringEquals: { 'notes:Visibility': 'secret' } } },
    { Sid: 'Everything', Effect: 'Allow', Action: 'notes:*', Resource: `arn:aws:notes::999988887777:note/*` },
  ]);
}, 60_000);

describe('service definitions through the API', () => {
  it('gets, lists and refuses a duplicate or invalid definition with JSON paths', async () => {
    const got = await keywardCall(t.server.url, ROOT_KEY, 'GET', '/keyward/authorize/v1/services/notes');
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ arn: SERVICE_ARN, definition: { Name: 'notes', Signing: { Name: 'notes' } } });
    const list = await keywardCall(t.server.url, ROOT_KEY, 'GET', '/keyward/authorize/v1/services');
    expect(list.json).toMatchObject({ services: [{ name: 'notes', signingName: 'notes', arn: SERVICE_ARN }] });
    const dup = await keywardCall(t.server.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', { definition: NOTES_DEFINITION });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('x-amzn-errortype')).toBe('EntityAlreadyExists');
    const bad = await keywardCall(t.server.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', {
      definition: { ...NOTES_DEFINITION, Name: 's3', Actions: [{ Name: 'Get', AccessLevel: 'Reading' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ __type: 'MalformedServiceDefinition' });
    expect((bad.json as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.Name', '$.Actions[0].AccessLevel']));
    const missing = await keywardCall(t.server.url, ROOT_KEY, 'GET', '/keyward/authorize/v1/services/nothere');
    expect(missing.status).toBe(404);
  });

  it('requires the definition actions: a user without them is refused with AWS AccessDenied', async () => {
    const res = await keywardCall(t.server.url, svc, 'DELETE', '/keyward/authorize/v1/services/notes');
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      __type: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/notes-service is not authorized to perform: keyward:DeleteServiceDefinition on resource: ${SERVICE_ARN} because no identity-based policy allows the keyward:DeleteServiceDefinition action`,
    });
    expect((await keywardCall(t.server.url, ROOT_KEY, 'GET', '/keyward/authorize/v1/services/notes')).status).toBe(200);
  });
});

describe("Access Analyzer's ValidatePolicy knows the defined service", () => {
  it('reports an unknown action and condition key of notes as it would for an AWS service', async () => {
    const policy = policyDoc({ Effect: 'Allow', Action: ['notes:Get*', 'notes:Fooo'], Resource: note('alice', '*'), Condition: { StringEquals: { 'notes:Colour': 'red' } } });
    const { findings } = await accessAnalyzerClient(t).send(new ValidatePolicyCommand({ policyDocument: policy, policyType: 'IDENTITY_POLICY' }));
    expect(findings?.map((f) => [f.issueCode, f.findingDetails])).toEqual([
      ['INVALID_ACTION', 'The action notes:Fooo does not exist.'],
      ['INVALID_SERVICE_CONDITION_KEY', 'The condition key notes:Colour does not exist in the service notes. Use a valid condition key.'],
    ]);
  });
});

describe('decisions for forwarded client requests', () => {
  it('alice reads her own note and is denied another with AWS message and a sealed explanation', async () => {
    const own = await clientRequest(alice, { path: '/notes/alice/n1' });
    const { status, answer } = await decide({ request: own, checks: [{ action: 'GetNote', resource: note('alice', 'n1'), correlationId: 'c1' }] });
    expect(status).toBe(200);
    expect(answer).toMatchObject({
      authenticated: true,
      caller: { arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`, account: ACCOUNT_ID, type: 'User', mfa: { present: false } },
      payload: { mode: 'verified' },
      decisions: [{ decision: 'Allow', action: 'notes:GetNote', matchedStatements: [{ sid: 'OwnNotes', policyType: 'identity' }] }],
    });
    expect(answer.generation).toBeGreaterThan(0);

    const other = await clientRequest(alice, { path: '/notes/bob/n1' });
    const denied = (await decide({ request: other, checks: [{ action: 'notes:GetNote', resource: note('bob', 'n1') }] })).answer;
    const d = denied.decisions?.[0];
    expect(d).toMatchObject({
      decision: 'ImplicitDeny',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/alice is not authorized to perform: notes:GetNote on resource: ${note('bob', 'n1')} because no identity-based policy allows the notes:GetNote action`,
    });
    // DecodeAuthorizationMessage opens it for the account (root may).
    const decoded = await t.sts(ROOT_KEY).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: d?.encodedMessage }));
    expect(JSON.parse(decoded.DecodedMessage ?? '{}')).toMatchObject({ allowed: false, context: { action: 'notes:GetNote', resource: note('bob', 'n1') } });
  });

  it("types the service's condition keys and decides on them (an explicit deny)", async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/diary' });
    const { answer } = await decide({ request: req, checks: [{ action: 'GetNote', resource: note('alice', 'diary'), context: { 'notes:Visibility': 'secret' } }] });
    expect(answer.decisions?.[0]).toMatchObject({ decision: 'ExplicitDeny', matchedStatements: [{ sid: 'NoSecrets' }] });
    const typed = await decide({ request: req, checks: [{ action: 'PutNote', resource: note('alice', 'diary'), context: { 'notes:Size': 'big' } }] });
    expect(typed.status).toBe(400);
    expect(typed.answer).toMatchObject({ __type: 'ValidationError', message: 'checks[0].context.notes:Size: "big" is not a Numeric' });
    const forged = await decide({ request: req, checks: [{ action: 'GetNote', resource: note('alice', 'diary'), context: { 'aws:SourceIp': '10.0.0.1' } }] });
    expect(forged.status).toBe(400);
    const unknown = await decide({ request: req, checks: [{ action: 'Fly', resource: '*' }] });
    expect(unknown.answer).toMatchObject({ __type: 'ValidationError', message: 'checks[0].action: Fly is not an action of service notes' });
  });

  it('decides a batch of checks for one verified request, in order', async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/copy', method: 'PUT', body: 'x' });
    const checks = Array.from({ length: 25 }, (_, i) => ({ action: i % 2 === 0 ? 'GetNote' : 'DeleteNote', resource: note('alice', `n${i}`), correlationId: `#${i}` }));
    const { answer } = await decide({ request: req, checks });
    expect(answer.decisions?.map((d) => d.decision)).toEqual(checks.map((_, i) => (i % 2 === 0 ? 'Allow' : 'ImplicitDeny')));
    const tooMany = await decide({ request: req, checks: Array.from({ length: 101 }, () => checks[0]) });
    expect(tooMany.status).toBe(400);
  });

  it('a resource policy grants across accounts; without it the owning account does not trust alice', async () => {
    const req = await clientRequest(alice, { path: '/notes/carol/shared' });
    const foreign = 'arn:aws:notes::999988887777:note/carol/shared';
    const without = (await decide({ request: req, checks: [{ action: 'GetNote', resource: foreign }] })).answer;
    expect(without.decisions?.[0]).toMatchObject({ decision: 'ImplicitDeny' });
    expect(without.decisions?.[0]?.message).toContain('because no resource-based policy allows the notes:GetNote action');
    const resourcePolicy = policyDoc({ Sid: 'ShareWithAlice', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:user/alice` }, Action: 'notes:GetNote', Resource: foreign });
    const withPolicy = (await decide({ request: req, checks: [{ action: 'GetNote', resource: foreign, resourcePolicy }] })).answer;
    expect(withPolicy.decisions?.[0]).toMatchObject({ decision: 'Allow' });
    expect(withPolicy.decisions?.[0]?.matchedStatements.map((m) => m.policyType).sort()).toEqual(['identity', 'resource']);
  });

  it('a permissions boundary cuts a grant', async () => {
    const dave = await userWithPolicy(t, 'dave', [{ Effect: 'Allow', Action: 'notes:*', Resource: '*' }]);
    const iam = t.iam();
    const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'notes-read-only', PolicyDocument: policyDoc({ Effect: 'Allow', Action: 'notes:Get*', Resource: '*' }) }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'dave', PermissionsBoundary: boundary.Policy?.Arn }));
    const req = await clientRequest(dave, { path: '/notes/dave/a', method: 'PUT', body: 'x' });
    const { answer } = await decide({ request: req, checks: [{ action: 'GetNote', resource: note('dave', 'a') }, { action: 'PutNote', resource: note('dave', 'a') }] });
    expect(answer.decisions?.map((d) => d.decision)).toEqual(['Allow', 'ImplicitDeny']);
    expect(answer.decisions?.[1]?.message).toContain('because no permissions boundary allows the notes:PutNote action');
  });

  it('an assumed-role session is limited by its session policy and described with its session name', async () => {
    const iam = t.iam();
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'notes-reader',
        AssumeRolePolicyDocument: policyDoc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }),
      }),
    );
    await iam.send(new PutRolePolicyCommand({ RoleName: 'notes-reader', PolicyName: 'all', PolicyDocument: policyDoc({ Effect: 'Allow', Action: 'notes:*', Resource: '*' }) }));
    const assumer = await userWithPolicy(t, 'assumer', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT_ID}:role/notes-reader` }]);
    const assumed = await t.sts(assumer).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/notes-reader`,
        RoleSessionName: 'reader-1',
        Policy: policyDoc({ Effect: 'Allow', Action: 'notes:GetNote', Resource: '*' }),
      }),
    );
    const c = assumed.Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const req = await clientRequest(session, { path: '/notes/x/y', method: 'DELETE' });
    const { answer } = await decide({ request: req, checks: [{ action: 'GetNote', resource: note('x', 'y') }, { action: 'DeleteNote', resource: note('x', 'y') }] });
    expect(answer.caller).toMatchObject({ type: 'AssumedRole', sessionName: 'reader-1', arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/notes-reader/reader-1` });
    expect(answer.decisions?.map((d) => d.decision)).toEqual(['Allow', 'ImplicitDeny']);
    expect(answer.decisions?.[1]?.message).toContain('because no session policy allows the notes:DeleteNote action');
  });

  it('accepts a presigned URL and answers RequestExpired once it has expired', async () => {
    const url = await presignedClientRequest(alice, { path: '/notes/alice/n1', expiresIn: 60 });
    expect((await decide({ request: url, checks: [{ action: 'GetNote', resource: note('alice', 'n1') }] })).answer).toMatchObject({ authenticated: true, decisions: [{ decision: 'Allow' }] });
    const old = await presignedClientRequest(alice, { path: '/notes/alice/n1', expiresIn: 60, signingDate: new Date(Date.now() - 5 * 60_000) });
    expect((await decide({ request: old, checks: [{ action: 'GetNote', resource: note('alice', 'n1') }] })).answer).toMatchObject({
      authenticated: false,
      error: { code: 'RequestExpired', status: 400 },
    });
  });

  it('refuses what is not meant for this service: another scope, another host, a tampered body, an unknown key', async () => {
    const check = [{ action: 'GetNote', resource: note('alice', 'n1') }];
    const iamScoped = await clientRequest(alice, { path: '/notes/alice/n1', service: 'iam' });
    expect((await decide({ request: iamScoped, checks: check })).answer.error).toMatchObject({ code: 'SignatureDoesNotMatch', message: "Credential should be scoped to correct service: 'notes'." });
    const otherHost = await clientRequest(alice, { path: '/notes/alice/n1', host: 'evil.example' });
    expect((await decide({ request: otherHost, checks: check })).answer.error).toMatchObject({ code: 'SignatureDoesNotMatch' });
    const put = await clientRequest(alice, { path: '/notes/alice/n1', method: 'PUT', body: 'hello' });
    const swapped = { ...put, body: Buffer.from('HELLO').toString('base64') };
    expect((await decide({ request: swapped, checks: check })).answer.error).toMatchObject({ code: 'SignatureDoesNotMatch' });
    const ghost = await clientRequest({ accessKeyId: 'AKIAGHOSTGHOSTGHOST1', secretAccessKey: 'x' }, { path: '/notes/alice/n1' });
    expect((await decide({ request: ghost, checks: check })).answer.error).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
  });

  it('answers a chunked upload with what checks each chunk, and never the secret', async () => {
    const content = Buffer.from('chunked note body '.repeat(5000));
    const req = await clientRequest(alice, {
      path: '/notes/alice/big',
      method: 'PUT',
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': String(content.length), 'content-encoding': 'aws-chunked' },
    });
    const { answer, text } = await decide({ request: req, checks: [{ action: 'PutNote', resource: note('alice', 'big') }] });
    expect(text).not.toContain(alice.secretAccessKey);
    expect(answer.decisions?.[0]?.decision).toBe('Allow');
    const streaming = answer.payload?.streaming;
    if (streaming === undefined) throw new Error('expected a streaming check');
    // What alice's SDK sends: chunks signed from her secret, per the SigV4 streaming spec.
    const key = deriveSigningKey(alice.secretAccessKey, streaming.scope.slice(0, 8), 'us-east-1', 'notes');
    expect(streaming.signingKey).toBe(key.toString('hex'));
    const empty = createHash('sha256').update('').digest('hex');
    let previous = streaming.seedSignature;
    const parts: Buffer[] = [];
    for (const chunk of [content.subarray(0, 65536), content.subarray(65536), Buffer.alloc(0)]) {
      const sts = ['AWS4-HMAC-SHA256-PAYLOAD', streaming.amzDate, streaming.scope, previous, empty, createHash('sha256').update(chunk).digest('hex')].join('\n');
      previous = createHmac('sha256', key).update(sts).digest('hex');
      parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), chunk, Buffer.from('\r\n'));
    }
    const decoded = decodeAwsChunked(Buffer.concat(parts), { ...streaming, contentSha256: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' });
    expect(decoded.ok && decoded.body.equals(content)).toBe(true);
  });

  it('a service principal not allowed to authorize for this service is refused', async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/n1' });
    const { status, answer } = await decide({ request: req, checks: [{ action: 'GetNote', resource: note('alice', 'n1') }] }, stranger);
    expect(status).toBe(403);
    expect(answer).toMatchObject({
      __type: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/other-service is not authorized to perform: keyward:Authorize on resource: ${SERVICE_ARN} because no identity-based policy allows the keyward:Authorize action`,
    });
  });

  it('a policy change applies to the next decision, and atLeastGeneration is honoured', async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/n2' });
    const before = (await decide({ request: req, checks: [{ action: 'DeleteNote', resource: note('alice', 'n2') }] })).answer;
    expect(before.decisions?.[0]?.decision).toBe('ImplicitDeny');
    await t.iam().send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'delete', PolicyDocument: policyDoc({ Effect: 'Allow', Action: 'notes:DeleteNote', Resource: '*' }) }));
    const after = (await decide({ request: req, checks: [{ action: 'DeleteNote', resource: note('alice', 'n2') }], atLeastGeneration: before.generation + 1 })).answer;
    expect(after.decisions?.[0]?.decision).toBe('Allow');
    expect(after.generation).toBeGreaterThan(before.generation);
  });
});

describe('a definition is account-scoped', () => {
  // Another account on the same store, set up in the database directly (no IAM or STS action
  // creates a second account): its root user and an IAM user allowed every Keyward action on
  // every resource. Neither may use, read or change this account's definition.
  const OTHER = '444455556666';
  const otherRoot = { accessKeyId: 'AKIAOTHERACCOUNTROOT', secretAccessKey: 'other-account-root-secret-0123456789abcd' };
  const otherUser = { accessKeyId: 'AKIAOTHERACCOUNTUSER', secretAccessKey: 'other-account-user-secret-0123456789abcd' };

  beforeAll(async () => {
    const secrets = new SecretBox(await loadMasterKey({ dataDir: t.dataDir }));
    const store = await openStore({ kind: 'sqlite', file: join(t.dataDir, 'keyward.db') });
    try {
      await store.write(async (tx) => {
        const now = new Date();
        await tx.accounts.insert({ id: OTHER, createdAt: now, settings: {} });
        await tx.users.insert({ accountId: OTHER, id: 'AIDAOTHERACCOUNTUSER1', name: 'platform', path: '/', arn: `arn:aws:iam::${OTHER}:user/platform`, createDate: now, tags: [] });
        await tx.inlinePolicies.put({ accountId: OTHER, ownerKind: 'user', ownerName: 'platform', policyName: 'all', document: policyDoc({ Effect: 'Allow', Action: 'keyward:*', Resource: '*' }) });
        for (const [key, userName] of [[otherRoot, null], [otherUser, 'platform']] as const) {
          await tx.accessKeys.insert({ accountId: OTHER, accessKeyId: key.accessKeyId, userName, secretCiphertext: secrets.seal(key.secretAccessKey, `access-key:${key.accessKeyId}`), status: 'Active', createDate: now });
        }
      });
    } finally {
      await store.close();
    }
  });

  const refusal = (who: string, action: string, because: string): object => ({
    __type: 'AccessDenied',
    message: `User: ${who} is not authorized to perform: keyward:${action} on resource: ${SERVICE_ARN} because ${because}`,
  });

  it("refuses another account's root user: decisions, reading and deleting the definition", async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/n1' });
    const asked = await decide({ request: req, checks: [{ action: 'GetNote', resource: note('alice', 'n1') }] }, otherRoot);
    expect(asked.status).toBe(403);
    expect(asked.answer).toEqual(refusal(`arn:aws:iam::${OTHER}:root`, 'Authorize', 'no resource-based policy allows the keyward:Authorize action'));
    const read = await keywardCall(t.server.url, otherRoot, 'GET', '/keyward/authorize/v1/services/notes');
    expect(read.status).toBe(403);
    expect(read.headers.get('x-amzn-errortype')).toBe('AccessDenied');
    expect(read.json).toEqual(refusal(`arn:aws:iam::${OTHER}:root`, 'GetServiceDefinition', 'no resource-based policy allows the keyward:GetServiceDefinition action'));
    const deleted = await keywardCall(t.server.url, otherRoot, 'DELETE', '/keyward/authorize/v1/services/notes');
    expect(deleted.status).toBe(403);
    expect(deleted.json).toMatchObject({ __type: 'AccessDenied' });
    // The refused calls changed nothing.
    expect((await keywardCall(t.server.url, ROOT_KEY, 'GET', '/keyward/authorize/v1/services/notes')).status).toBe(200);
  });

  it("refuses another account's IAM user even when its own policies allow keyward:* on *", async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/n1' });
    const asked = await decide({ request: req, checks: [{ action: 'GetNote', resource: note('alice', 'n1') }] }, otherUser);
    expect(asked.status).toBe(403);
    expect(asked.answer).toEqual(refusal(`arn:aws:iam::${OTHER}:user/platform`, 'Authorize', 'no resource-based policy allows the keyward:Authorize action'));
    const updated = await keywardCall(t.server.url, otherUser, 'PUT', '/keyward/authorize/v1/services/notes', { definition: NOTES_DEFINITION });
    expect(updated.status).toBe(403);
    expect(updated.json).toEqual(refusal(`arn:aws:iam::${OTHER}:user/platform`, 'UpdateServiceDefinition', 'no resource-based policy allows the keyward:UpdateServiceDefinition action'));
    // The same principal is let in where its own account is the resource's: it only lacks this account's trust.
    const own = await keywardCall(t.server.url, otherUser, 'GET', '/keyward/authorize/v1/services');
    expect(own.status).toBe(200);
  });
});

describe('the audit trail', () => {
  it('records each decision as an event of the service, denials with AccessDenied', async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/audited' });
    await decide({ request: req, checks: [{ action: 'GetNote', resource: note('alice', 'audited') }, { action: 'ListNotes', resource: note('zed', 'x') }] });
    await t.server.flushUsage();
    const store = await openStore({ kind: 'sqlite', file: join(t.dataDir, 'keyward.db') });
    try {
      const lookup = async (name: string): Promise<CloudTrailRecord[]> =>
        (await store.read((tx) => tx.audit.lookup({ accountId: ACCOUNT_ID, attribute: { key: 'EventName', value: name }, limit: 50 }))).map((e) => JSON.parse(e.record) as CloudTrailRecord);
      const got = (await lookup('GetNote')).find((r) => JSON.stringify(r.requestParameters).includes('audited'));
      expect(got).toMatchObject({
        eventSource: 'notes.keyward',
        eventName: 'GetNote',
        userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice` },
        sourceIPAddress: '198.51.100.7',
        requestParameters: { resource: note('alice', 'audited') },
        additionalEventData: { decision: 'Allow' },
      });
      expect(got?.errorCode).toBeUndefined();
      const denied = (await lookup('ListNotes')).find((r) => JSON.stringify(r.requestParameters).includes('zed'));
      expect(denied).toMatchObject({ errorCode: 'AccessDenied', additionalEventData: { decision: 'ImplicitDeny' } });
      // Definition changes are Keyward's own events, refusals included.
      expect(await lookup('CreateServiceDefinition')).toEqual(
        expect.arrayContaining([expect.objectContaining({ eventSource: 'keyward', requestParameters: { name: 'notes' }, userIdentity: expect.objectContaining({ type: 'Root' }) })]),
      );
      expect(await lookup('DeleteServiceDefinition')).toEqual(
        expect.arrayContaining([expect.objectContaining({ errorCode: 'AccessDenied', userIdentity: expect.objectContaining({ arn: `arn:aws:iam::${ACCOUNT_ID}:user/notes-service` }) })]),
      );
    } finally {
      await store.close();
    }
  });
});

describe('the pipeline: the asking call and each decision in LookupEvents and access advisor', () => {
  const lookupEvents = async (key: 'EventName' | 'EventSource' | 'Username', value: string): Promise<Event[]> => {
    await t.server.flushUsage();
    const trail = new CloudTrailClient({ endpoint: t.server.url, region: 'us-east-1', credentials: ROOT_KEY, maxAttempts: 1 });
    return (await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }], MaxResults: 50 }))).Events ?? [];
  };
  const record = (e: Event | undefined): CloudTrailRecord => JSON.parse(e?.CloudTrailEvent ?? '{}') as CloudTrailRecord;

  it("records the service's Authorize call as Keyward's event and each decision as the platform service's", async () => {
    const req = await clientRequest(alice, { path: '/notes/alice/pipeline' });
    const asked = await decide({ request: req, checks: [{ action: 'PutNote', resource: note('alice', 'pipeline') }, { action: 'TagNote', resource: note('bob', 'pipeline') }] });
    expect(asked.answer.decisions?.map((d) => d.decision)).toEqual(['Allow', 'ImplicitDeny']);

    // The service's own call: authorized with keyward:Authorize, recorded as the service user's.
    const authorizeCalls = (await lookupEvents('EventName', 'Authorize')).map(record).filter((r) => JSON.stringify(r.requestParameters).includes('pipeline'));
    expect(authorizeCalls).toHaveLength(1);
    const call = authorizeCalls[0];
    expect(call).toMatchObject({
      eventSource: 'keyward',
      eventName: 'Authorize',
      readOnly: true,
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT_ID}:user/notes-service` },
      requestParameters: { name: 'notes', checks: [{ action: 'PutNote', resource: note('alice', 'pipeline') }, { action: 'TagNote', resource: note('bob', 'pipeline') }] },
    });
    expect(JSON.stringify(call)).not.toContain('Signature=');

    // Each decision: the platform service's event, in alice's name, sharing the call's request id.
    const put = (await lookupEvents('EventSource', 'notes.keyward')).map(record).filter((r) => r.requestID === call?.requestID);
    expect(put.map((r) => [r.eventName, r.errorCode])).toEqual(expect.arrayContaining([['PutNote', undefined], ['TagNote', 'AccessDenied']]));
    expect(put.every((r) => r.userIdentity.arn === `arn:aws:iam::${ACCOUNT_ID}:user/alice`)).toBe(true);

    // A refused asking call is recorded too, with AWS's AccessDenied.
    await decide({ request: req, checks: [{ action: 'GetNote', resource: note('alice', 'pipeline') }] }, stranger);
    const refused = (await lookupEvents('Username', 'other-service')).map(record).find((r) => r.eventName === 'Authorize');
    expect(refused).toMatchObject({ eventSource: 'keyward', errorCode: 'AccessDenied' });

    // Access advisor: the platform's service, last accessed by alice.
    const iam = t.iam();
    const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`, Granularity: 'ACTION_LEVEL' }));
    const details = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    const notes = details.ServicesLastAccessed?.find((s) => s.ServiceNamespace === 'notes');
    expect(notes).toMatchObject({ LastAuthenticatedEntity: `arn:aws:iam::${ACCOUNT_ID}:user/alice` });
    expect(notes?.LastAuthenticated).toBeInstanceOf(Date);
    // ACTION_LEVEL: Keyward decides every call to a defined service, so its actions are tracked.
    const actions = Object.fromEntries((notes?.TrackedActionsLastAccessed ?? []).map((a) => [a.ActionName, a.LastAccessedTime]));
    expect(actions.PutNote).toBeInstanceOf(Date);
    expect(actions.TagNote).toBeInstanceOf(Date);
    expect('SendNoteBatch' in actions && actions.SendNoteBatch === undefined).toBe(true);
  });
});

describe('AuthZEN 1.0', () => {
  it('evaluates one request and a batch with deny_on_first_deny', async () => {
    const subject = { type: 'user', id: `arn:aws:iam::${ACCOUNT_ID}:user/alice` };
    const one = await keywardCall(t.server.url, svc, 'POST', '/access/v1/evaluation', {
      subject,
      action: { name: 'notes:GetNote' },
      resource: { type: 'note', id: note('alice', 'n1') },
    });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ decision: true, context: { id: 'Allow' } });
    const batch = await keywardCall(t.server.url, svc, 'POST', '/access/v1/evaluations', {
      subject,
      action: { name: 'notes:GetNote' },
      options: { evaluations_semantic: 'deny_on_first_deny' },
      evaluations: [{ resource: { type: 'note', id: note('alice', 'a') } }, { resource: { type: 'note', id: note('bob', 'b') } }, { resource: { type: 'note', id: note('alice', 'c') } }],
    });
    expect(batch.json).toMatchObject({ evaluations: [{ decision: true }, { decision: false, context: { id: 'ImplicitDeny' } }] });
    expect((batch.json as { evaluations: unknown[] }).evaluations).toHaveLength(2);
    const refused = await keywardCall(t.server.url, stranger, 'POST', '/access/v1/evaluation', { subject, action: { name: 'notes:GetNote' }, resource: { type: 'note', id: note('alice', 'n1') } });
    expect(refused.status).toBe(403);
    const config = await fetch(new URL('/.well-known/authzen-configuration', t.server.url));
    expect(await config.json()).toMatchObject({ access_evaluation_endpoint: expect.stringMatching(/\/access\/v1\/evaluation$/) });
  });
});

describe('Envoy ext_authz', () => {
  /** What Envoy's HTTP ext_authz filter sends: the client's method, path under path_prefix, and headers. */
  async function envoyCheck(forwarded: Awaited<ReturnType<typeof clientRequest>>): Promise<Response> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(forwarded.headers as Record<string, string>)) if (name.toLowerCase() !== 'host') headers.set(name, value);
    // Envoy keeps the client's Host as the :authority it forwards; fetch cannot set Host, so x-forwarded-host is not used: sign for 127.0.0.1:8080 instead.
    return fetch(new URL(`/keyward/ext-authz/notes${forwarded.path}${forwarded.query ? `?${forwarded.query}` : ''}`, t.server.url), {
      method: forwarded.method,
      headers: { ...Object.fromEntries(headers), 'x-forwarded-for': '203.0.113.50', 'x-forwarded-proto': 'https' },
    });
  }

  it('allows a routed request with headers naming the caller, and denies with AWS error', async () => {
    const host = new URL(t.server.url).host;
    // The signed Host must be a host of the service: here the address Envoy listens on.
    await keywardCall(t.server.url, ROOT_KEY, 'PUT', '/keyward/authorize/v1/services/notes', {
      definition: { ...NOTES_DEFINITION, Signing: { ...(NOTES_DEFINITION.Signing as object), Hosts: ['notes.internal', host] } },
    });
    const allowed = await envoyCheck(await clientRequest(alice, { path: '/notes/alice/n1', host }));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('x-keyward-principal-arn')).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/alice`);
    expect(allowed.headers.get('x-keyward-action')).toBe('notes:GetNote');
    const denied = await envoyCheck(await clientRequest(alice, { path: '/notes/bob/n1', host }));
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ __type: 'AccessDenied', message: expect.stringContaining('is not authorized to perform: notes:GetNote') });
    const unrouted = await envoyCheck(await clientRequest(alice, { path: '/admin', host }));
    expect(unrouted.status).toBe(403);
    const forged = await envoyCheck({ ...(await clientRequest(alice, { path: '/notes/alice/n1', host })), path: '/notes/alice/n2' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ __type: 'SignatureDoesNotMatch' });
  });
});
