// The decision core behind every door (the decision API, AuthZEN, ext_authz, the middleware):
// read the store's generation (waiting for "at least N" if asked), verify the forwarded client
// request or take the named subject, resolve the caller through the server's per-generation
// caches, decide each check, and record the attempts for access advisor.

import { randomUUID } from 'node:crypto';
import { buildApiCallRecord } from '../audit/record/build-record.js';
import { newEventId } from '../audit/record/event-id.js';
import { userIdentityOf } from '../audit/record/user-identity.js';
import type { AuditTrail } from '../audit/trail/trail-writer.js';
import type { Caller } from '../auth/caller.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { PolicySet } from '../policy/authorize/policy-set.js';
import type { Callers } from '../server/caller-cache.js';
import { globalKeys } from '../services/authorize-call.js';
import { recordServiceAccess } from '../services/iam/access-advisor/record.js';
import { encodeAuthorizationMessage } from '../services/sts/authz-message-seal.js';
import type { Store } from '../storage/ports.js';
import type { DefinedService, DefinedServices } from './catalogue/defined-services.js';
import { callerView, type CallerView } from './decide/caller-view.js';
import { decideChecks, InvalidCheckError, type Check, type CheckDecision } from './decide/decide-checks.js';
import { namedCaller } from './decide/named-caller.js';
import type { ForwardedRequest } from './verify/forwarded-request.js';
import { firstValue, normaliseHeaders } from './verify/forwarded-request.js';
import { verifyForwarded, type PayloadCheck, type VerifyFailure } from './verify/verify-forwarded.js';

export interface AuthorizeDeps {
  readonly store: Store;
  readonly callers: Callers;
  readonly secrets: SecretBox;
  readonly clock: () => Date;
  readonly definitions: DefinedServices;
  /** The audit trail: one event per decided check (buffered, as reads are). */
  readonly trail?: AuditTrail;
}

/** Longest a decision waits for "at least generation N" before answering with what it has. */
const GENERATION_WAIT_MS = 2000;

export type DecisionAnswer =
  | { readonly generation: number; readonly authenticated: false; readonly error: VerifyFailure }
  | {
      readonly generation: number;
      readonly authenticated: true;
      readonly caller: CallerView;
      /** What the service must still check about the body (forwarded requests only). */
      readonly payload?: PayloadCheck;
      readonly decisions: readonly CheckDecision[];
    };

/** A service prefix no definition has: the HTTP layer answers NoSuchEntity. */
export class UnknownServiceError extends Error {
  override readonly name = 'UnknownServiceError';
}

/** `synced`: the request pipeline already brought the caches up to date for this request. */
async function generationAtLeast(store: Store, wanted: number | undefined, synced = false): Promise<number> {
  if (!synced) await store.syncGeneration();
  if (wanted === undefined || store.generation() >= wanted) return store.generation();
  const deadline = Date.now() + GENERATION_WAIT_MS;
  // syncGeneration already applies every write committed before this call; this waits only for
  // a generation this node has not counted yet (a write still committing).
  while (store.generation() < wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.syncGeneration();
  }
  return store.generation();
}

/** The definition of `prefix` as of `generation`. */
export async function serviceAt(deps: Pick<AuthorizeDeps, 'definitions'>, prefix: string, generation: number): Promise<DefinedService> {
  const found = (await deps.definitions.current(generation)).byPrefix.get(prefix.toLowerCase());
  if (found === undefined) throw new UnknownServiceError(`The service definition ${prefix} cannot be found.`);
  return found;
}

async function policiesOf(deps: AuthorizeDeps, caller: Caller, generation: number): Promise<PolicySet> {
  return caller.principal.type === 'Root' ? { identity: [] } : deps.callers.policies(caller, generation);
}

/** What the decided request was: where from, when, and the asking call's request id (the events share it). */
interface Facts {
  readonly sourceIp: string;
  readonly secure: boolean;
  readonly now: Date;
  readonly region: string;
  readonly userAgent?: string;
  readonly requestId?: string;
}

function decideFor(
  deps: AuthorizeDeps,
  service: DefinedService,
  caller: Caller,
  policies: PolicySet,
  facts: Facts,
  checks: readonly Check[],
): CheckDecision[] {
  const globals = globalKeys(caller, {
    sourceIp: facts.sourceIp,
    secureTransport: facts.secure,
    now: facts.now,
    region: facts.region,
    ...(facts.userAgent !== undefined && { userAgent: facts.userAgent }),
  });
  const decisions = decideChecks(
    { definition: service.definition, serviceAccount: service.accountId, seal: (account, message) => encodeAuthorizationMessage(deps.secrets, account, message) },
    caller,
    policies,
    globals,
    checks,
  );
  // Access advisor counts every attempt, denied ones included, as AWS does.
  for (const action of new Set(decisions.map((d) => d.action))) {
    recordServiceAccess(deps.store, caller, { service: service.definition.Name, action: action.slice(action.indexOf(':') + 1), region: facts.region, date: facts.now });
  }
  if (deps.trail !== undefined) recordDecisions(deps.trail, service, caller, facts, decisions);
  return decisions;
}

