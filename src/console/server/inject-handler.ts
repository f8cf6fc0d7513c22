// The AWS SDK's request handler for console calls: instead of the network, fastify's
// app.inject, so a console call is a real SigV4-signed request through the same pipeline,
// authorization and audit as the aws CLI's, from the browser's address and over its transport.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpRequest, HttpResponse } from '@smithy/types';

/** Marks an injected console call; worth nothing without this process's secret. */
const MARK_HEADER = 'x-keyward-console-call';
const MARK = randomBytes(24).toString('base64url');

function markOf(secure: boolean): string {
  return `${MARK}.${secure ? 's' : 'p'}`;
}

/**
 * Makes an injected console call look like the browser's own request: `https` when the console
 * was reached over TLS (aws:SecureTransport), and the per-name header lists the endpoint reads
 * (light-my-request's requests have no headersDistinct).
 */
export function registerTransportMark(app: FastifyInstance): void {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const mark = req.headers[MARK_HEADER];
    if (typeof mark !== 'string') return;
    const given = Buffer.from(mark);
    const secure = given.length === markOf(true).length && timingSafeEqual(given, Buffer.from(markOf(true)));
    const plain = !secure && given.length === markOf(false).length && timingSafeEqual(given, Buffer.from(markOf(false)));
    if (!secure && !plain) return;
    const raw = req.raw as unknown as { headersDistinct?: Record<string, string[]>; headers: Record<string, string | string[] | undefined>; socket: { encrypted?: boolean } };
    if (secure) raw.socket.encrypted = true;
    if (raw.headersDistinct === undefined) {
      const distinct: Record<string, string[]> = {};
      for (const [name, value] of Object.entries(raw.headers)) {
        if (name !== MARK_HEADER && value !== undefined) distinct[name] = Array.isArray(value) ? value : [value];
      }
      raw.headersDistinct = distinct;
    }
  });
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryString(query: HttpRequest['query']): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null) parts.push(encode(key));
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encode(key)}=${encode(v)}`);
  }
  return parts.join('&');
}

export interface InjectedCall {
  /** Response headers of the last request (the sealed authorization message of an AccessDenied). */
  lastHeaders: Record<string, string>;
}

export class InjectHandler implements InjectedCall {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  lastHeaders: Record<string, string> = {};
  readonly #app: FastifyInstance;
  readonly #remoteAddress: string;
  readonly #secure: boolean;

  constructor(app: FastifyInstance, options: { readonly remoteAddress: string; readonly secure: boolean }) {
    this.#app = app;
    this.#remoteAddress = options.remoteAddress;
    this.#secure = options.secure;
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const qs = queryString(request.query);
    const headers: Record<string, string> = { ...request.headers };
    headers[MARK_HEADER] = markOf(this.#secure);
    const body: unknown = request.body;
    const payload = body === undefined || body === null ? undefined : typeof body === 'string' ? body : Buffer.from(body as Uint8Array);
    const res = await this.#app.inject({
      method: request.method as 'GET',
      url: `${request.path}${qs === '' ? '' : `?${qs}`}`,
      headers,
      remoteAddress: this.#remoteAddress,
      ...(payload !== undefined && { payload }),
    });
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    this.lastHeaders = out;
    return { response: { statusCode: res.statusCode, headers: out, body: Readable.from([res.rawPayload]) } };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
