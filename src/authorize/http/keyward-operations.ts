// The authorization API's operations for the request pipeline (src/server/pipeline.ts): each
// says which Keyward action on which service-definition ARN the asking principal needs, and
// runs. The pipeline verifies the asking call's SigV4 signature, resolves its caller, enforces
// those checks with the engine, records the call in the audit trail and access advisor, and
// answers errors; the decision core (authorize-request.ts) records each decision it makes for
// the platform's service.
//
// The pipeline hands an operation only the decoded input and a ServiceContext; what else the
// call needs (the server's caches, the parsed body, the path's prefix) the wire binds to the
// input object it decoded (`bindCall`).

import type { WireObject } from '../../protocol/wire-value.js';
import { enforce, globalKeys } from '../../services/authorize-call.js';
import type { AuthCheck, Operation, OperationTable, ServiceContext } from '../../services/operation.js';
import { encodeAuthorizationMessage } from '../../services/sts/authz-message-seal.js';
import type { RawRequest } from '../../server/pipeline.js';
import { decideNamed, serviceAt, verifyAndDecide, type AuthorizeDeps } from '../authorize-request.js';
import { checkDefinition, storedDefinition, upsertDefinition } from '../definition-store.js';
import { PREFIX_PATTERN } from '../definition/parse-definition.js';
import type { ServiceDefinition } from '../definition/service-definition.js';
import { InvalidCheckError } from '../decide/decide-checks.js';
import { alreadyExists, keywardError, notFound } from './authorize-errors.js';
import { authzenServices, evaluateAuthzen } from './authzen.js';
import { extAuthzAnswer } from './ext-authz.js';
import { jsonAnswer, type JsonAnswer } from './json-answer.js';
import { KEYWARD_OPERATIONS, type KeywardOperation } from './keyward-model.js';
import { serviceDefinitionArn } from './service-arn.js';
import { checksOf, forwardedRequestOf, generationOf } from './wire-input.js';

type Json = Record<string, unknown>;

/** What one call to the API carries besides its decoded input. */
export interface KeywardCall {
  readonly core: AuthorizeDeps;
  readonly raw: RawRequest;
  /** The parsed JSON body ({} for none). */
  readonly body: Json;
  /** The `PREFIX` path parameter, if the route has one. */
  readonly prefix?: string;
  /** ext_authz: the client's path under the service's prefix, and its headers in arrival order. */
  readonly clientPath?: string;
  readonly rawHeaders?: readonly (readonly [string, string])[];
  /** Set by checks() for run(): the definition a create or update carries. */
  definition?: ServiceDefinition;
}

const calls = new WeakMap<WireObject, KeywardCall>();

export function bindCall(input: WireObject, call: KeywardCall): void {
  calls.set(input, call);
}

function callOf(input: WireObject): KeywardCall {
  const call = calls.get(input);
  if (call === undefined) throw new Error('a keyward operation ran without its call bound (keyward-wire.ts)');
  return call;
}

/** The output the wire writes as the HTTP answer. */
function answered(answer: JsonAnswer): WireObject {
  return { Status: answer.status, Headers: answer.headers, Body: answer.body };
}

function checkedPrefix(prefix: string | undefined): string {
  if (prefix === undefined || !PREFIX_PATTERN.test(prefix)) throw new InvalidCheckError(`${JSON.stringify(prefix ?? '')} is not a service prefix`);
  return prefix;
}

/** The owner of an existing definition, else the caller's own account (a create, or a name that does not exist). */
async function ownerOf(call: KeywardCall, prefix: string, fallback: string): Promise<string> {
  return (await call.core.definitions.current()).byPrefix.get(prefix)?.accountId ?? fallback;
}

/**
 * The check for `action` on the service ARN. The pipeline lets the root user do anything in its
 * own account; a definition of another account is decided here, as the engine decides a
 * cross-account request without a resource policy (denied).
 */