/** One CloudTrail-shaped event per check, in the caller's account, as the service's own API call. */
function recordDecisions(
  trail: AuditTrail,
  service: DefinedService,
  caller: Caller,
  facts: Facts,
  decisions: readonly CheckDecision[],
): void {
  const identity = userIdentityOf(caller);
  const requestId = facts.requestId ?? randomUUID();
  for (const d of decisions) {
    const name = d.action.slice(d.action.indexOf(':') + 1);
    const record = buildApiCallRecord(undefined, {
      service: service.definition.Name,
      action: name,
      identity,
      recipientAccountId: caller.accountId,
      time: facts.now,
      region: facts.region,
      sourceIp: facts.sourceIp,
      ...(facts.userAgent !== undefined && { userAgent: facts.userAgent }),
      requestId,
      eventId: newEventId(facts.now.getTime()),
      ...(d.decision !== 'Allow' && { error: { code: 'AccessDenied', message: d.message ?? 'Access Denied' } }),
    });
    const account = d.resource.split(':')[4];
    trail.enqueue({
      record: {
        ...record,
        // The platform service's own events: its prefix, not an amazonaws.com host.
        eventSource: `${service.definition.Name}.keyward`,
        requestParameters: { resource: d.resource },
        additionalEventData: { decision: d.decision, matchedStatements: d.matchedStatements.map((m) => ({ policyId: m.policyId, policyType: m.policyType, ...(m.sid !== undefined && { sid: m.sid }) })) },
        resources: [{ ARN: d.resource, accountId: account !== undefined && account !== '' ? account : service.accountId, type: `${service.definition.Name}` }],
      },
      time: facts.now,
    });
  }
}

export interface VerifyAndDecideInput {
  readonly service: string;
  readonly request: ForwardedRequest;
  readonly checks: readonly Check[];
  readonly atLeastGeneration?: number;
  /** The store was synced for this request already (the request pipeline does it). */
  readonly synced?: boolean;
  /** The asking call's request id, which the decision events carry. */
  readonly requestId?: string;
}

/** Verifies the client's request for `service` and decides its checks. */
export async function verifyAndDecide(deps: AuthorizeDeps, input: VerifyAndDecideInput): Promise<DecisionAnswer> {
  const now = deps.clock();
  const generation = await generationAtLeast(deps.store, input.atLeastGeneration, input.synced);
  const service = await serviceAt(deps, input.service, generation);
  if (input.checks.length === 0) throw new InvalidCheckError('checks: at least one check is required');
  const verified = await verifyForwarded(input.request, service.definition, { now, generation, credentials: deps.callers });
  if (!verified.ok) return { generation, authenticated: false, error: verified.error };
  const v = verified.value;
  const caller = await deps.callers.resolve({ ...v.credentials, secretAccessKey: '' }, generation);
  const policies = await policiesOf(deps, caller, generation);
  const userAgent = firstValue(normaliseHeaders(input.request.headers), 'user-agent');
  const decisions = decideFor(
    deps,
    service,
    caller,
    policies,
    {
      sourceIp: input.request.sourceIp,
      secure: input.request.secure,
      now,
      region: v.region,
      ...(userAgent !== undefined && { userAgent }),
      ...(input.requestId !== undefined && { requestId: input.requestId }),
    },
    input.checks,
  );
  return { generation, authenticated: true, caller: callerView(caller, now), payload: v.payload, decisions };
}

export interface DecideNamedInput {
  readonly service: string;
  /** The subject's ARN: an IAM user, a role or an account's root user. */
  readonly principalArn: string;
  readonly checks: readonly Check[];
  readonly sourceIp?: string;
  readonly secure?: boolean;
  readonly region?: string;
  readonly atLeastGeneration?: number;
  readonly synced?: boolean;
  readonly requestId?: string;
}

/** Decides checks for a subject the asking gateway names (AuthZEN); unknown subjects are denied with InvalidClientTokenId. */
export async function decideNamed(deps: AuthorizeDeps, input: DecideNamedInput): Promise<DecisionAnswer> {
  const now = deps.clock();
  const generation = await generationAtLeast(deps.store, input.atLeastGeneration, input.synced);
  const service = await serviceAt(deps, input.service, generation);
  const caller = await namedCaller(deps.store, input.principalArn, now);
  if (caller === undefined) {
    return { generation, authenticated: false, error: { code: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.', detail: `no principal ${input.principalArn}` } };
  }
  const policies = await policiesOf(deps, caller, generation);
  const decisions = decideFor(
    deps,
    service,
    caller,
    policies,
    {
      sourceIp: input.sourceIp ?? '0.0.0.0',
      secure: input.secure ?? true,
      now,
      region: input.region ?? 'us-east-1',
      ...(input.requestId !== undefined && { requestId: input.requestId }),
    },
    input.checks,
  );
  return { generation, authenticated: true, caller: callerView(caller, now), decisions };
}
