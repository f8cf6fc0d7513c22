// The decision API with clients signed by botocore's SigV4Auth and SigV4QueryAuth (what every
// boto3 client uses), run as a Python child process: header-signed, with a body, presigned.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { userWithPolicy, type Credentials } from '../support/credential-fixtures.js';
import { keywardCall, NOTES_DEFINITION } from '../support/authorize-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';
import { REPO_ROOT } from './keyward-process.js';

interface Signed {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly headers: [string, string][];
  readonly body: string;
}

const t = useTestServer();
let svc: Credentials;
const signed = new Map<string, Signed>();
const note = `arn:aws:notes::${ACCOUNT_ID}:note/alice/n1`;

beforeAll(async () => {
  expect((await keywardCall(t.server.url, ROOT_KEY, 'POST', '/keyward/authorize/v1/services', { definition: NOTES_DEFINITION })).status).toBe(201);
  svc = await userWithPolicy(t, 'notes-service', [{ Effect: 'Allow', Action: 'keyward:Authorize', Resource: `arn:aws:keyward::${ACCOUNT_ID}:service/notes` }]);
  const alice = await userWithPolicy(t, 'alice', [{ Effect: 'Allow', Action: ['notes:GetNote', 'notes:PutNote'], Resource: note }]);
  const out = await new Promise<string>((resolve, reject) => {
    execFile('python3', [join(REPO_ROOT, 'test/compat/authorize-boto3.py'), alice.accessKeyId, alice.secretAccessKey, 'https://notes.internal/notes/alice/n1'], { encoding: 'utf8' }, (error, stdout, stderr) =>
      error !== null ? reject(new Error(`botocore signing failed: ${stderr}`)) : resolve(stdout),
    );
  });
  for (const line of out.split('\n').filter((l) => l.trim() !== '')) {
    const s = JSON.parse(line) as Signed;
    signed.set(s.name, s);
  }
}, 60_000);

async function decide(name: string, action: string): Promise<unknown> {
  const s = signed.get(name);
  if (s === undefined) throw new Error(`botocore printed no ${name} request`);
  const url = new URL(s.url);
  const request = {
    method: s.method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    // botocore signs Host from the URL; requests' transport sends it.
    headers: [['Host', url.host], ...s.headers],
    body: Buffer.from(s.body).toString('base64'),
    sourceIp: '198.51.100.7',
    secure: true,
  };
  return (await keywardCall(t.server.url, svc, 'POST', '/keyward/authorize/v1/services/notes/decisions', { request, checks: [{ action, resource: note }] })).json;
}

describe('boto3 (botocore SigV4) clients of a platform service', () => {
  it('verifies a header-signed GET, a PUT with a body and a presigned URL', async () => {
    expect(await decide('header', 'GetNote')).toMatchObject({ authenticated: true, caller: { arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice` }, decisions: [{ decision: 'Allow' }] });
    expect(await decide('put', 'PutNote')).toMatchObject({ authenticated: true, payload: { mode: 'verified' }, decisions: [{ decision: 'Allow' }] });
    expect(await decide('presigned', 'GetNote')).toMatchObject({ authenticated: true, decisions: [{ decision: 'Allow' }] });
  });
});
