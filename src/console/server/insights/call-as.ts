// How the insights routes reach the API: one AWS operation as the signed-in principal, through
// the console's own SDK path (sdk-call.ts: the same authorization and audit as the aws CLI).
// A failed call throws its error as the SDK names it (name, message, $metadata).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http.js';
import type { ConsoleContext } from '../plugin.js';
import { callTarget } from '../call-routes.js';
import type { ConsoleSession } from '../session-cookie.js';
import { commandOf, sdkCall, type ConsoleService } from '../sdk-call.js';

export type Json = Record<string, unknown>;

export type CallAs = (service: ConsoleService, action: string, input: Json) => Promise<Json>;

/** Calls as the session's principal, for one request. */
export function callAsSession(ctx: ConsoleContext, req: FastifyRequest, session: ConsoleSession): CallAs {
  return async (service, action, input) => {
    const Command = await commandOf(service, action);
    if (Command === undefined) throw Object.assign(new Error(`The action ${action} is not valid for the ${service} service.`), { name: 'InvalidAction', statusCode: 400 });
    const outcome = await sdkCall(callTarget(ctx, req), session.credentials, service, Command, input);
    if (outcome.ok) return outcome.output as Json;
    throw Object.assign(new Error(outcome.message), { name: outcome.code, $metadata: { httpStatusCode: outcome.status, ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }) } });
  };
}

interface CallError {
  readonly name?: string;
  readonly message?: string;
  readonly statusCode?: number;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

/** True for the errors AWS gives a principal that may not make the call. */
export function isAccessDenied(e: unknown): boolean {
  const name = (e as CallError | undefined)?.name ?? '';
  return /AccessDenied|Unauthorized/.test(name);
}

/** A failed call as the console API's error body and status. */
export function sendCallError(reply: FastifyReply, e: unknown): Promise<void> {
  const err = (e ?? {}) as CallError;
  const status = err.$metadata?.httpStatusCode ?? err.statusCode ?? 500;
  const known = err.$metadata !== undefined || err.statusCode !== undefined;
  return sendError(reply, status, {
    code: known ? (err.name ?? 'InternalFailure') : 'InternalFailure',
    message: known ? (err.message ?? '') : 'We encountered an internal error. Please try again.',
    ...(err.$metadata?.requestId === undefined ? {} : { requestId: err.$metadata.requestId }),
  });
}
