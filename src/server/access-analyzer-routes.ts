// IAM Access Analyzer on the endpoint: a fastify route per operation of the model (method +
// requestUri), each request verified with SigV4 (signing name `access-analyzer`), its caller
// resolved, every check authorized by the engine, then the operation run and answered in
// REST-JSON. A minimal runner until the protocol-agnostic pipeline serves every wire.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller.js';
import { verifySigV4, type SigV4Headers } from '../auth/sigv4/index.js';
import { IamError } from '../protocol/errors.js';
import { JsonServiceError } from '../protocol/json/json-error.js';
import { loadRestJsonServiceModel } from '../protocol/model/json-models.js';
import { decodeRestJsonInput, encodeRestJsonOutput } from '../protocol/rest-json/codec.js';
import { asRestJsonError, validationException } from '../protocol/rest-json/rest-json-error.js';
import { matchRoute, restRoutes } from '../protocol/rest-json/routes.js';
import { POLICY_CHECK_OPERATIONS } from '../services/accessanalyzer/policy-checks.js';
import { enforce, globalKeys } from '../services/authorize-call.js';
import type { ServiceContext } from '../services/operation.js';
import type { ServerDeps } from './deps.js';
import type { RawRequest, RawResponse } from './handle-request.js';
import { recordCredentialUse, type CallerRecord } from './resolve-caller.js';
import { storeFailure } from './store-errors.js';

export const ACCESS_ANALYZER_SIGNING_NAME = 'access-analyzer';

function firstHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function reply(status: number, body: string, requestId: string, extra: Record<string, string> = {}): RawResponse {
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...extra }, body };
}

function failure(error: unknown, requestId: string): RawResponse {
  const stored = storeFailure(error);
  const json = asRestJsonError(stored ?? error);
  return reply(json.status, JSON.stringify({ message: json.message, ...json.fields }), requestId, { 'x-amzn-errortype': json.code });
}

export async function handleAccessAnalyzer(deps: ServerDeps, req: RawRequest): Promise<RawResponse> {
  const requestId = req.requestId ?? randomUUID();
  const model = loadRestJsonServiceModel('accessanalyzer');
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
  try {
    const now = deps.clock();
    await deps.store.syncGeneration();
    const generation = deps.store.generation();
    const verified = await verifySigV4<CallerRecord>(
      { method: req.method, path, query: rawQuery, headers: req.headers, body: req.body },
      {
        now: () => now,
        services: [ACCESS_ANALYZER_SIGNING_NAME],
        allowUnsignedPayload: false,
        lookupSecret: (id, context) => deps.callers.lookup(id, { now, generation, ...(context.securityToken !== undefined && { securityToken: context.securityToken }) }),
      },
    );
    if (!verified.ok) return failure(new IamError(verified.error.code as never, verified.error.message), requestId);
    const matched = matchRoute(model, req.method, path);
    if (matched === undefined) throw validationException(`No operation answers ${req.method} ${path}.`, 'unknownOperation');
    const action = matched.route.operation.name;
    const operation = Object.hasOwn(POLICY_CHECK_OPERATIONS, action) ? POLICY_CHECK_OPERATIONS[action] : undefined;
    if (operation === undefined) throw validationException(`${action} is not implemented by Keyward yet.`, 'notSupported');
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = firstHeader(v as string | string[] | undefined);
    const input = decodeRestJsonInput(model, matched.route.operation.input, { labels: matched.labels, query: new URLSearchParams(rawQuery), headers, body: req.body.toString('utf8') });

    const record = verified.value.record;
    const region = verified.value.region;
    const caller: Caller = await deps.callers.resolve(record, generation);
    recordCredentialUse(deps.store, caller, { date: now, service: ACCESS_ANALYZER_SIGNING_NAME, region });
    const policies = caller.principal.type !== 'Root' ? await deps.callers.policies(caller, generation) : undefined;
    const ctx: ServiceContext = { store: deps.store, caller, accountId: caller.accountId, now, random: deps.random, secrets: deps.secrets, requestId, region };
    const checks = await operation.checks(input, ctx);
    if (checks.length > 0 && caller.principal.type !== 'Root') {
      const userAgent = firstHeader(req.headers['user-agent']);
      const base = globalKeys(caller, { sourceIp: req.sourceIp, secureTransport: req.secure, now, region, ...(userAgent !== undefined && { userAgent }) });
      enforce(caller, policies ?? { identity: [] }, checks, `access-analyzer:${action}`, base, {
        ...(deps.metrics !== undefined && { onDecision: deps.metrics.decision.bind(deps.metrics) }),
      });
    }
    const output = (await operation.run(input, ctx)) ?? {};
    return reply(matched.route.operation.responseCode ?? 200, encodeRestJsonOutput(model, matched.route.operation.output, output), requestId);
  } catch (error) {
    if (!(error instanceof JsonServiceError) && !(error instanceof IamError) && storeFailure(error) === undefined) {
      deps.log.error({ requestId, err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 'internal failure');
    }
    return failure(error, requestId);
  }
}

/** One route per operation of the model; unimplemented ones answer AWS-shaped errors. */
export function registerAccessAnalyzerRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const handler = async (req: FastifyRequest, res: FastifyReply): Promise<void> => {
    const answer = await handleAccessAnalyzer(deps, {
      method: req.method,
      url: req.url,
      headers: req.raw.headersDistinct as SigV4Headers,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      sourceIp: req.ip,
      secure: req.protocol === 'https',
      requestId: req.id,
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
