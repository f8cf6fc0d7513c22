// The authorization API on the Keyward endpoint (docs/authorize.md):
//   /keyward/authorize/v1/services[/PREFIX]          service definitions (create, list, get, update, delete)
//   /keyward/authorize/v1/services/PREFIX/decisions  verify a forwarded client request and decide its checks
//   /access/v1/evaluation[s], /.well-known/authzen-configuration   OpenID AuthZEN 1.0
//   /keyward/ext-authz/PREFIX/...                    Envoy ext_authz (HTTP service), by the definition's route table
// The asking party signs with SigV4 for service `keyward` and must be allowed the Keyward
// action (keyward-caller.ts); ext_authz trusts the network path from Envoy instead.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildApiCallRecord } from '../../audit/record/build-record.js';
import { newEventId } from '../../audit/record/event-id.js';
import { userIdentityOf } from '../../audit/record/user-identity.js';
import type { SigV4Headers } from '../../auth/sigv4/index.js';
import type { ServerDeps } from '../../server/deps.js';
import { decideNamed, serviceAt, UnknownServiceError, verifyAndDecide, type AuthorizeDeps } from '../authorize-request.js';
import { DefinedServices } from '../catalogue/defined-services.js';
import { checkDefinition, storedDefinition, upsertDefinition } from '../definition-store.js';
import { PREFIX_PATTERN } from '../definition/parse-definition.js';
import { InvalidCheckError } from '../decide/decide-checks.js';
import { askingCaller, serviceDefinitionArn, type AskingCaller, type AskingRequest } from './keyward-caller.js';
import { errorAnswer, failureAnswer, jsonAnswer, type JsonAnswer } from './json-answer.js';
import { checksOf, forwardedRequestOf, generationOf, parseBody } from './wire-input.js';
import { authzenConfiguration, evaluateAuthzen } from './authzen.js';
import { extAuthz, EXT_AUTHZ_PATH } from './ext-authz.js';

export const AUTHORIZE_PATH = '/keyward/authorize/v1';

/** The Keyward actions of this API, for policies (docs/authorize.md). */
export const KEYWARD_ACTIONS = {
  authorize: 'keyward:Authorize',
  create: 'keyward:CreateServiceDefinition',
  get: 'keyward:GetServiceDefinition',
  list: 'keyward:ListServiceDefinitions',
  update: 'keyward:UpdateServiceDefinition',
  delete: 'keyward:DeleteServiceDefinition',
} as const;

function askingRequest(req: FastifyRequest): AskingRequest {
  const q = req.url.indexOf('?');
  return {
    method: req.method,
    path: q < 0 ? req.url : req.url.slice(0, q),
    query: q < 0 ? '' : req.url.slice(q + 1),
    headers: req.raw.headersDistinct as SigV4Headers,
    body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    sourceIp: req.ip,
    secure: req.protocol === 'https',
  };
}

async function send(reply: FastifyReply, answer: JsonAnswer): Promise<void> {
  await reply.code(answer.status).headers(answer.headers).send(answer.body);
}

