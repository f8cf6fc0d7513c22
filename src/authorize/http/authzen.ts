// OpenID AuthZEN 1.0 (Authorization API): the access evaluation and evaluations endpoints mapped
// onto the decision core. subject.id = the principal's ARN (named by the asking gateway, not
// proven), action.name = `service:Action`, resource.id = the resource ARN (properties may carry
// `resourcePolicy` and `resourceAccount`), context = the service's condition keys (and
// `sourceIp`, `secure`). The gateway itself signs with SigV4 and needs keyward:Authorize on the
// action's service.

import type { DecideNamedInput, DecisionAnswer, AuthorizeDeps } from '../authorize-request.js';
import { serviceAt } from '../authorize-request.js';
import { InvalidCheckError, type Check } from '../decide/decide-checks.js';
import type { AskingCaller } from './keyward-caller.js';
import { serviceDefinitionArn } from './keyward-caller.js';
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

async function evaluateOne(
  core: AuthorizeDeps,
  asking: AskingCaller,
  e: Evaluation,
  at: string,
  decideNamed: (deps: AuthorizeDeps, input: DecideNamedInput) => Promise<DecisionAnswer>,
): Promise<{ decision: boolean; context: Json }> {
  const subject = field(e, 'subject', at);
  const action = field(e, 'action', at);
  const resource = field(e, 'resource', at);
  const actionName = text(action.name, `${at}.action.name`);
  const colon = actionName.indexOf(':');
  if (colon <= 0) throw new InvalidCheckError(`${at}.action.name: must be service:Action`);
  const prefix = actionName.slice(0, colon).toLowerCase();
  const service = await serviceAt(core, prefix, asking.generation);
  await asking.authorize('keyward:Authorize', serviceDefinitionArn(service.accountId, prefix));
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
  const answer = await decideNamed(core, {
    service: prefix,
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

export async function evaluateAuthzen(
  core: AuthorizeDeps,
  asking: AskingCaller,
  body: Json,
  options: { batch: boolean; decideNamed: (deps: AuthorizeDeps, input: DecideNamedInput) => Promise<DecisionAnswer> },
): Promise<JsonAnswer> {
  const base: Evaluation = {
    ...(isObject(body.subject) && { subject: body.subject }),
    ...(isObject(body.action) && { action: body.action }),
    ...(isObject(body.resource) && { resource: body.resource }),
    ...(isObject(body.context) && { context: body.context }),
  };
  if (!options.batch || body.evaluations === undefined) {
    const one = await evaluateOne(core, asking, base, '$', options.decideNamed);
    return options.batch ? jsonAnswer(200, { evaluations: [one] }) : jsonAnswer(200, one);
  }
  if (!Array.isArray(body.evaluations) || body.evaluations.length > 100) throw new InvalidCheckError('evaluations: must be a list of at most 100');
  const opts = isObject(body.options) ? body.options : {};
  const semantic = opts.evaluations_semantic ?? 'execute_all';
  if (!SEMANTICS.includes(semantic as (typeof SEMANTICS)[number])) throw new InvalidCheckError(`options.evaluations_semantic: must be one of ${SEMANTICS.join(', ')}`);
  const results: { decision: boolean; context: Json }[] = [];
  for (const [i, item] of (body.evaluations as unknown[]).entries()) {
    if (!isObject(item)) throw new InvalidCheckError(`evaluations[${i}]: must be an object`);
    // Each evaluation's own subject, action, resource and context override the request's defaults.
    const merged: Evaluation = { ...base, ...(item as Evaluation) };
    const result = await evaluateOne(core, asking, merged, `evaluations[${i}]`, options.decideNamed);
    results.push(result);
    if ((semantic === 'deny_on_first_deny' && !result.decision) || (semantic === 'permit_on_first_permit' && result.decision)) break;
  }
  return jsonAnswer(200, { evaluations: results });
}
