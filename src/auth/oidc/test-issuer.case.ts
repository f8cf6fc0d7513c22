// A real OIDC issuer on loopback for tests: discovery and JWKS over node:http (or node:https
// with the fixture certificate), keys made with jose, and switches that make it misbehave.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const FIXTURE_CERT = readFileSync(new URL('./fixtures/localhost-cert.pem', import.meta.url), 'utf8');
const FIXTURE_KEY = readFileSync(new URL('./fixtures/localhost-key.pem', import.meta.url), 'utf8');

export interface IssuerKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** ok, or how the discovery/JWKS endpoints fail. */
export type IssuerMode = 'ok' | 'jwks-500' | 'jwks-close' | 'jwks-hang' | 'jwks-not-json' | 'no-jwks-uri' | 'http-jwks-uri';

export interface SignOptions {
  readonly key?: IssuerKey;
  /** Overrides the header's kid; null leaves it out. */
  readonly kid?: string | null;
}

export interface TestIssuer {
  /** `http://127.0.0.1:PORT/realm` (or https). */
  readonly issuer: string;
  /** The issuer without its scheme, as IAM stores a provider URL. */
  readonly providerUrl: string;
  /** Keys served in the JWKS; tests push and remove keys to rotate. */
  readonly published: IssuerKey[];
  mode: IssuerMode;
  readonly requests: { discovery: number; jwks: number };
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

export async function createIssuerKey(alg: 'RS256' | 'ES256' | 'RS512' | 'ES384', kid: string): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

/** A token with `alg: none` and no signature, which no verifier may accept. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

export async function startTestIssuer(options: { readonly tls?: boolean } = {}): Promise<TestIssuer> {
  const published: IssuerKey[] = [await createIssuerKey('RS256', 'rsa-1')];
  const requests = { discovery: 0, jwks: 0 };
  let base = '';
  const state = { mode: 'ok' as IssuerMode };

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const json = (value: unknown): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.url === '/realm/.well-known/openid-configuration') {
      requests.discovery += 1;
      if (state.mode === 'no-jwks-uri') return json({ issuer: `${base}/realm` });
      const jwksBase = state.mode === 'http-jwks-uri' ? base.replace('https://', 'http://') : base;
      return json({ issuer: `${base}/realm`, jwks_uri: `${jwksBase}/realm/certs` });
    }
    if (request.url === '/realm/certs') {
      requests.jwks += 1;
      switch (state.mode) {
        case 'jwks-500':
          response.writeHead(500).end('boom');
          return;
        case 'jwks-close':
          request.socket.destroy();
          return;
        case 'jwks-hang':
          return;
        case 'jwks-not-json':
          response.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
          return;
        default:
          return json({ keys: published.map((key) => key.publicJwk) });
      }
    }
    response.writeHead(404).end();
  };

  const server: Server =
    options.tls === true ? createHttpsServer({ cert: FIXTURE_CERT, key: FIXTURE_KEY }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `${options.tls === true ? 'https' : 'http'}://127.0.0.1:${port}`;
  const issuer = `${base}/realm`;

  return {
    issuer,
    providerUrl: issuer.replace(/^https?:\/\//, ''),
    published,
    get mode() {
      return state.mode;
    },
    set mode(value: IssuerMode) {
      state.mode = value;
    },
    requests,
    async sign(claims, signOptions = {}) {
      const key = signOptions.key ?? published[0];
      if (key === undefined) throw new Error('no signing key');
      const kid = signOptions.kid === undefined ? key.kid : signOptions.kid;
      const header = kid === null ? { alg: key.alg, typ: 'JWT' } : { alg: key.alg, typ: 'JWT', kid };
      return new SignJWT({ iss: issuer, ...claims }).setProtectedHeader(header).sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