function definitionCheck(ctx: ServiceContext, call: KeywardCall, action: string, resource: string): AuthCheck[] {
  const check = { action, resource };
  if (ctx.caller.principal.type === 'Root' && resource !== '*' && resource.split(':')[4] !== ctx.caller.accountId) {
    const base = globalKeys(ctx.caller, { sourceIp: call.raw.sourceIp, secureTransport: call.raw.secure, now: ctx.now, region: ctx.region });
    enforce(ctx.caller, { identity: [] }, [check], action, base, {
      sealMessage: (message) => encodeAuthorizationMessage(ctx.secrets, ctx.caller.accountId, message),
    });
  }
  return [check];
}

const view = (prefix: string, stored: { accountId: string; document: string; createDate: Date; updateDate: Date }): Json => ({
  arn: serviceDefinitionArn(stored.accountId, prefix),
  definition: JSON.parse(stored.document) as unknown,
  createDate: stored.createDate.toISOString(),
  updateDate: stored.updateDate.toISOString(),
});

/** An operation whose failures are the catalogue's IamErrors (authorize-errors.ts). */
function operation(
  name: KeywardOperation,
  checks: (call: KeywardCall, ctx: ServiceContext, action: string) => Promise<readonly AuthCheck[]>,
  run: (call: KeywardCall, ctx: ServiceContext) => Promise<JsonAnswer>,
  extra: Partial<Operation> = {},
): Operation {
  const action = KEYWARD_OPERATIONS[name] ?? '';
  return {
    ...extra,
    async checks(input, ctx) {
      try {
        return await checks(callOf(input), ctx, action);
      } catch (error) {
        throw keywardError(error);
      }
    },
    async run(input, ctx) {
      try {
        return answered(await run(callOf(input), ctx));
      } catch (error) {
        throw keywardError(error);
      }
    },
  };
}

const onDefinition = (call: KeywardCall, ctx: ServiceContext, action: string): Promise<AuthCheck[]> =>
  (async () => {
    const prefix = checkedPrefix(call.prefix);
    return definitionCheck(ctx, call, action, serviceDefinitionArn(await ownerOf(call, prefix, ctx.accountId), prefix));
  })();

async function definitionIn(call: KeywardCall): Promise<ServiceDefinition> {
  call.definition ??= await checkDefinition(call.body.definition ?? call.body);
  return call.definition;
}

