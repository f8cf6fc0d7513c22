// The HTTP server: fastify with the raw body kept for SigV4, one route for IAM and STS, the
// health and readiness probes, and the public discovery documents of outbound web identity
// federation issuers. Each IAM/STS request gets one log line and its metrics when answered.

import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { LoggerOptions } from '../observability/log-format.js';
import { IamError } from '../protocol/errors.js';
import { loadServiceModel } from '../protocol/model/service-model.js';
import { encodeError, XML_CONTENT_TYPE } from '../protocol/xml/encode.js';
import { outboundDiscovery, type DiscoveryDocument } from '../services/sts/outbound-discovery.js';
import { OUTBOUND_FEDERATION_PATH, originOf } from '../services/sts/outbound-issuer.js';
import { registerAccessAnalyzerRoutes } from './access-analyzer-routes.js';
import { serveQueryDirectly } from './direct-query-route.js';
import type { ServerDeps } from './deps.js';
import { queryWire } from './handle-request.js';
import { JSON_CONTENT_TYPE, jsonServiceOf, jsonWire, unknownOperation } from './json-wire.js';
import { firstHeader, runCall, type RawRequest, type RequestInfo } from './pipeline.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerAuthorizeRoutes } from '../authorize/http/routes.js';
import { registerConsole, type ConsoleOptions } from '../console/server/plugin.js';
import type { TlsPair } from './tls.js';

const BODY_LIMIT = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the IAM/STS route for the request log line and metrics. */
    keyward: RequestInfo | null;
  }
}

export interface AppOptions {
  /** Fastify's (pino's) logger settings (observability/log-format.ts); false for none. */
  readonly logger: LoggerOptions | false;
  /** Proxies trusted for X-Forwarded-For/-Proto (config/trust-proxy.ts); none when absent. */
  readonly trustProxy?: readonly string[];
  /** Serve HTTPS with this certificate and key (replaced later with setSecureContext). */
  readonly tls?: TlsPair;
  /** The web console's settings (src/console/server). */
  readonly console?: ConsoleOptions;
}

export function buildApp(deps: ServerDeps, options: AppOptions): FastifyInstance {
  const app = Fastify({
    ...(options.trustProxy !== undefined && { trustProxy: [...options.trustProxy] }),
    ...(options.tls !== undefined && { https: { cert: options.tls.cert, key: options.tls.key } }),
    logger: options.logger === false ? false : { ...options.logger },
    // One line per request, written below with chosen fields, instead of fastify's two with the URL.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    // A slow client cannot hold a connection open forever (slowloris).
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    // With `https` fastify types the instance on https.Server; callers use only what both share.
  }) as unknown as FastifyInstance;
  app.decorateRequest('keyward', null);
  const hooked = options.logger !== false || deps.metrics !== undefined;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const raw: RawRequest = {
      method: req.method,
      url: req.url,
      headers: req.raw.headersDistinct as Record<string, string[]>,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      sourceIp: req.ip,
      secure: req.protocol === 'https',
      requestId: req.id,
    };
    const describe = (info: RequestInfo): void => {
      req.keyward = info;
    };
    // X-Amz-Target: a JSON 1.1 service (CloudTrail, EventBridge); otherwise IAM or STS's Query protocol.
    const target = firstHeader(raw.headers['x-amz-target']);
    const jsonService = target === undefined ? undefined : jsonServiceOf(raw);
    if (target !== undefined && jsonService === undefined) {
      const unknown = unknownOperation(target);
      await reply.code(unknown.status).headers({ 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': req.id }).send(unknown.body());
      return;
    }
    const wire = jsonService === undefined ? queryWire(raw) : jsonWire(raw, jsonService);
    const res = await runCall(deps, raw, wire, describe);
    // No hook to run: an XML answer goes to node:http as it is (fastify's reply pipeline would
    // parse its content type and add nothing: same status, headers and Content-Length).
    if (!hooked && res.headers['content-type'] === XML_CONTENT_TYPE) {
      reply.hijack();
      reply.raw.writeHead(res.status, { ...res.headers, 'content-length': Buffer.byteLength(res.body) });
      reply.raw.end(res.body);
      return;
    }
    await reply.code(res.status).headers(res.headers).send(res.body);
  };
  // Nothing to log or count (silent, no metrics): no hook on the hot path at all.
  if (hooked) app.addHook('onResponse', async (req, reply) => {
    const info = req.keyward;
    const durationMs = Math.round(reply.elapsedTime * 100) / 100;
    if (info === null) {
      // Probes and discovery documents: quiet unless debugging; the path never has a query string.
      req.log.debug({ method: req.method, path: req.routeOptions.url ?? 'unmatched', status: reply.statusCode, durationMs, sourceIp: req.ip }, 'request');
      return;
    }
    deps.metrics?.request(info.service, info.action, reply.statusCode, durationMs / 1000);
    req.log.info(
      {
        service: info.service,
        action: info.action,
        status: reply.statusCode,
        durationMs,
        ...(info.callerArn !== undefined && info.callerArn !== '' && { caller: info.callerArn }),
        sourceIp: req.ip,
      },
      'request',
    );
  });
  // Failures before our handler runs (a body over the limit) still answer AWS-shaped XML.
  app.setErrorHandler(async (error: { statusCode?: number }, req, reply) => {
    const tooLarge = error.statusCode === 413;
    const failure = tooLarge
      ? new IamError('ValidationError', `Request body exceeds the maximum size of ${BODY_LIMIT} bytes.`)
      : typeof error.statusCode === 'number' && error.statusCode < 500
        ? new IamError('MalformedQueryString', 'The request could not be read.')
        : new IamError('InternalFailure', 'We encountered an internal error. Please try again.');
    req.keyward ??= { service: 'iam', action: 'unknown' };
    await reply
      .code(failure.status)
      .headers({ 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': req.id })
      .send(encodeError(loadServiceModel('iam'), failure, req.id));
  });
  // Nothing hooks into requests: IAM and STS form POSTs skip fastify (direct-query-route.ts).
  if (!hooked && options.trustProxy === undefined) {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    serveQueryDirectly(app.server, deps, { bodyLimit: BODY_LIMIT, closing: () => closing });
  }
  app.post('/', handler);
  app.get('/', handler);
  registerHealthRoutes(app, deps.store);
  registerAccessAnalyzerRoutes(app, deps);
  registerAuthorizeRoutes(app, deps);
  registerConsole(app, deps, options.console);
  const discovery = (document: DiscoveryDocument) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { id } = req.params as { id: string };
    const answer = await outboundDiscovery(deps.store, id, originOf(req.protocol === 'https', req.headers.host), document);
    await reply.code(answer.status).headers({ 'content-type': 'application/json', 'cache-control': 'max-age=300' }).send(JSON.stringify(answer.body));
  };
  app.get(`${OUTBOUND_FEDERATION_PATH}/:id/.well-known/openid-configuration`, discovery('openid-configuration'));
  app.get(`${OUTBOUND_FEDERATION_PATH}/:id/.well-known/jwks.json`, discovery('jwks'));
  return app;
}
