// Protecting a Node service in a few lines: a route maps each request to the checks it needs,
// the client asks Keyward about the request as received, and a refused request gets AWS's
// error (JSON, or XML for S3-style services). For node:http, Express/connect and fastify.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { DecisionAnswer } from '../authorize-request.js';
import type { CallerView } from '../decide/caller-view.js';
import type { Check, CheckDecision } from '../decide/decide-checks.js';
import { clientRefusal } from '../http/denial-body.js';
import { decodeAwsChunked } from '../verify/chunk-signature.js';
import type { ForwardedRequest } from '../verify/forwarded-request.js';
import type { AuthorizeClient } from './authorize-client.js';

/** What a route needs: one check, several (every one must allow), or none (the route is public). */
export type RouteChecks = Check | readonly Check[] | undefined;

export interface ProtectOptions {
  readonly client: AuthorizeClient;
  /** The checks for a request (its method and URL are there to route on). */
  readonly route: (req: IncomingMessage) => RouteChecks | Promise<RouteChecks>;
  /** `xml` answers refusals as S3 does; default `json`. */
  readonly errorFormat?: 'json' | 'xml';
  /** Read at most this much body (default 10 MiB); larger requests are refused. */
  readonly maxBodyBytes?: number;
  /** Take aws:SourceIp from X-Forwarded-For and TLS from X-Forwarded-Proto (behind a proxy you run). */
  readonly trustProxy?: boolean;
}

/** What a protected handler gets. */
export interface Authorized {
  readonly caller: CallerView;
  readonly decisions: readonly CheckDecision[];
  readonly generation: number;
  /** The body as the signature covers it (aws-chunked bodies decoded and every chunk checked). */
  readonly body: Buffer;
}

export type Outcome =
  | { readonly ok: true; readonly authorized: Authorized | undefined }
  | { readonly ok: false; readonly status: number; readonly headers: Record<string, string>; readonly body: string };

const NO_BODY = Buffer.alloc(0);
const EMPTY_SHA256 = createHash('sha256').update(NO_BODY).digest('hex');

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  // HTTP/1.x framing announces no body (a GET): there is nothing to read. (HTTP/2 needs no
  // Content-Length for a body, so its requests are always read.)
  const length = req.headers['content-length'];
  if (req.httpVersionMajor === 1 && req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) return NO_BODY;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) return undefined;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function rawHeaders(req: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
  return pairs;
}

function forwardedOf(req: IncomingMessage, body: Buffer, trustProxy: boolean): ForwardedRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const xff = req.headers['x-forwarded-for'];
  const proxied = trustProxy && typeof xff === 'string' ? xff.split(',')[0]?.trim() : undefined;
  const secure = trustProxy && req.headers['x-forwarded-proto'] !== undefined ? req.headers['x-forwarded-proto'] === 'https' : (req.socket as TLSSocket).encrypted === true;
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: rawHeaders(req),
    // The hash, not the body: Keyward stays off the data path.
    payloadSha256: body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(body).digest('hex'),
    sourceIp: proxied ?? req.socket.remoteAddress ?? '',
    secure,
  };
}

function refusal(options: ProtectOptions, code: string, status: number, message: string, extra: Record<string, string> = {}): Outcome {
  const r = clientRefusal(options.errorFormat ?? 'json', code, status, message);
  return { ok: false, status: r.status, headers: { ...r.headers, ...extra }, body: r.body };
}

/** Decides one request (the framework adapters below share it). The body is read here. */
export async function authorizeIncoming(options: ProtectOptions, req: IncomingMessage, body?: Buffer): Promise<Outcome> {
  const routed = await options.route(req);
  if (routed === undefined) return { ok: true, authorized: undefined };
  const checks: readonly Check[] = Array.isArray(routed) ? (routed as readonly Check[]) : [routed as Check];
  const raw = body ?? (await readBody(req, options.maxBodyBytes ?? 10 * 1024 * 1024));
  if (raw === undefined) return refusal(options, 'EntityTooLarge', 413, 'Your proposed upload exceeds the maximum allowed size.');
  let answer: DecisionAnswer;
  try {
    answer = await options.client.authorizeRequest({ request: forwardedOf(req, raw, options.trustProxy === true), checks });
  } catch {
    // Keyward unreachable or refusing the service itself: fail closed, as AWS does when it cannot decide.
    return refusal(options, 'ServiceUnavailable', 503, 'Please reduce your request rate.');
  }
  if (!answer.authenticated) return refusal(options, answer.error.code, answer.error.status, answer.error.message);
  const denied = answer.decisions.find((d) => d.decision !== 'Allow');
  if (denied !== undefined) {
    return refusal(options, 'AccessDenied', 403, denied.message ?? 'Access Denied', denied.encodedMessage !== undefined ? { 'x-keyward-encoded-authorization-message': denied.encodedMessage } : {});
  }
  let verifiedBody = raw;
  const payload = answer.payload;
  if (payload?.mode === 'streaming') {
    const decoded = decodeAwsChunked(raw, payload.streaming);
    if (!decoded.ok) return refusal(options, 'SignatureDoesNotMatch', 403, decoded.message);
    verifiedBody = decoded.body;
  }
  return { ok: true, authorized: { caller: answer.caller, decisions: answer.decisions, generation: answer.generation, body: verifiedBody } };
}

function write(res: ServerResponse, outcome: Extract<Outcome, { ok: false }>): void {
  res.writeHead(outcome.status, outcome.headers).end(outcome.body);
}

/** node:http: wraps a handler; refused requests never reach it. */
export function protect(
  options: ProtectOptions,
  handler: (req: IncomingMessage, res: ServerResponse, authorized: Authorized | undefined) => void | Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    authorizeIncoming(options, req).then(
      async (outcome) => {
        if (!outcome.ok) return write(res, outcome);
        await handler(req, res, outcome.authorized);
      },
      () => write(res, refusal(options, 'InternalFailure', 500, 'We encountered an internal error. Please try again.') as Extract<Outcome, { ok: false }>),
    );
  };
}

/** Express/connect: sets `req.keyward` (Authorized) and calls next() when allowed. Mount before any body parser. */
export function keywardExpress(options: ProtectOptions): (req: IncomingMessage & { keyward?: Authorized }, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    authorizeIncoming(options, req).then((outcome) => {
      if (!outcome.ok) return write(res, outcome);
      if (outcome.authorized !== undefined) req.keyward = outcome.authorized;
      next();
    }, next);
  };
}

/** The minimum of fastify's request and reply a preHandler hook uses, so fastify is not a dependency of callers. */
interface FastifyLikeRequest {
  readonly raw: IncomingMessage;
  readonly body?: unknown;
  keyward?: Authorized;
}
interface FastifyLikeReply {
  code(status: number): FastifyLikeReply;
  headers(values: Record<string, string>): FastifyLikeReply;
  send(body: string): unknown;
}

/**
 * fastify: a preHandler hook. Register a content type parser that keeps bodies as Buffers
 * (`parseAs: 'buffer'`) so the signed bytes are checked; `request.keyward` is set when allowed.
 */
export function keywardFastify(options: ProtectOptions): (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<void> {
  return async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const outcome = await authorizeIncoming(options, request.raw, body);
    if (!outcome.ok) {
      await reply.code(outcome.status).headers(outcome.headers).send(outcome.body);
      return;
    }
    if (outcome.authorized !== undefined) request.keyward = outcome.authorized;
  };
}