function checkedPrefix(prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) throw new InvalidCheckError(`${JSON.stringify(prefix)} is not a service prefix`);
  return prefix;
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
  const log = (error: unknown): void => deps.log.error({ err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 'authorize: internal failure');
  const route =
    (run: (req: FastifyRequest, params: Record<string, string>) => Promise<JsonAnswer>) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      let answer: JsonAnswer;
      try {
        answer = await run(req, req.params as Record<string, string>);
      } catch (error) {
        answer = failureAnswer(error, log);
      }
      await send(reply, answer);
    };
  /**
   * Definition changes go to the audit trail as Keyward's own events (buffered, as the trail's
   * reads are: not in the change's transaction), refusals included.
   */
  const audited = async <T>(req: FastifyRequest, asking: AskingCaller, action: string, prefix: string, run: () => Promise<T>): Promise<T> => {
    const trail = deps.trail;
    const record = (error?: { code: string; message: string }): void => {
      if (trail === undefined) return;
      const now = deps.clock();
      const userAgent = req.headers['user-agent'];
      const base = buildApiCallRecord(undefined, {
        service: 'keyward',
        action: action.slice('keyward:'.length),
        identity: userIdentityOf(asking.caller),
        recipientAccountId: asking.caller.accountId,
        time: now,
        region: asking.region,
        sourceIp: req.ip,
        ...(typeof userAgent === 'string' && { userAgent }),
        requestId: req.id,
        eventId: newEventId(now.getTime()),
        ...(error !== undefined && { error }),
      });
      trail.enqueue({ record: { ...base, eventSource: 'keyward', requestParameters: { name: prefix } }, time: now });
    };
    try {
      const result = await run();
      record();
      return result;
    } catch (error) {
      const answer = failureAnswer(error, () => undefined);
      const parsed = JSON.parse(answer.body) as { __type?: string; message?: string };
      record({ code: parsed.__type ?? 'InternalFailure', message: parsed.message ?? '' });
      throw error;
    }
  };
  /** The owner of an existing definition, else the caller's own account (a create, or a name that does not exist). */
  const ownerOf = async (prefix: string, fallback: string, generation: number): Promise<string> =>
    (await core.definitions.current(generation)).byPrefix.get(prefix)?.accountId ?? fallback;
  const view = (prefix: string, stored: { accountId: string; document: string; createDate: Date; updateDate: Date }): Record<string, unknown> => ({
    arn: serviceDefinitionArn(stored.accountId, prefix),
    definition: JSON.parse(stored.document) as unknown,
    createDate: stored.createDate.toISOString(),
    updateDate: stored.updateDate.toISOString(),
  });

  app.post(`${AUTHORIZE_PATH}/services`, route(async (req) => {
    const asking = await askingCaller(deps, askingRequest(req));
    const body = parseBody(askingRequest(req).body);
    const definition = await checkDefinition(body.definition ?? body);
    return audited(req, asking, KEYWARD_ACTIONS.create, definition.Name, async () => {
      await asking.authorize(KEYWARD_ACTIONS.create, serviceDefinitionArn(asking.caller.accountId, definition.Name));
      const stored = storedDefinition(definition, asking.caller.accountId, deps.clock());
      await deps.store.write((tx) => tx.serviceDefinitions.insert(stored));
      return jsonAnswer(201, view(definition.Name, stored));
    });
  }));

  app.get(`${AUTHORIZE_PATH}/services`, route(async (req) => {
    const asking = await askingCaller(deps, askingRequest(req));
    await asking.authorize(KEYWARD_ACTIONS.list, '*');
    const all = await deps.store.read((tx) => tx.serviceDefinitions.list());
    return jsonAnswer(200, {
      services: all.map((d) => ({ name: d.prefix, signingName: d.signingName, arn: serviceDefinitionArn(d.accountId, d.prefix), updateDate: d.updateDate.toISOString() })),
    });
  }));

  app.get(`${AUTHORIZE_PATH}/services/:prefix`, route(async (req, params) => {
    const prefix = checkedPrefix(params.prefix ?? '');
    const asking = await askingCaller(deps, askingRequest(req));
    await asking.authorize(KEYWARD_ACTIONS.get, serviceDefinitionArn(await ownerOf(prefix, asking.caller.accountId, asking.generation), prefix));
    const stored = await deps.store.read((tx) => tx.serviceDefinitions.get(prefix));
    if (stored === undefined) return errorAnswer('NoSuchEntity', 404, `The service definition ${prefix} cannot be found.`);
    return jsonAnswer(200, view(prefix, stored));
  }));

  app.put(`${AUTHORIZE_PATH}/services/:prefix`, route(async (req, params) => {
    const prefix = checkedPrefix(params.prefix ?? '');
    const asking = await askingCaller(deps, askingRequest(req));
    const body = parseBody(askingRequest(req).body);
    const definition = await checkDefinition(body.definition ?? body);
    if (definition.Name !== prefix) return errorAnswer('ValidationError', 400, `The definition's Name ${definition.Name} is not ${prefix}.`);
    const owner = await ownerOf(prefix, asking.caller.accountId, asking.generation);
    return audited(req, asking, KEYWARD_ACTIONS.update, prefix, async () => {
      await asking.authorize(KEYWARD_ACTIONS.update, serviceDefinitionArn(owner, prefix));
      const exists = await deps.store.read((tx) => tx.serviceDefinitions.get(prefix));
      if (exists === undefined) throw new UnknownServiceError(`The service definition ${prefix} cannot be found.`);
      await upsertDefinition(deps.store, definition, owner, deps.clock());
      const stored = await deps.store.read((tx) => tx.serviceDefinitions.get(prefix));
      if (stored === undefined) throw new UnknownServiceError(`The service definition ${prefix} cannot be found.`);
      return jsonAnswer(200, view(prefix, stored));
    });
  }));

  app.delete(`${AUTHORIZE_PATH}/services/:prefix`, route(async (req, params) => {
    const prefix = checkedPrefix(params.prefix ?? '');
    const asking = await askingCaller(deps, askingRequest(req));
    const owner = await ownerOf(prefix, asking.caller.accountId, asking.generation);
    return audited(req, asking, KEYWARD_ACTIONS.delete, prefix, async () => {
      await asking.authorize(KEYWARD_ACTIONS.delete, serviceDefinitionArn(owner, prefix));
      const deleted = await deps.store.write((tx) => tx.serviceDefinitions.delete(prefix));
      if (!deleted) throw new UnknownServiceError(`The service definition ${prefix} cannot be found.`);
      return { status: 204, headers: {}, body: '' };
    });
  }));

  app.post(`${AUTHORIZE_PATH}/services/:prefix/decisions`, route(async (req, params) => {
    const prefix = checkedPrefix(params.prefix ?? '');
    const raw = askingRequest(req);
    const asking = await askingCaller(deps, raw);
    const service = await serviceAt(core, prefix, asking.generation).catch(() => undefined);
    // One service cannot ask about another's actions unless allowed: the resource names the service.
    await asking.authorize(KEYWARD_ACTIONS.authorize, serviceDefinitionArn(service?.accountId ?? asking.caller.accountId, prefix));
    const body = parseBody(raw.body);
    const atLeast = generationOf(body.atLeastGeneration);
    const answer = await verifyAndDecide(core, {
      service: prefix,
      request: forwardedRequestOf(body.request),
      checks: checksOf(body.checks),
      ...(atLeast !== undefined && { atLeastGeneration: atLeast }),
    });
    return jsonAnswer(200, answer, { 'x-keyward-generation': String(answer.generation) });
  }));

  app.get('/.well-known/authzen-configuration', async (req, reply) => {
    await send(reply, jsonAnswer(200, authzenConfiguration(`${req.protocol}://${req.headers.host ?? 'localhost'}`)));
  });
  for (const path of ['/access/v1/evaluation', '/access/v1/evaluations']) {
    app.post(path, route(async (req) => {
      const raw = askingRequest(req);
      const asking = await askingCaller(deps, raw);
      return evaluateAuthzen(core, asking, parseBody(raw.body), { batch: path.endsWith('s'), decideNamed });
    }));
  }

  app.all(`${EXT_AUTHZ_PATH}/:prefix`, (req, reply) => extAuthz(core, req, reply, log));
  app.all(`${EXT_AUTHZ_PATH}/:prefix/*`, (req, reply) => extAuthz(core, req, reply, log));
}
