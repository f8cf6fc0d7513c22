// One signed call end to end, whatever its wire: verify SigV4, decode, resolve the caller,
// authorize every check with the engine, run the operation, record the call in the audit
// trail, encode the answer. A Wire (query-wire.ts for IAM and STS, json-wire.ts for the JSON
// 1.1 services, and one per further protocol) supplies the decoding and encoding; everything
// else is the same for every service on the endpoint.

import { randomUUID } from 'node:crypto';
import { verifySigV4, type SigV4Headers } from '../auth/sigv4/index.js';
import type { Caller } from '../auth/caller.js';
import { buildApiCallRecord, type AuditedCall } from '../audit/record/build-record.js';
import { newEventId } from '../audit/record/event-id.js';
import { isReadOnlyCall } from '../audit/record/read-only.js';
import { federatedIdentity, unverifiedIdentity, userIdentityOf } from '../audit/record/user-identity.js';
import type { UserIdentity } from '../audit/record/cloudtrail-record.js';
import { IamError, toIamError } from '../protocol/errors.js';
import { JsonServiceError } from '../protocol/json/json-error.js';
import type { ServiceModel } from '../protocol/model/service-model.js';
import type { WireObject } from '../protocol/wire-value.js';
import { enforce, globalKeys } from '../services/authorize-call.js';
import { findOperation } from '../services/registry.js';
import type { ServiceContext } from '../services/operation.js';
import { checkSessionLimits } from '../services/sts/session-limits.js';
import { encodeAuthorizationMessage } from '../services/sts/authz-message-seal.js';
import { bindRequestOrigin, originOf } from '../services/sts/outbound-issuer.js';
import { recordServiceAccess } from '../services/iam/access-advisor/record.js';
import type { ServerDeps } from './deps.js';
import { HeldWriteRetry, requestStore } from './request-store.js';
import { storeFailure } from './store-errors.js';
import { isTransactionConflict, TransactionConflictError } from '../storage/errors.js';
import { recordCredentialUse, type CallerRecord } from './resolve-caller.js';
import { anonymousCaller, UNSIGNED_REGION } from './unsigned-federation.js';

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
  /** The signing name: `iam`, `sts`, `cloudtrail`, `events`, ... */
  readonly service: string;
  /** An action from the operation registry, or `unknown`. */
  action: string;
  /** The verified caller's ARN; absent for unsigned and refused requests. */
  callerArn?: string;
}

/** A decoded call: the operation's name and its input. */
export interface DecodedCall {
  readonly action: string;
  readonly input: WireObject;
}

/** How one protocol reads requests and writes answers; the pipeline does the rest. */
export interface Wire {
  /** The signing name, which is also the registry's service key and the event source's prefix. */
  readonly service: string;
  readonly model: ServiceModel;
  /** The action named before decoding (for refusals and logs), if the request names one. */
  readonly namedAction: string | undefined;
  /** Accepted in the credential scope. */
  readonly scopeServices: readonly string[];
  /** Served without a signature (STS's web identity and SAML federation). */
  readonly unsigned: boolean;
  /** Reads the call, after the signature verified; throws the protocol's error when it cannot. */
  decode(): DecodedCall;
  result(call: DecodedCall, output: WireObject, requestId: string): RawResponse;
  /** An error thrown anywhere in the pipeline (IamError, the protocol's own, or anything) as the protocol answers it. */
  error(error: unknown, requestId: string): RawResponse;
  /** The code and message an error is recorded with in the trail. */
  describeError(error: unknown): { readonly code: string; readonly message: string };
}

/** A request whose store transaction conflicted at commit runs again, at most this often. */
const MAX_ATTEMPTS = 3;

