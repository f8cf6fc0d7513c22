// The authorization API's wire for the request pipeline: the route names the operation, the
// body is JSON, answers are the operation's own JSON (or ext_authz's answer for Envoy) and
// errors take the REST-JSON shape (`x-amzn-errortype`, `{"__type", "message"}`) with the error
// catalogue's codes. What the trail records of a request is the model's (keyward-model.ts).

import type { WireObject } from '../../protocol/wire-value.js';
import type { RawRequest, RawResponse, Wire } from '../../server/pipeline.js';
import type { AuthorizeDeps } from '../authorize-request.js';
import { InvalidCheckError } from '../decide/decide-checks.js';
import { keywardError } from './authorize-errors.js';
import { authzenSummary } from './authzen.js';
import { extAuthzRefusal } from './ext-authz.js';
import { failureAnswer } from './json-answer.js';
import { KEYWARD_MODEL, type KeywardOperation } from './keyward-model.js';
import { bindCall, type KeywardCall } from './keyward-operations.js';
import { KEYWARD_SIGNING_NAME } from './service-arn.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface KeywardRoute {
  readonly operation: KeywardOperation;
  readonly core: AuthorizeDeps;
  readonly prefix?: string;
  readonly clientPath?: string;
  readonly rawHeaders?: readonly (readonly [string, string])[];
}

function parseJson(body: Buffer): Json {
  const text = body.toString('utf8');
  const value: unknown = JSON.parse(text === '' ? '{}' : text);
  if (!isObject(value)) throw new InvalidCheckError('the request body must be a JSON object');
  return value;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** What CloudTrail shows of the request (the model's input shapes pick from it). */
function inputOf(route: KeywardRoute, raw: RawRequest, body: Json): WireObject {
  const definition = isObject(body.definition) ? body.definition : body;
  const name = route.prefix ?? text(definition.Name);
  const named = name === undefined ? {} : { Name: name };
  switch (route.operation) {
    case 'CreateServiceDefinition':
    case 'GetServiceDefinition':
    case 'UpdateServiceDefinition':
    case 'DeleteServiceDefinition':
    case 'ListServiceDefinitions':
      return named;
    case 'Authorize': {
      const checks = Array.isArray(body.checks) ? body.checks.filter(isObject) : [];
      const generation = body.atLeastGeneration;
      return {
        ...named,
        Checks: checks.map((c) => ({
          ...(text(c.action) !== undefined && { Action: text(c.action) }),
          ...(text(c.resource) !== undefined && { Resource: text(c.resource) }),
          ...(text(c.correlationId) !== undefined && { CorrelationId: text(c.correlationId) }),
        })) as WireObject[],
        ...(typeof generation === 'number' && { AtLeastGeneration: generation }),
      };
    }
    case 'AccessEvaluation':
    case 'AccessEvaluations':
      return { Evaluations: authzenSummary(body, route.operation === 'AccessEvaluations') as WireObject[] };
    case 'ExtAuthz':
      return { ...named, Method: raw.method, Path: route.clientPath ?? '/' };
  }
}

export function keywardWire(raw: RawRequest, route: KeywardRoute): Wire {
  const reply = (status: number, headers: Record<string, string>, body: string, requestId: string): RawResponse => ({
    status,
    headers: { 'x-amzn-requestid': requestId, ...headers },
    body,
  });
  const extAuthz = route.operation === 'ExtAuthz';
  return {
    service: KEYWARD_SIGNING_NAME,
    model: KEYWARD_MODEL,
    namedAction: route.operation,
    scopeServices: [KEYWARD_SIGNING_NAME],
    // Envoy cannot sign its ext_authz calls; everything else is signed for service `keyward`.
    unsigned: extAuthz,
    decode() {
      let body: Json;
      try {
        // ext_authz's body is the client's, forwarded as is.
        body = extAuthz ? {} : parseJson(raw.body);
      } catch (error) {
        throw keywardError(error);
      }
      const input = inputOf(route, raw, body);
      const call: KeywardCall = {
        core: route.core,
        raw,
        body,
        ...(route.prefix !== undefined && { prefix: route.prefix }),
        ...(route.clientPath !== undefined && { clientPath: route.clientPath }),
        ...(route.rawHeaders !== undefined && { rawHeaders: route.rawHeaders }),
      };
      bindCall(input, call);
      return { action: route.operation, input };
    },
    result(_call, output, requestId) {
      return reply(Number(output.Status ?? 200), { ...(output.Headers as Record<string, string> | undefined) }, String(output.Body ?? ''), requestId);
    },
    error(error, requestId) {
      if (extAuthz) {
        // What Envoy hands the client: never let a failure through, answered in AWS's shape.
        const answer = failureAnswer(error);
        const parsed = JSON.parse(answer.body) as { __type: string; message: string };
        const refusal = extAuthzRefusal(undefined, parsed.__type, answer.status, parsed.message, {}, requestId);
        return reply(refusal.status, refusal.headers, refusal.body, requestId);
      }
      const answer = failureAnswer(error);
      return reply(answer.status, answer.headers, answer.body, requestId);
    },
    describeError(error) {
      const parsed = JSON.parse(failureAnswer(error).body) as { __type: string; message: string };
      return { code: parsed.__type, message: parsed.message };
    },
  };
}
