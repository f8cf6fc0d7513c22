// IAM and STS form POSTs straight from node:http, ahead of fastify, when nothing hooks into
// requests (no logger, no metrics: `keyward serve --log-level silent`). Fastify's routing,
// request and reply objects, content-type parser and async handler wrapping cost about a
// quarter of a signed GetUser (bench/SERVER.md) and add nothing to these requests: the same
// pipeline (pipeline.ts) answers them with the same status, headers and body. Everything else
// (GET, JSON 1.1 services, the console, probes, bodies without a Content-Length, a trusted
// proxy's addresses, requests while closing) still goes through fastify.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { IamError } from '../protocol/errors.js';
import { loadServiceModel } from '../protocol/model/service-model.js';
import { encodeError, XML_CONTENT_TYPE } from '../protocol/xml/encode.js';
import type { ServerDeps } from './deps.js';
import { queryWire } from './handle-request.js';
import { runCall, type RawRequest, type RawResponse } from './pipeline.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface DirectRouteOptions {
  readonly bodyLimit: number;
  /** True once the server is closing: fastify then answers (503, connection close). */
  readonly closing: () => boolean;
}

/** Puts the direct route in front of the listener fastify installed on `server`. */
export function serveQueryDirectly(server: Server, deps: ServerDeps, options: DirectRouteOptions): void {
  const listeners = server.listeners('request') as RequestListener[];
  const fastify = listeners[0];
  if (listeners.length !== 1 || fastify === undefined) return;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!takes(req, options)) {
      fastify.call(server, req, res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client that goes away mid-body gets no answer, as with fastify.
    req.on('error', () => undefined);
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      void answer(deps, req, res, body);
    });
  });
}

/** A form POST to `/` with a declared length within the limit, for IAM or STS (no X-Amz-Target). */
function takes(req: IncomingMessage, options: DirectRouteOptions): boolean {
  if (req.method !== 'POST' || req.url !== '/' || options.closing()) return false;
  const headers = req.headers;
  if (headers['x-amz-target'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  if (length === undefined) return false;
  const bytes = Number(length);
  return Number.isInteger(bytes) && bytes >= 0 && bytes <= options.bodyLimit;
}

async function answer(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  const requestId = randomUUID();
  let out: RawResponse;
  try {
    const raw: RawRequest = {
      method: 'POST',
      url: '/',
      headers: req.headersDistinct as Record<string, string[]>,
      body,
      sourceIp: req.socket.remoteAddress ?? '',
      secure: (req.socket as TLSSocket).encrypted === true,
      requestId,
    };
    out = await runCall(deps, raw, queryWire(raw));
  } catch {
    // runCall answers every failure itself; this is fastify's error handler's last resort.
    const failure = new IamError('InternalFailure', 'We encountered an internal error. Please try again.');
    out = { status: failure.status, headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body: encodeError(loadServiceModel('iam'), failure, requestId) };
  }
  if (res.destroyed) return;
  res.writeHead(out.status, { ...out.headers, 'content-length': Buffer.byteLength(out.body) });
  res.end(out.body);
}
