// The HTTP server: fastify with the raw body kept for SigV4, one route for IAM and STS.

import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerDeps } from './deps.js';
import { handleRequest } from './handle-request.js';

export function buildApp(deps: ServerDeps, options: { readonly logger: boolean }): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers["x-amz-security-token"]'] } : false,
    bodyLimit: 1024 * 1024,
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
  app.post('/', handler);
  app.get('/', handler);
  return app;
}
