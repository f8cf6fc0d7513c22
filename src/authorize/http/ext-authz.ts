// Envoy's ext_authz HTTP service: Envoy sends the client request's method, path (after
// path_prefix), headers and, if configured, body; the definition's route table maps method +
// path to action and resource. Allowed: 200 with headers naming the caller, which Envoy passes
// upstream (allowed_upstream_headers); denied: the status, headers and AWS-shaped body Envoy
// gives the client. Envoy is trusted by network placement (docs/authorize.md). The call runs
// through the request pipeline unsigned (keyward-operations.ts); each decision is recorded by
// the decision core.

import { createHash } from 'node:crypto';
import { ENCODED_MESSAGE_HEADER } from '../../services/sts/authz-message-seal.js';
import type { RawRequest } from '../../server/pipeline.js';
import { serviceAt, verifyAndDecide, type AuthorizeDeps } from '../authorize-request.js';
import { matchRoute, routeResource } from '../definition/route-pattern.js';
import type { ServiceDefinition } from '../definition/service-definition.js';
import { clientRefusal } from './denial-body.js';
import type { JsonAnswer } from './json-answer.js';

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

export interface ExtAuthzCall {
  readonly raw: RawRequest;
  readonly prefix?: string;
  /** The client's path: the request's path after `/keyward/ext-authz/PREFIX`. */
  readonly clientPath?: string;
  /** The client's headers in arrival order, as Envoy forwarded them. */
  readonly rawHeaders?: readonly (readonly [string, string])[];
  readonly requestId: string;
}

/** How a refusal reaches the client: S3's XML for `s3`-style services, else REST-JSON. */
export function extAuthzRefusal(definition: ServiceDefinition | undefined, code: string, status: number, message: string, extra: Record<string, string> = {}, requestId?: string): JsonAnswer {
  const r = clientRefusal(definition?.Signing.UriEncoding === 's3' ? 'xml' : 'json', code, status, message, requestId);
  return { status: r.status, headers: { ...r.headers, ...extra }, body: r.body };
}

const firstHeader = (value: string | readonly string[] | undefined): string | undefined => (typeof value === 'string' ? value : value?.[0]);

export async function extAuthzAnswer(core: AuthorizeDeps, call: ExtAuthzCall): Promise<JsonAnswer> {
  const { raw, requestId } = call;
  const prefix = call.prefix ?? '';
  const q = raw.url.indexOf('?');
  const query = q < 0 ? '' : raw.url.slice(q + 1);
  const clientPath = call.clientPath ?? '/';
  await core.store.syncGeneration();
  const service = await serviceAt(core, prefix, core.store.generation()).catch(() => undefined);
  if (service === undefined) return extAuthzRefusal(undefined, 'AccessDenied', 403, 'Access Denied', {}, requestId);
  const route = matchRoute(service.definition.Routes, raw.method, clientPath);
  // The client's address and scheme as Envoy saw them.
  const forwardedFor = firstHeader(raw.headers['x-forwarded-for']);
  const sourceIp = forwardedFor?.split(',')[0]?.trim() || raw.sourceIp;
  const secure = firstHeader(raw.headers['x-forwarded-proto']) === 'https';
  const request = {
    method: raw.method,
    path: clientPath,
    query,
    headers: (call.rawHeaders ?? []).filter(([name]) => !name.toLowerCase().startsWith('x-envoy-')).map(([n, v]) => [n, v] as const),
    ...(raw.body.length > 0 ? { payloadSha256: createHash('sha256').update(raw.body).digest('hex') } : {}),
    sourceIp,
    secure,
  };
  if (route === undefined) {
    return extAuthzRefusal(service.definition, 'AccessDenied', 403, `No route of service ${service.definition.Name} matches ${raw.method} ${clientPath}.`, {}, requestId);
  }
  const answer = await verifyAndDecide(core, {
    service: prefix,
    request,
    checks: [{ action: route.route.Action, resource: routeResource(route, service.accountId) }],
    synced: true,
    requestId,
  });
  if (!answer.authenticated) return extAuthzRefusal(service.definition, answer.error.code, answer.error.status, answer.error.message, {}, requestId);
  const decision = answer.decisions[0];
  if (decision === undefined || decision.decision !== 'Allow') {
    const sealed: Record<string, string> = decision?.encodedMessage !== undefined ? { [ENCODED_MESSAGE_HEADER]: decision.encodedMessage } : {};
    return extAuthzRefusal(service.definition, 'AccessDenied', 403, decision?.message ?? 'Access Denied', sealed, requestId);
  }
  const payload = answer.payload;
  return {
    status: 200,
    headers: {
      [UPSTREAM_HEADERS.principalArn]: answer.caller.arn,
      [UPSTREAM_HEADERS.account]: answer.caller.account,
      [UPSTREAM_HEADERS.principalId]: answer.caller.principalId,
      [UPSTREAM_HEADERS.action]: decision.action,
      [UPSTREAM_HEADERS.generation]: String(answer.generation),
      ...(payload?.mode === 'sha256' && { [UPSTREAM_HEADERS.payloadSha256]: payload.sha256 }),
      ...(payload?.mode === 'streaming' && { [UPSTREAM_HEADERS.streaming]: Buffer.from(JSON.stringify(payload.streaming)).toString('base64') }),
    },
    body: '',
  };
}
