// One IAM/STS request end to end: route, verify SigV4, decode, resolve the caller,
// authorize every check with the engine, run the action, encode AWS-shaped XML.

import { randomUUID } from 'node:crypto';
import { credentialScopeService, verifySigV4, type SigV4Headers } from '../auth/sigv4/index.js';
import type { Caller } from '../auth/caller.js';
import { IamError, toIamError } from '../protocol/errors.js';
import { loadServiceModel, serviceForApiVersion, type ServiceName } from '../protocol/model/service-model.js';
import { decodeQueryRequest } from '../protocol/query/decode.js';
import { encodeError, encodeResult, XML_CONTENT_TYPE } from '../protocol/xml/encode.js';
import { enforce, globalKeys } from '../services/authorize-call.js';
import { findOperation } from '../services/registry.js';
import type { ServiceContext } from '../services/operation.js';
import type { ServerDeps } from './deps.js';
import { checkSessionLimits } from '../services/sts/session-limits.js';
import { encodeAuthorizationMessage } from '../services/sts/authz-message-seal.js';
import { bindRequestOrigin, originOf } from '../services/sts/outbound-issuer.js';
import { recordServiceAccess } from '../services/iam/access-advisor/record.js';
import { requestStore } from './request-store.js';
import { storeFailure } from './store-errors.js';
import { recordCredentialUse, type CallerRecord } from './resolve-caller.js';
import { anonymousCaller, isUnsignedFederationCall, UNSIGNED_REGION } from './unsigned-federation.js';

export interface RawRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly headers: SigV4Headers;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly secure: boolean;
  /** The id fastify gave the request (its log lines carry it); a fresh one when absent. */
  readonly requestId?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What the request log line and the metrics say about a request; nothing secret. */
export interface RequestInfo {
  readonly service: ServiceName;
  /** An action from the operation registry, or `unknown`. */
  action: string;
  /** The verified caller's ARN; absent for unsigned and refused requests. */
  callerArn?: string;
}

export async function handleRequest(deps: ServerDeps, req: RawRequest, info?: (info: RequestInfo) => void): Promise<RawResponse> {
  const requestId = req.requestId ?? randomUUID();
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
  const params = new URLSearchParams(rawQuery);
  if (req.method === 'POST') for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v);

  const scoped = credentialScopeService(req.headers, rawQuery);
  const service: ServiceName = scoped === 'sts' || scoped === 'iam' ? scoped : (serviceForApiVersion(params.get('Version')) ?? 'iam');
  const model = loadServiceModel(service);
  // Named already for refusals before decoding (a bad signature), but only with a registry name.
  const named = params.get('Action');
  const described: RequestInfo = { service, action: named !== null && findOperation(service, named) !== undefined ? named : 'unknown' };
  info?.(described);
  const reply = (status: number, body: string): RawResponse => ({
    status,
    headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body,
  });
  const fail = (error: IamError): RawResponse => {
    const res = reply(error.status, encodeError(model, error, requestId));
    // An AccessDenied's sealed authorization message goes out beside the unchanged AWS body.
    return error.headers === undefined ? res : { ...res, headers: { ...error.headers, ...res.headers } };
  };

  try {
    const now = deps.clock();
    // AssumeRoleWithWebIdentity and AssumeRoleWithSAML may come unsigned, as in AWS.
    const unsigned = isUnsignedFederationCall(service, params.get('Action'), req.headers, rawQuery);
    // The caches (caller-cache.ts) then reflect every write committed before this request, on
    // any node; the request uses this one generation throughout.
    if (!unsigned) await deps.store.syncGeneration();
    const generation = deps.store.generation();
    const verified = unsigned ? undefined : await verifySigV4<CallerRecord>(
      { method: req.method, path, query: rawQuery, headers: req.headers, body: req.body },
      {
        now: () => now,
        // IAM and STS requests always sign their body; an unsigned payload would let anyone who
        // saw one request replay its headers with another body for 15 minutes.
        allowUnsignedPayload: false,
        lookupSecret: (id, context) =>
          deps.callers.lookup(id, { now, generation, ...(context.securityToken !== undefined && { securityToken: context.securityToken }) }),
      },
    );
    if (verified !== undefined && !verified.ok) return fail(new IamError(verified.error.code as never, verified.error.message));
    const record = verified?.value.record;
    const region = verified?.value.region ?? UNSIGNED_REGION;

    // The signature covers every value of a repeated name but decoding reads one: refuse the ambiguity.
    const duplicate = firstDuplicateName(params);
    if (duplicate !== undefined) return fail(new IamError('ValidationError', `The parameter ${duplicate} appears more than once.`));
    const decoded = decodeQueryRequest(params, model);
    if (!decoded.ok) return fail(decoded.error);
    const action = decoded.operation.name;
    const operation = findOperation(service, action);
    if (operation === undefined) {
      return fail(new IamError('NotImplemented', `${action} is not implemented by Keyward yet.`));
    }
    described.action = action;

    const caller: Caller = record === undefined ? anonymousCaller() : await deps.callers.resolve(record, generation);
    if (record !== undefined) described.callerArn = caller.principal.arn;
    // Access advisor counts every authenticated attempt, denied ones included, as AWS does.
    recordServiceAccess(deps.store, caller, { service, action, region, date: now });
    checkSessionLimits(caller, service, action);
    if (record !== undefined) recordCredentialUse(deps.store, caller, { date: now, service, region });
    // Loaded before the checks open the request's snapshot: a request holds one store
    // connection at a time (a PostgreSQL pool shared by requests holding two could deadlock).
    const policies = record !== undefined && caller.principal.type !== 'Root' ? await deps.callers.policies(caller, generation) : undefined;
    // Checks and run read one snapshot, until the operation writes (request-store.ts).
    const store = requestStore(deps.store);
    const ctx: ServiceContext = {
      store,
      caller,
      accountId: caller.accountId,
      now,
      random: deps.random,
      secrets: deps.secrets,
      requestId,
      region,
    };
    // Outbound federation answers issuer URLs on the host the client reached (outbound-issuer.ts).
    bindRequestOrigin(ctx, originOf(req.secure, firstHeader(req.headers.host)));
    try {
      const checks = await operation.checks(decoded.input, ctx);
      // The root user may do anything in its own account; everyone else goes through the engine.
      if (checks.length > 0 && caller.principal.type !== 'Root') {
        const userAgent = firstHeader(req.headers['user-agent']);
        const base = globalKeys(caller, {
          sourceIp: req.sourceIp,
          secureTransport: req.secure,
          now,
          region,
          ...(userAgent !== undefined && { userAgent }),
        });
        // An unsigned caller has no policies: the engine denies it as AWS words it.
        enforce(caller, policies ?? { identity: [] }, checks, `${service}:${action}`, base, {
          sealMessage: (message) => encodeAuthorizationMessage(deps.secrets, caller.accountId, message),
          ...(deps.metrics !== undefined && { onDecision: deps.metrics.decision.bind(deps.metrics) }),
        });
      }
      if (operation.readsUsage === true) await store.flushUsage();
      const output = await operation.run(decoded.input, ctx);
      return reply(200, encodeResult(model, decoded.operation, output ?? {}, requestId));
    } finally {
      await store.end();
    }
  } catch (error) {
    const iamError = storeFailure(error) ?? toIamError(error);
    if (iamError.code === 'InternalFailure') deps.log.error({ requestId, err: describe(error) }, 'internal failure');
    return fail(iamError);
  }
}

function firstHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}

function firstDuplicateName(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