export async function runCall(deps: ServerDeps, req: RawRequest, wire: Wire, info?: (info: RequestInfo) => void): Promise<RawResponse> {
  const requestId = req.requestId ?? randomUUID();
  const named = wire.namedAction;
  const described: RequestInfo = {
    service: wire.service,
    action: named !== undefined && findOperation(wire.service, named) !== undefined ? named : 'unknown',
  };
  info?.(described);
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
  const now = deps.clock();
  const trail = deps.trail;
  const userAgent = firstHeader(req.headers['user-agent']);
  // What the trail says about this call, filled in as the call gets further.
  const audit: {
    identity?: UserIdentity;
    account?: string;
    action?: string;
    input?: WireObject;
    region: string;
    /** Already in the trail (with the change a failed operation kept). */
    recorded?: boolean;
  } = { region: UNSIGNED_REGION };
  const record = (outcome: { output?: WireObject; error?: unknown }): ReturnType<typeof buildApiCallRecord> | undefined => {
    if (trail === undefined || audit.identity === undefined || audit.account === undefined || audit.account === '' || audit.action === undefined) return undefined;
    const call: AuditedCall = {
      service: wire.service,
      action: audit.action,
      identity: audit.identity,
      recipientAccountId: audit.account,
      time: now,
      region: audit.region,
      sourceIp: req.sourceIp,
      ...(userAgent !== undefined && { userAgent }),
      requestId,
      eventId: newEventId(now.getTime()),
      ...(audit.input !== undefined && { input: audit.input }),
      ...(outcome.output !== undefined && { output: outcome.output }),
      ...(outcome.error !== undefined && { error: wire.describeError(outcome.error) }),
    };
    return buildApiCallRecord(wire.model, call);
  };
  const refuse = (error: unknown): RawResponse => {
    const failed = audit.recorded === true ? undefined : record({ error });
    if (failed !== undefined) trail?.enqueue({ record: failed, time: now });
    return wire.error(error, requestId);
  };

  try {
    // The caches (caller-cache.ts) then reflect every write committed before this request, on
    // any node; the request uses this one generation throughout.
    if (!wire.unsigned) await deps.store.syncGeneration();
    const generation = deps.store.generation();
    // The account of the key a request claims, once verification looked it up.
    let claimed: { readonly accessKeyId: string; readonly accountId: string } | undefined;
    const verified = wire.unsigned
      ? undefined
      : await verifySigV4<CallerRecord>(
          { method: req.method, path, query: rawQuery, headers: req.headers, body: req.body },
          {
            now: () => now,
            services: wire.scopeServices,
            // Signed bodies only: an unsigned payload would let anyone who saw one request replay
            // its headers with another body for 15 minutes.
            allowUnsignedPayload: false,
            lookupSecret: async (id, context) => {
              const found = await deps.callers.lookup(id, { now, generation, ...(context.securityToken !== undefined && { securityToken: context.securityToken }) });
              claimed = found === undefined ? undefined : { accessKeyId: id, accountId: found.accountId };
              return found;
            },
          },
        );
    if (verified !== undefined && !verified.ok) {
      // Recorded in the account whose key was claimed, if it exists; the claim names nobody.
      if (claimed !== undefined && named !== undefined && findOperation(wire.service, named) !== undefined) {
        audit.identity = unverifiedIdentity(claimed.accessKeyId);
        audit.account = claimed.accountId;
        audit.action = named;
      }
      return refuse(new IamError(verified.error.code as never, verified.error.message));
    }
    const callerRecord = verified?.value.record;
    const region = verified?.value.region ?? UNSIGNED_REGION;
    audit.region = region;

    const call = wire.decode();
    const operation = findOperation(wire.service, call.action);
    if (operation === undefined) throw new IamError('NotImplemented', `${call.action} is not implemented by Keyward yet.`);
    described.action = call.action;

    const caller: Caller = callerRecord === undefined ? anonymousCaller() : await deps.callers.resolve(callerRecord, generation);
    if (callerRecord !== undefined) {
      described.callerArn = caller.principal.arn;
      audit.identity = userIdentityOf(caller);
      audit.account = caller.accountId;
    } else {
      audit.account = accountOfRoleArn(call.input.RoleArn);
    }
    audit.action = call.action;
    audit.input = call.input;
    // Access advisor counts every authenticated attempt, denied ones included, as AWS does.
    recordServiceAccess(deps.store, caller, { service: wire.service, action: call.action, region, date: now });
    checkSessionLimits(caller, wire.service, call.action);
    if (callerRecord !== undefined) recordCredentialUse(deps.store, caller, { date: now, service: wire.service, region });
    // Loaded before the checks open the request's snapshot: a request holds one store
    // connection at a time (a PostgreSQL pool shared by requests holding two could deadlock).
    const policies = callerRecord !== undefined && caller.principal.type !== 'Root' ? await deps.callers.policies(caller, generation) : undefined;
    // A change commits together with its event: the request holds its write transaction.
    const mutating = trail !== undefined && !isReadOnlyCall(wire.service, call.action);

    for (let attempt = 1; ; attempt += 1) {
      // Checks and run read one snapshot, until the operation writes (request-store.ts).
      const store = requestStore(deps.store, { holdWrites: mutating });
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
        const checks = await operation.checks(call.input, ctx);
        // The root user may do anything in its own account; everyone else goes through the engine.
        if (checks.length > 0 && caller.principal.type !== 'Root') {
          const base = globalKeys(caller, {
            sourceIp: req.sourceIp,
            secureTransport: req.secure,
            now,
            region,
            ...(userAgent !== undefined && { userAgent }),
          });
          // An unsigned caller has no policies: the engine denies it as AWS words it.
          enforce(caller, policies ?? { identity: [] }, checks, `${wire.service}:${call.action}`, base, {
            sealMessage: (message) => encodeAuthorizationMessage(deps.secrets, caller.accountId, message),
            ...(deps.metrics !== undefined && { onDecision: deps.metrics.decision.bind(deps.metrics) }),
          });
        }
        if (operation.readsUsage === true) await store.flushUsage();
        const output = (await operation.run(call.input, ctx)) ?? {};
        if (trail !== undefined) {
          if (callerRecord === undefined) audit.identity = federationIdentity(call.action, output);
          const done = record({ output });
          if (done !== undefined && store.holdsWrite) await store.commit((tx) => trail.appendChange(tx, { record: done, time: now }));
          else if (done !== undefined) trail.enqueue({ record: done, time: now });
        }
        return wire.result(call, output, requestId);
      } catch (error) {
        // A held transaction that conflicted cannot be replayed statement by statement: the whole
        // request runs again, as the backend would have rerun a write() of its own.
        let retry = error instanceof HeldWriteRetry || (store.holdsWrite && isTransactionConflict(error));
        if (retry) {
          await store.abort();
        } else if (store.holdsWrite) {
          // What a failing operation wrote before it failed (a wrong-password counter) stands, as
          // it would had each write committed alone; it commits together with the failure's event.
          const failed = record({ error: failureOf(error) });
          try {
            await store.commit(async (tx) => {
              if (failed !== undefined && trail !== undefined) await trail.appendChange(tx, { record: failed, time: now });
            });
            audit.recorded = true;
          } catch (commitError) {
            await store.abort();
            retry = commitError instanceof HeldWriteRetry || isTransactionConflict(commitError);
          }
        }
        if (retry && attempt < MAX_ATTEMPTS) continue;
        throw retry ? new TransactionConflictError(attempt, { cause: error }) : error;
      } finally {
        await store.end();
      }
    }
  } catch (error) {
    const failure = failureOf(error);
    if (failure instanceof IamError && failure.code === 'InternalFailure') deps.log.error({ requestId, err: describe(error) }, 'internal failure');
    // A failed unsigned federation call is recorded in the role's account, if it exists, naming
    // nobody: its token or assertion proved no one.
    if (wire.unsigned && audit.identity === undefined && audit.account !== undefined && audit.action !== undefined && (await accountExists(deps, audit.account))) {
      audit.identity = unverifiedIdentity(undefined);
    }
    return refuse(failure);
  }
}

