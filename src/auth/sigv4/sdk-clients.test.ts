// The real IAM and STS SDK clients sign requests to a custom endpoint; the captured
// wire requests must verify, and `credentialScopeService` must route them.

import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { asReceived } from './sdk-signer.case.js';
import { credentialScopeService } from './scope.js';
import { verifySigV4 } from './verify.js';

const CREDENTIALS = { accessKeyId: 'AKIACLIENTTEST000001', secretAccessKey: 'client/test+secret0123456789abcdefghijkl' };

class Captured extends Error {}

/** A request handler that records the signed request instead of sending it. */
function capturingHandler(into: HttpRequest[]) {
  return {
    handle: async (request: HttpRequest): Promise<never> => {
      into.push(request);
      throw new Captured('captured');
    },
  };
}

const verifyOptions = {
  now: () => new Date(),
  lookupSecret: async (id: string) => (id === CREDENTIALS.accessKeyId ? { secretAccessKey: CREDENTIALS.secretAccessKey } : undefined),
};

describe('requests signed by the AWS SDK clients', () => {
  it('IAM ListUsers verifies and routes to iam', async () => {
    const captured: HttpRequest[] = [];
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: 'http://localhost:4566',
      credentials: CREDENTIALS,
      requestHandler: capturingHandler(captured),
      maxAttempts: 1,
    });
    await expect(client.send(new ListUsersCommand({ PathPrefix: '/team a/', MaxItems: 5 }))).rejects.toBeInstanceOf(Captured);
    const [signed] = captured;
    if (signed === undefined) throw new Error('nothing captured');
    const request = asReceived(signed);
    expect(credentialScopeService(request.headers, request.query)).toBe('iam');
    expect(await verifySigV4(request, verifyOptions)).toMatchObject({ ok: true, value: { service: 'iam' } });
  });

  it('STS GetCallerIdentity with a session token verifies and routes to sts', async () => {
    const captured: HttpRequest[] = [];
    const client = new STSClient({
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:4566',
      credentials: { ...CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjE-session' },
      requestHandler: capturingHandler(captured),
      maxAttempts: 1,
    });
    await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toBeInstanceOf(Captured);
    const [signed] = captured;
    if (signed === undefined) throw new Error('nothing captured');
    const request = asReceived(signed);
    expect(credentialScopeService(request.headers, request.query)).toBe('sts');
    expect(await verifySigV4(request, verifyOptions)).toMatchObject({
      ok: true,
      value: { service: 'sts', region: 'eu-central-1', securityToken: 'IQoJb3JpZ2luX2VjE-session' },
    });
  });
});