export const keywardOperations: OperationTable = {
  CreateServiceDefinition: operation(
    'CreateServiceDefinition',
    async (call, ctx, action) => {
      const definition = await definitionIn(call);
      return definitionCheck(ctx, call, action, serviceDefinitionArn(ctx.accountId, definition.Name));
    },
    async (call, ctx) => {
      const definition = await definitionIn(call);
      const existing = await ctx.store.read((tx) => tx.serviceDefinitions.list());
      const clash = existing.find((d) => d.prefix === definition.Name || d.signingName === definition.Signing.Name);
      if (clash !== undefined) throw alreadyExists(clash.prefix === definition.Name ? definition.Name : definition.Signing.Name);
      const stored = storedDefinition(definition, ctx.accountId, ctx.now);
      await ctx.store.write((tx) => tx.serviceDefinitions.insert(stored));
      return jsonAnswer(201, view(definition.Name, stored));
    },
  ),

  GetServiceDefinition: operation('GetServiceDefinition', onDefinition, async (call, ctx) => {
    const prefix = checkedPrefix(call.prefix);
    const stored = await ctx.store.read((tx) => tx.serviceDefinitions.get(prefix));
    if (stored === undefined) throw notFound(prefix);
    return jsonAnswer(200, view(prefix, stored));
  }),

  ListServiceDefinitions: operation(
    'ListServiceDefinitions',
    async (_call, _ctx, action) => [{ action, resource: '*' }],
    async (_call, ctx) => {
      const all = await ctx.store.read((tx) => tx.serviceDefinitions.list());
      return jsonAnswer(200, {
        services: all.map((d) => ({ name: d.prefix, signingName: d.signingName, arn: serviceDefinitionArn(d.accountId, d.prefix), updateDate: d.updateDate.toISOString() })),
      });
    },
  ),

  UpdateServiceDefinition: operation(
    'UpdateServiceDefinition',
    async (call, ctx, action) => {
      const prefix = checkedPrefix(call.prefix);
      const definition = await definitionIn(call);
      if (definition.Name !== prefix) throw new InvalidCheckError(`The definition's Name ${definition.Name} is not ${prefix}.`);
      return onDefinition(call, ctx, action);
    },
    async (call, ctx) => {
      const prefix = checkedPrefix(call.prefix);
      const definition = await definitionIn(call);
      const existing = await ctx.store.read((tx) => tx.serviceDefinitions.get(prefix));
      if (existing === undefined) throw notFound(prefix);
      const clash = (await ctx.store.read((tx) => tx.serviceDefinitions.list())).find((d) => d.prefix !== prefix && d.signingName === definition.Signing.Name);
      if (clash !== undefined) throw alreadyExists(definition.Signing.Name);
      await upsertDefinition(ctx.store, definition, existing.accountId, ctx.now);
      const stored = await ctx.store.read((tx) => tx.serviceDefinitions.get(prefix));
      if (stored === undefined) throw notFound(prefix);
      return jsonAnswer(200, view(prefix, stored));
    },
  ),

  DeleteServiceDefinition: operation('DeleteServiceDefinition', onDefinition, async (call, ctx) => {
    const prefix = checkedPrefix(call.prefix);
    const deleted = await ctx.store.write((tx) => tx.serviceDefinitions.delete(prefix));
    if (!deleted) throw notFound(prefix);
    return { status: 204, headers: {}, body: '' };
  }),

  Authorize: operation(
    'Authorize',
    async (call, ctx, action) => {
      const prefix = checkedPrefix(call.prefix);
      // One service cannot ask about another's actions unless allowed: the resource names the service.
      const service = await serviceAt(call.core, prefix, call.core.store.generation()).catch(() => undefined);
      return definitionCheck(ctx, call, action, serviceDefinitionArn(service?.accountId ?? ctx.accountId, prefix));
    },
    async (call, ctx) => {
      const atLeast = generationOf(call.body.atLeastGeneration);
      const answer = await verifyAndDecide(call.core, {
        service: checkedPrefix(call.prefix),
        request: forwardedRequestOf(call.body.request),
        checks: checksOf(call.body.checks),
        synced: true,
        requestId: ctx.requestId,
        ...(atLeast !== undefined && { atLeastGeneration: atLeast }),
      });
      return jsonAnswer(200, answer, { 'x-keyward-generation': String(answer.generation) });
    },
  ),

  AccessEvaluation: authzenOperation('AccessEvaluation', false),
  AccessEvaluations: authzenOperation('AccessEvaluations', true),

  // Envoy cannot sign: the call is trusted by network placement and needs no Keyward action.
  ExtAuthz: operation(
    'ExtAuthz',
    () => Promise.resolve([]),
    (call, ctx) => extAuthzAnswer(call.core, { ...call, requestId: ctx.requestId }),
  ),
};

function authzenOperation(name: KeywardOperation, batch: boolean): Operation {
  return operation(
    name,
    async (call, ctx, action) => {
      const checks: AuthCheck[] = [];
      for (const prefix of authzenServices(call.body, batch)) {
        const service = await serviceAt(call.core, prefix, call.core.store.generation());
        checks.push(...definitionCheck(ctx, call, action, serviceDefinitionArn(service.accountId, prefix)));
      }
      return checks;
    },
    (call, ctx) =>
      evaluateAuthzen(call.core, call.body, {
        batch,
        authorized: new Set(authzenServices(call.body, batch)),
        requestId: ctx.requestId,
        decideNamed,
      }),
  );
}
