// OpenID AuthZEN 1.0 (Authorization API): the access evaluation and evaluations endpoints mapped
// onto the decision core. subject.id = the principal's ARN (named by the asking gateway, not
// proven), action.name = `service:Action`, resource.id = the resource ARN (properties may carry
// `resourcePolicy` and `resourceAccount`), context = the service's condition keys (and
// `sourceIp`, `secure`). The gateway itself signs with SigV4 and needs keyward:Authorize on the
// action's service: the request pipeline checks it for every service the call names
// (`authzenServices`) before anything is decided.

import type { DecideNamedInput, DecisionAnswer, AuthorizeDeps } from '../authorize-request.js';
import { IamError } from '../../protocol/errors.js';
import { InvalidCheckError, type Check } from '../decide/decide-checks.js';
import { jsonAnswer, type JsonAnswer } from './json-answer.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function authzenConfiguration(origin: string): Record<string, string> {
  return {
    policy_decision_point: origin,
    access_evaluation_endpoint: `${origin}/access/v1/evaluation`,
    access_evaluations_endpoint: `${origin}/access/v1/evaluations`,
  };
}

interface Evaluation {
  readonly subject?: Json;
  readonly action?: Json;
  readonly resource?: Json;
  readonly context?: Json;
}

const SEMANTICS = ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;

function field(e: Evaluation, name: 'subject' | 'action' | 'resource', at: string): Json {
  const v = e[name];
  if (!isObject(v)) throw new InvalidCheckError(`${at}.${name}: is required`);
  return v;
}

function text(v: unknown, at: string): string {
  if (typeof v !== 'string' || v === '') throw new InvalidCheckError(`${at}: must be a non-empty string`);
  return v;
}

export interface AuthzenOptions {
  readonly batch: boolean;
  /** The services the asking gateway was authorized for (keyward:Authorize on each). */
  readonly authorized: ReadonlySet<string>;
  readonly requestId?: string;
  readonly decideNamed: (deps: AuthorizeDeps, input: DecideNamedInput) => Promise<DecisionAnswer>;
}

/** The request's defaults, and each evaluation with them (its own members win). */
function evaluationsOf(body: Json, batch: boolean): { readonly list: readonly (Evaluation | undefined)[]; readonly semantic: unknown } {
  const base: Evaluation = {
    ...(isObject(body.subject) && { subject: body.subject }),
    ...(isObject(body.action) && { action: body.action }),
    ...(isObject(body.resource) && { resource: body.resource }),
    ...(isObject(body.context) && { context: body.context }),
  };
  if (!batch || body.evaluations === undefined) return { list: [base], semantic: 'execute_all' };
  if (!Array.isArray(body.evaluations) || body.evaluations.length > 100) throw new InvalidCheckError('evaluations: must be a list of at most 100');
  const opts = isObject(body.options) ? body.options : {};
  return {
    list: (body.evaluations as unknown[]).map((item) => (isObject(item) ? { ...base, ...(item as Evaluation) } : undefined)),
    semantic: opts.evaluations_semantic ?? 'execute_all',
  };
}

/** The service prefix of `service:Action`, lower case; undefined when the name is not of that form. */
function prefixOf(e: Evaluation | undefined): string | undefined {
  const name = isObject(e?.action) ? e.action.name : undefined;
  if (typeof name !== 'string') return undefined;
  const colon = name.indexOf(':');
  return colon <= 0 ? undefined : name.slice(0, colon).toLowerCase();
}

/** Every service whose actions the call asks about: the gateway needs keyward:Authorize on each. */
export function authzenServices(body: Json, batch: boolean): string[] {
  return [...new Set(evaluationsOf(body, batch).list.map(prefixOf).filter((p): p is string => p !== undefined))];
}

