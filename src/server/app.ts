// The HTTP server: fastify with the raw body kept for SigV4, one route for IAM and STS, and the
// public discovery documents of outbound web identity federation issuers.

import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { IamError } from '../protocol/errors.js';
import { loadServiceModel } from '../protocol/model/service-model.js';
import { encodeError, XML_CONTENT_TYPE } from '../protocol/xml/encode.js';
import { outboundDiscovery, type DiscoveryDocument } from '../services/sts/outbound-discovery.js';
import { OUTBOUND_FEDERATION_PATH, originOf } from '../services/sts/outbound-issuer.js';
import type { ServerDeps } from './deps.js';

const BODY_LIMIT = 1024 * 1024;
import { handleRequest } from './handle-request.js';

export interface AppOptions {
  readonly logger: boolean;
  /** Proxies trusted for X-Forwarded-For/-Proto (config/trust-proxy.ts); none when absent. */
  readonly trustProxy?: readonly string[];
}

export function buildApp(deps: ServerDeps, options: AppOptions): FastifyInstance {
  const app = Fastify({
    ...(options.trustProxy !== undefined && { trustProxy: [...options.trustProxy] }),
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers["x-amz-security-token"]'] } : false,
    bodyLimit: BODY_LIMIT,
    // A slow client cannot hold a connection open forever (slowloris).
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const handler = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply): Promise<void> => {
    const res = await handleRequest(deps, {
      method: req.method,
      url: req.url,
      headers: req.raw.headersDistinct as Record<string, string[]>,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      sourceIp: req.ip,
      secure: req.protocol === 'https',
    });
    await reply.code(res.status).headers(res.headers).send(res.body);
  };
  // Failures before our handler runs (a body over the limit) still answer AWS-shaped XML.
  app.setErrorHandler(async (error: { statusCode?: number }, _req, reply) => {
    const tooLarge = error.statusCode === 413;
    const failure = tooLarge
      ? new IamError('ValidationError', `Request body exceeds the maximum size of ${BODY_LIMIT} bytes.`)
      : typeof error.statusCode === 'number' && error.statusCode < 500
        ? new IamError('MalformedQueryString', 'The request could not be read.')
        : new IamError('InternalFailure', 'We encountered an internal error. Please try again.');
    const requestId = randomUUID();
    await reply
      .code(failure.status)
      .headers({ 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId })
      .send(encodeError(loadServiceModel('iam'), failure, requestId));
  });
  app.post('/', handler);
  app.get('/', handler);
  const discovery = (document: DiscoveryDocument) => async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { id } = req.params as { id: string };
    const answer = await outboundDiscovery(deps.store, id, originOf(req.protocol === 'https', req.headers.host), document);
    await reply.code(answer.status).headers({ 'content-type': 'application/json', 'cache-control': 'max-age=300' }).send(JSON.stringify(answer.body));
  };
  app.get(`${OUTBOUND_FEDERATION_PATH}/:id/.well-known/openid-configuration`, discovery('openid-configuration'));
  app.get(`${OUTBOUND_FEDERATION_PATH}/:id/.well-known/jwks.json`, discovery('jwks'));
  return app;
}
