// Envoy's ext_authz HTTP service: Envoy sends the client request's method, path (after
// path_prefix), headers and, if configured, body; the definition's route table maps method +
// path to action and resource. Allowed: 200 with headers naming the caller, which Envoy passes
// upstream (allowed_upstream_headers); denied: the status, headers and AWS-shaped body Envoy
// gives the client. Envoy is trusted by network placement (docs/authorize.md).

import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { serviceAt, verifyAndDecide, type AuthorizeDeps } from '../authorize-request.js';
import { matchRoute, routeResource } from '../definition/route-pattern.js';
import { clientRefusal } from './denial-body.js';
import type { ServiceDefinition } from '../definition/service-definition.js';
import { ENCODED_MESSAGE_HEADER } from '../../services/sts/authz-message-seal.js';

export const EXT_AUTHZ_PATH = '/keyward/ext-authz';

/** Headers the allowed answer sets for the upstream service (Envoy overwrites any the client sent). */
export const UPSTREAM_HEADERS = {
  principalArn: 'x-keyward-principal-arn',
  account: 'x-keyward-account',
  principalId: 'x-keyward-principal-id',
  action: 'x-keyward-action',
  generation: 'x-keyward-generation',
  payloadSha256: 'x-keyward-payload-sha256',
  streaming: 'x-keyward-streaming',
} as const;

function headerList(req: FastifyRequest): [string, string][] {
  const pairs: [string, string][] = [];
  const raw = req.raw.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return pairs;
}

export async function extAuthz(core: AuthorizeDeps, req: FastifyRequest, reply: FastifyReply, log: (error: unknown) => void): Promise<void> {
  const { prefix = '' } = req.params as { prefix?: string };
  const q = req.url.indexOf('?');
  const fullPath = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? '' : req.url.slice(q + 1);
  const clientPath = fullPath.slice(`${EXT_AUTHZ_PATH}/${prefix}`.length) || '/';
  const refuse = async (definition: ServiceDefinition | undefined, code: string, status: number, message: string, extra: Record<string, string> = {}): Promise<void> => {
    const r = clientRefusal(definition?.Signing.UriEncoding === 's3' ? 'xml' : 'json', code, status, message);
    await reply.code(r.status).headers({ ...r.headers, ...extra }).send(r.body);
  };
  try {
    await core.store.syncGeneration();
    const service = await serviceAt(core, prefix, core.store.generation()).catch(() => undefined);
    if (service === undefined) return refuse(undefined, 'AccessDenied', 403, 'Access Denied');
    const route = matchRoute(service.definition.Routes, req.method, clientPath);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // The client's address and scheme as Envoy saw them.
    const forwardedFor = req.headers['x-forwarded-for'];
    const sourceIp = (typeof forwardedFor === 'string' ? forwardedFor.split(',')[0]?.trim() : undefined) || req.ip;
    const secure = req.headers['x-forwarded-proto'] === 'https';
    const request = {
      method: req.method,
      path: clientPath,
      query,
      headers: headerList(req).filter(([name]) => !name.toLowerCase().startsWith('x-envoy-')),
      ...(body.length > 0 ? { payloadSha256: createHash('sha256').update(body).digest('hex') } : {}),
      sourceIp,
      secure,
    };
    if (route === undefined) {
      return refuse(service.definition, 'AccessDenied', 403, `No route of service ${service.definition.Name} matches ${req.method} ${clientPath}.`);
    }
    const answer = await verifyAndDecide(core, {
      service: prefix,
      request,
      checks: [{ action: route.route.Action, resource: routeResource(route, service.accountId) }],
    });
    if (!answer.authenticated) return refuse(service.definition, answer.error.code, answer.error.status, answer.error.message);
    const decision = answer.decisions[0];
    if (decision === undefined || decision.decision !== 'Allow') {
      return refuse(service.definition, 'AccessDenied', 403, decision?.message ?? 'Access Denied', decision?.encodedMessage !== undefined ? { [ENCODED_MESSAGE_HEADER]: decision.encodedMessage } : {});
    }
    const payload = answer.payload;
    await reply
      .code(200)
      .headers({
        [UPSTREAM_HEADERS.principalArn]: answer.caller.arn,
        [UPSTREAM_HEADERS.account]: answer.caller.account,
        [UPSTREAM_HEADERS.principalId]: answer.caller.principalId,
        [UPSTREAM_HEADERS.action]: decision.action,
        [UPSTREAM_HEADERS.generation]: String(answer.generation),
        ...(payload?.mode === 'sha256' && { [UPSTREAM_HEADERS.payloadSha256]: payload.sha256 }),
        ...(payload?.mode === 'streaming' && { [UPSTREAM_HEADERS.streaming]: Buffer.from(JSON.stringify(payload.streaming)).toString('base64') }),
      })
      .send('');
  } catch (error) {
    log(error);
    await refuse(undefined, 'InternalFailure', 500, 'We encountered an internal error. Please try again.');
  }
}
