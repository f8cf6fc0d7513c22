// `exec --server`: a loopback HTTP endpoint in the container-credentials format the AWS SDKs
// read (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN). Each answer
// comes from `provide`, which refreshes before expiry; a request without the token gets 403.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedCredentials } from './credential-chain.js';
import type { CredentialServerAddress } from './child-env.js';

export interface CredentialServer extends CredentialServerAddress {
  close(): Promise<void>;
}

export interface CredentialServerOptions {
  readonly provide: () => Promise<ResolvedCredentials>;
  /** Told why a request failed (never with a secret); the child only sees a status and a message. */
  readonly onError?: (message: string) => void;
}

export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const authorized = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const send = (res: ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  // Imported here: a plain `exec` (no --server) starts without loading node's HTTP stack.
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    if (req.method !== 'GET') return send(res, 405, { code: 'MethodNotAllowed', message: 'only GET is served' });
    if (!authorized(req)) return send(res, 403, { code: 'AccessDenied', message: 'missing or wrong authorization token' });
    options.provide().then(
      (c) =>
        send(res, 200, {
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          ...(c.sessionToken !== undefined && { Token: c.sessionToken }),
          ...(c.expiration !== undefined && { Expiration: c.expiration.toISOString() }),
        }),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        options.onError?.(message);
        send(res, 500, { code: 'CredentialsUnavailable', message });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/credentials`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Keeps the last credentials until `marginMs` before they expire, then asks `resolve` again (once, for concurrent callers). */
export function refreshing(
  resolve: () => Promise<ResolvedCredentials>,
  clock: () => Date,
  marginMs: number,
  initial?: ResolvedCredentials,
): () => Promise<ResolvedCredentials> {
  let current: ResolvedCredentials | undefined = initial;
  let pending: Promise<ResolvedCredentials> | undefined;
  return async () => {
    if (current?.expiration !== undefined && current.expiration.getTime() - clock().getTime() > marginMs) return current;
    pending ??= resolve().then(
      (c) => {
        current = c;
        pending = undefined;
        return c;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