/** For the trail: who, what and on what each evaluation asks. */
export function authzenSummary(body: Json, batch: boolean): { Subject?: string; Action?: string; Resource?: string }[] {
  try {
    return evaluationsOf(body, batch).list.map((e) => ({
      ...(typeof e?.subject?.id === 'string' && { Subject: e.subject.id }),
      ...(typeof e?.action?.name === 'string' && { Action: e.action.name }),
      ...(typeof e?.resource?.id === 'string' && { Resource: e.resource.id }),
    }));
  } catch {
    return [];
  }
}

async function evaluateOne(core: AuthorizeDeps, e: Evaluation, at: string, options: AuthzenOptions): Promise<{ decision: boolean; context: Json }> {
  const subject = field(e, 'subject', at);
  const action = field(e, 'action', at);
  const resource = field(e, 'resource', at);
  const actionName = text(action.name, `${at}.action.name`);
  const colon = actionName.indexOf(':');
  if (colon <= 0) throw new InvalidCheckError(`${at}.action.name: must be service:Action`);
  const prefix = actionName.slice(0, colon).toLowerCase();
  // authzenServices named it, so the pipeline authorized it; never decide what was not.
  if (!options.authorized.has(prefix)) throw new IamError('AccessDenied', `keyward:Authorize was not checked for service ${prefix}.`);
  const props = isObject(resource.properties) ? resource.properties : {};
  const context = e.context ?? {};
  const keys: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(context)) {
    if (k.includes(':') && (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) keys[k] = v as string | string[];
  }
  const check: Check = {
    action: actionName,
    resource: text(resource.id, `${at}.resource.id`),
    context: keys,
    ...(typeof props.resourcePolicy === 'string' && { resourcePolicy: props.resourcePolicy }),
    ...(isObject(props.resourcePolicy) && { resourcePolicy: JSON.stringify(props.resourcePolicy) }),
    ...(typeof props.resourceAccount === 'string' && { resourceAccount: props.resourceAccount }),
  };
  const answer = await options.decideNamed(core, {
    service: prefix,
    synced: true,
    ...(options.requestId !== undefined && { requestId: options.requestId }),
    principalArn: text(subject.id, `${at}.subject.id`),
    checks: [check],
    ...(typeof context.sourceIp === 'string' && { sourceIp: context.sourceIp }),
    ...(typeof context.secure === 'boolean' && { secure: context.secure }),
  });
  if (!answer.authenticated) return { decision: false, context: { id: answer.error.code, reason_admin: { en: answer.error.message }, generation: answer.generation } };
  const d = answer.decisions[0];
  if (d === undefined) return { decision: false, context: { generation: answer.generation } };
  return {
    decision: d.decision === 'Allow',
    context: {
      id: d.decision,
      ...(d.message !== undefined && { reason_admin: { en: d.message } }),
      generation: answer.generation,
    },
  };
}

export async function evaluateAuthzen(core: AuthorizeDeps, body: Json, options: AuthzenOptions): Promise<JsonAnswer> {
  const { list, semantic } = evaluationsOf(body, options.batch);
  if (!options.batch || body.evaluations === undefined) {
    const one = await evaluateOne(core, list[0] ?? {}, '$', options);
    return options.batch ? jsonAnswer(200, { evaluations: [one] }) : jsonAnswer(200, one);
  }
  if (!SEMANTICS.includes(semantic as (typeof SEMANTICS)[number])) throw new InvalidCheckError(`options.evaluations_semantic: must be one of ${SEMANTICS.join(', ')}`);
  const results: { decision: boolean; context: Json }[] = [];
  for (const [i, item] of list.entries()) {
    if (item === undefined) throw new InvalidCheckError(`evaluations[${i}]: must be an object`);
    const result = await evaluateOne(core, item, `evaluations[${i}]`, options);
    results.push(result);
    if ((semantic === 'deny_on_first_deny' && !result.decision) || (semantic === 'permit_on_first_permit' && result.decision)) break;
  }
  return jsonAnswer(200, { evaluations: results });
}
