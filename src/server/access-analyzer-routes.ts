// IAM Access Analyzer on the endpoint: one fastify route per operation of the model (method +
// requestUri), each request run by the shared pipeline on the REST-JSON wire.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SigV4Headers } from '../auth/sigv4/index.js';
import { loadRestJsonServiceModel } from '../protocol/model/json-models.js';
import { restRoutes } from '../protocol/rest-json/routes.js';
import type { ServerDeps } from './deps.js';
import { runCall, type RawRequest } from './pipeline.js';
import { restJsonWire } from './rest-json-wire.js';

export function registerAccessAnalyzerRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const handler = async (req: FastifyRequest, res: FastifyReply): Promise<void> => {
    const raw: RawRequest = {
      method: req.method,
      url: req.url,
      headers: req.raw.headersDistinct as SigV4Headers,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      sourceIp: req.ip,
      secure: req.protocol === 'https',
      requestId: req.id,
    };
    const answer = await runCall(deps, raw, restJsonWire(raw), (info) => {
      req.keyward = info;
    });
    await res.code(answer.status).headers(answer.headers).send(answer.body);
  };
  const seen = new Set<string>();
  for (const route of restRoutes(loadRestJsonServiceModel('accessanalyzer'))) {
    const key = `${route.method} ${route.fastifyPath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    app.route({ method: route.method as 'GET', url: route.fastifyPath, handler });
  }
}
