// `keyward serve --tls-cert --tls-key` with the real clients' default https: the aws CLI with
// --ca-bundle and boto3 with verify= trust a certificate made here; without it they refuse;
// a policy on aws:SecureTransport allows what they ask over that listener.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, type TestCertificate } from '../support/tls-certificate.js';
import { availableClis } from './available-clis.js';
import { awsEnv, expectJson, runAws, type Credentials } from './aws-cli.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';

const SECURE_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
});

/** boto3 with verify=CA (or the default trust store with 'default'); prints one JSON line per call. */
const BOTO3 = `
import json, sys, boto3, botocore.exceptions
endpoint, verify = sys.argv[1], sys.argv[2]
kwargs = dict(endpoint_url=endpoint, region_name='us-east-1')
if verify != 'default':
    kwargs['verify'] = verify
for name, call in [('identity', lambda: boto3.client('sts', **kwargs).get_caller_identity()),
                   ('roles', lambda: boto3.client('iam', **kwargs).list_roles())]:
    try:
        out = call()
        out.pop('ResponseMetadata', None)
        print(json.dumps({'step': name, 'ok': True, 'value': out}, default=str))
    except botocore.exceptions.SSLError as e:
        print(json.dumps({'step': name, 'ok': False, 'code': 'SSLError'}))
    except botocore.exceptions.ClientError as e:
        print(json.dumps({'step': name, 'ok': False, 'code': e.response['Error']['Code']}))
`;

interface Step {
  readonly step: string;
  readonly ok: boolean;
  readonly value?: Record<string, unknown>;
  readonly code?: string;
}

function boto3(endpoint: string, verify: string, credentials: Credentials): Promise<Map<string, Step>> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', BOTO3, endpoint, verify], { env: awsEnv(credentials), encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`boto3 did not run: ${stderr}`));
      else resolve(new Map(stdout.trim().split('\n').map((l) => JSON.parse(l) as Step).map((s) => [s.step, s])));
    });
  });
}

let dir: string;
let cert: TestCertificate;
let server: KeywardProcess;
let user: Credentials;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-compat-tls-'));
  cert = makeCertificate(dir, 'server');
  server = await startKeyward({ args: ['--tls-cert', cert.certFile, '--tls-key', cert.keyFile] });
  const cli = availableClis()[0];
  if (cli === undefined) throw new Error('no aws CLI');
  const root = (...args: string[]) => expectJson(runAws(cli, server.url, COMPAT_ROOT_KEY, [...args, '--ca-bundle', cert.certFile], dir), args.join(' '));
  await root('iam', 'create-user', '--user-name', 'secure');
  await root('iam', 'put-user-policy', '--user-name', 'secure', '--policy-name', 'secure-only', '--policy-document', SECURE_ONLY);
  const created = (await root('iam', 'create-access-key', '--user-name', 'secure')) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } };
  user = { accessKeyId: created.AccessKey.AccessKeyId, secretAccessKey: created.AccessKey.SecretAccessKey };
});
afterAll(async () => {
  await server?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe.each(availableClis())('$label over https', (cli) => {
  it('calls IAM and STS with --ca-bundle, aws:SecureTransport true', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const identity = await expectJson(runAws(cli, server.url, COMPAT_ROOT_KEY, ['sts', 'get-caller-identity', '--ca-bundle', cert.certFile], dir), 'get-caller-identity');
    expect(identity.Account).toBe(COMPAT_ACCOUNT_ID);
    const roles = await expectJson(runAws(cli, server.url, user, ['iam', 'list-roles', '--ca-bundle', cert.certFile], dir), 'list-roles as secure');
    expect(roles.Roles).toEqual([]);
  });

  it('refuses the certificate without --ca-bundle', async () => {
    const result = await runAws(cli, server.url, COMPAT_ROOT_KEY, ['sts', 'get-caller-identity'], dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/SSL|certificate verify failed/i);
  });
});

describe('boto3 over https', () => {
  it('calls IAM and STS with verify=, aws:SecureTransport true', async () => {
    const steps = await boto3(server.url, cert.certFile, user);
    expect(steps.get('identity')).toMatchObject({ ok: true, value: { Account: COMPAT_ACCOUNT_ID, Arn: `arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/secure` } });
    expect(steps.get('roles')).toMatchObject({ ok: true, value: { Roles: [] } });
  });

  it('refuses the certificate with the default trust store', async () => {
    const steps = await boto3(server.url, 'default', user);
    expect(steps.get('identity')).toEqual({ step: 'identity', ok: false, code: 'SSLError' });
  });
});
