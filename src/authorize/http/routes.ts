// The authorization API on the Keyward endpoint (docs/authorize.md):
//   /keyward/authorize/v1/services[/PREFIX]          service definitions (create, list, get, update, delete)
//   /keyward/authorize/v1/services/PREFIX/decisions  verify a forwarded client request and decide its checks
//   /access/v1/evaluation[s], /.well-known/authzen-configuration   OpenID AuthZEN 1.0
//   /keyward/ext-authz/PREFIX/...                    Envoy ext_authz (HTTP service), by the definition's route table
// Every call but the discovery document runs through the request pipeline (src/server/pipeline.ts)
// on the API's wire (keyward-wire.ts): the asking party signs with SigV4 for service `keyward` and
// must be allowed the Keyward action (keyward-operations.ts); ext_authz trusts the network path
// from Envoy instead.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SigV4Headers } from '../../auth/sigv4/index.js';
import type { ServerDeps } from '../../server/deps.js';
import { runCall, type RawRequest } from '../../server/pipeline.js';
import type { AuthorizeDeps } from '../authorize-request.js';
import { DefinedServices } from '../catalogue/defined-services.js';
import { authzenConfiguration } from './authzen.js';
import { EXT_AUTHZ_PATH } from './ext-authz.js';
import { jsonAnswer } from './json-answer.js';
import { KEYWARD_OPERATIONS, type KeywardOperation } from './keyward-model.js';
import { keywardWire } from './keyward-wire.js';

export const AUTHORIZE_PATH = '/keyward/authorize/v1';

/** The Keyward actions of this API, for policies (docs/authorize.md). */
export const KEYWARD_ACTIONS = {
  authorize: KEYWARD_OPERATIONS.Authorize,
  create: KEYWARD_OPERATIONS.CreateServiceDefinition,
  get: KEYWARD_OPERATIONS.GetServiceDefinition,
  list: KEYWARD_OPERATIONS.ListServiceDefinitions,
  update: KEYWARD_OPERATIONS.UpdateServiceDefinition,
  delete: KEYWARD_OPERATIONS.DeleteServiceDefinition,
} as const;

function rawRequest(req: FastifyRequest): RawRequest {
  return {
    method: req.method,
    url: req.url,
    headers: req.raw.headersDistinct as SigV4Headers,
    body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    sourceIp: req.ip,
    secure: req.protocol === 'https',
    requestId: req.id,
  };
}

function headerPairs(req: FastifyRequest): [string, string][] {
  const pairs: [string, string][] = [];
  const raw = req.raw.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return pairs;
}

export function registerAuthorizeRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const core: AuthorizeDeps = {
    store: deps.store,
    callers: deps.callers,
    secrets: deps.secrets,
    clock: deps.clock,
    definitions: new DefinedServices(deps.store),
    ...(deps.trail !== undefined && { trail: deps.trail }),
  };
  const handler =
    (operation: KeywardOperation) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const raw = rawRequest(req);
      const { prefix } = req.params as { prefix?: string };
      const extAuthz = operation === 'ExtAuthz';
      const path = extAuthz ? req.url.split('?')[0] ?? '' : '';
      const wire = keywardWire(raw, {
        operation,
        core,
        ...(prefix !== undefined && { prefix }),
        ...(extAuthz && { clientPath: path.slice(`${EXT_AUTHZ_PATH}/${prefix ?? ''}`.length) || '/', rawHeaders: headerPairs(req) }),
      });
      const answer = await runCall(deps, raw, wire, (info) => {
        req.keyward = info;
      });
      await reply.code(answer.status).headers(answer.headers).send(answer.body);
    };

  app.post(`${AUTHORIZE_PATH}/services`, handler('CreateServiceDefinition'));
  app.get(`${AUTHORIZE_PATH}/services`, handler('ListServiceDefinitions'));
  app.get(`${AUTHORIZE_PATH}/services/:prefix`, handler('GetServiceDefinition'));
  app.put(`${AUTHORIZE_PATH}/services/:prefix`, handler('UpdateServiceDefinition'));
  app.delete(`${AUTHORIZE_PATH}/services/:prefix`, handler('DeleteServiceDefinition'));
  app.post(`${AUTHORIZE_PATH}/services/:prefix/decisions`, handler('Authorize'));
  app.post('/access/v1/evaluation', handler('AccessEvaluation'));
  app.post('/access/v1/evaluations', handler('AccessEvaluations'));
  app.all(`${EXT_AUTHZ_PATH}/:prefix`, handler('ExtAuthz'));
  app.all(`${EXT_AUTHZ_PATH}/:prefix/*`, handler('ExtAuthz'));

  app.get('/.well-known/authzen-configuration', async (req, reply) => {
    const answer = jsonAnswer(200, authzenConfiguration(`${req.protocol}://${req.headers.host ?? 'localhost'}`));
    await reply.code(answer.status).headers(answer.headers).send(answer.body);
  });
}