/** What a failure is answered and recorded as: a store's refusal in AWS's words, else the error itself. */
function failureOf(error: unknown): IamError | JsonServiceError {
  return storeFailure(error) ?? (error instanceof JsonServiceError ? error : toIamError(error));
}

/** The identity a successful unsigned federation call proved (its answer names it). */
function federationIdentity(action: string, output: WireObject): UserIdentity {
  const assumed = output.AssumedRoleUser as WireObject | undefined;
  const principalId = typeof assumed?.AssumedRoleId === 'string' ? assumed.AssumedRoleId : '';
  if (action === 'AssumeRoleWithSAML') {
    return federatedIdentity('SAMLUser', String(output.Issuer ?? ''), String(output.Subject ?? ''), principalId);
  }
  return federatedIdentity('WebIdentityUser', String(output.Provider ?? ''), String(output.SubjectFromWebIdentityToken ?? ''), principalId);
}

async function accountExists(deps: ServerDeps, accountId: string): Promise<boolean> {
  try {
    return (await deps.store.read((tx) => tx.accounts.get(accountId))) !== undefined;
  } catch {
    return false;
  }
}

function accountOfRoleArn(roleArn: unknown): string | undefined {
  if (typeof roleArn !== 'string') return undefined;
  const account = roleArn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

export function firstHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
