// One JSON GET to an OIDC issuer (discovery document or JWKS) with node:http(s), so the TLS
// certificate can be checked against the provider's thumbprints (fetch cannot show it), an
// overall deadline, a size cap, and failures sorted into the kinds STS answers differently.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tlsTrust } from './tls-trust.js';

/** unreachable: connection failed or timed out; invalid-response: anything but 200 + JSON. */
export type JwksFetchErrorKind = 'unreachable' | 'invalid-response' | 'untrusted-certificate';

export class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
  readonly kind: JwksFetchErrorKind;

  constructor(kind: JwksFetchErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export interface FetchJsonOptions {
  readonly thumbprints: readonly string[];
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** The time TLS certificate validity is judged at. */
  readonly now: () => Date;
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy(new JwksFetchError('invalid-response', `response larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('aborted', () => reject(new JwksFetchError('unreachable', 'response aborted')));
  });
}

/** GETs `url` and parses its JSON body; rejects with a JwksFetchError and nothing else. */
export function fetchJson(url: URL, options: FetchJsonOptions): Promise<unknown> {
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') {
    return Promise.reject(new JwksFetchError('invalid-response', `unsupported URL scheme ${url.protocol}`));
  }
  return new Promise<unknown>((resolve, reject) => {
    let settled = false;
    let deadline: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const fail = (error: unknown): void =>
      settle(() =>
        reject(
          error instanceof JwksFetchError
            ? error
            : new JwksFetchError('unreachable', error instanceof Error ? error.message : String(error), { cause: error }),
        ),
      );

    const onResponse = (response: IncomingMessage): void => {
      if (secure && tlsTrust(response.socket as TLSSocket, url.hostname, options.thumbprints, options.now()) === 'untrusted') {
        response.destroy();
        fail(new JwksFetchError('untrusted-certificate', `untrusted TLS certificate for ${url.host}`));
        return;
      }
      if (response.statusCode !== 200) {
        response.resume();
        fail(new JwksFetchError('invalid-response', `${url.href} answered HTTP ${response.statusCode ?? 0}`));
        return;
      }
      readBody(response, options.maxBytes).then((body) => {
        try {
          const value: unknown = JSON.parse(body.toString('utf8'));
          settle(() => resolve(value));
        } catch (error) {
          fail(new JwksFetchError('invalid-response', `${url.href} did not answer JSON`, { cause: error }));
        }
      }, fail);
    };

    try {
      const headers = { accept: 'application/json' };
      // Certificates are judged by tlsTrust (public CA or pinned thumbprint), not by Node alone.
      const request = secure
        ? httpsRequest(url, { method: 'GET', agent: false, rejectUnauthorized: false, headers }, onResponse)
        : httpRequest(url, { method: 'GET', agent: false, headers }, onResponse);
      deadline = setTimeout(() => {
        const error = new JwksFetchError('unreachable', `no answer from ${url.host} within ${options.timeoutMs} ms`);
        request.destroy(error);
        fail(error);
      }, options.timeoutMs);
      request.on('error', fail);
      request.end();
    } catch (error) {
      fail(error);
    }
  });
}
