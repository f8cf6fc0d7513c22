// HTTPS with --tls-cert/--tls-key: the AWS SDK's default https works against a certificate the
// client trusts, aws:SecureTransport is true on that listener, and a reload serves a new pair
// while a bad one leaves the old pair in place.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { GetUserCommand, ListRolesCommand, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, type TestCertificate } from '../support/tls-certificate.js';
import { ACCOUNT_ID } from '../support/server.js';
import { createUserWithKey, startNode, type KeywardNode } from '../support/keyward-node.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
});

let dir: string;
let first: TestCertificate;
let second: TestCertificate;
let node: KeywardNode;

/** The SHA-256 fingerprint of the certificate the server presents now. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.once('error', reject);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-tls-'));
  first = makeCertificate(dir, 'first');
  second = makeCertificate(dir, 'second');
  node = await startNode({
    dataDir: join(dir, 'data'),
    operating: { tls: { certFile: first.certFile, keyFile: first.keyFile } },
    trustedCa: `${first.pem}${second.pem}`,
  });
});
afterAll(async () => {
  await node?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('TLS listener', { timeout: 60_000 }, () => {
  it('serves IAM and STS over https to SDK clients that trust the certificate', async () => {
    expect(node.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const identity = await node.sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(ACCOUNT_ID);
    const listed = await node.iam().send(new ListUsersCommand({}));
    expect(listed.Users).toEqual([]);
    expect(await servedFingerprint(node.server.port)).toBe(first.fingerprint256);
  });

  it('refuses clients that do not trust the certificate', async () => {
    const refused = await fetch(`${node.url}/_keyward/health`).then(
      () => 'connected',
      (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
    );
    expect(refused).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('decides aws:SecureTransport true for requests on the TLS listener', async () => {
    const key = await createUserWithKey(node, 'tls-user');
    await node.iam().send(new PutUserPolicyCommand({ UserName: 'tls-user', PolicyName: 'secure', PolicyDocument: POLICY }));
    const roles = await node.iam(key).send(new ListRolesCommand({}));
    expect(roles.Roles).toEqual([]);
    // The statement that needs SecureTransport false does not match: implicitly denied.
    await expect(node.iam(key).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('reloads to a new pair and keeps the old one when the new files are unusable', async () => {
    const config = { certFile: first.certFile, keyFile: first.keyFile };
    // The server reads the configured paths again: swap the files' contents under them.
    const { copyFile } = await import('node:fs/promises');
    await copyFile(second.certFile, config.certFile);
    await copyFile(second.keyFile, config.keyFile);
    await node.server.reloadTls();
    expect(await servedFingerprint(node.server.port)).toBe(second.fingerprint256);
    const identity = await node.sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(ACCOUNT_ID);

    // A key that does not belong to the certificate: refused, the second pair stays.
    const stranger = makeCertificate(dir, 'stranger');
    await copyFile(stranger.keyFile, config.keyFile);
    await expect(node.server.reloadTls()).rejects.toThrow(/not a usable pair/);
    expect(await servedFingerprint(node.server.port)).toBe(second.fingerprint256);
    await expect(node.iam().send(new GetUserCommand({}))).resolves.toMatchObject({ User: { Arn: `arn:aws:iam::${ACCOUNT_ID}:root` } });
  });
});
