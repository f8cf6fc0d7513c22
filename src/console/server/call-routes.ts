// POST /console/api/call: one operation AS the signed-in principal (sdk-call.ts); an
// AccessDenied carries the engine's explanation, kept in the store 15 minutes (explanations.ts)
// and served again, on any node, by GET /console/api/explain/<requestId>.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleContext } from './plugin.js';
import { explainDenial } from './explanation.js';
import { isSecure, jsonBody, sendError, sendJson } from './http.js';
import { commandOf, isConsoleService, sdkCall, type CallOutcome, type CallTarget } from './sdk-call.js';
import type { ConsoleSession } from './session-cookie.js';
import { setSessionCookie, writeSession } from './session-routes.js';
import { keepExplanation, readExplanation } from './explanations.js';

/** What a forced password change still lets through. */
const DURING_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['iam:ChangePassword', 'iam:GetAccountPasswordPolicy']);

export function callTarget(ctx: ConsoleContext, req: FastifyRequest): CallTarget {
  return {
    app: ctx.app,
    secure: isSecure(req),
    host: typeof req.headers.host === 'string' && req.headers.host !== '' ? req.headers.host : 'localhost',
    remoteAddress: req.ip,
    now: ctx.deps.clock(),
  };
}

/** A failed call's answer: AWS's code and message, and for an AccessDenied the kept explanation. */
export async function sendFailure(ctx: ConsoleContext, reply: FastifyReply, session: ConsoleSession, outcome: Extract<CallOutcome, { ok: false }>): Promise<void> {
  const explanation =
    outcome.code === 'AccessDenied' && outcome.encodedMessage !== undefined && outcome.requestId !== undefined
      ? explainDenial(ctx.deps.secrets, session.accountId, outcome.encodedMessage, outcome.requestId)
      : undefined;
  if (explanation !== undefined) await keepExplanation(ctx, session, explanation.requestId, outcome.encodedMessage!);
  return sendError(reply, outcome.status, {
    code: outcome.code,
    message: outcome.message,
    ...(outcome.requestId !== undefined && { requestId: outcome.requestId }),
    ...(explanation !== undefined && { explanation }),
  });
}

export function registerCallRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  app.post('/console/api/call', async (req, reply) => {
    const session = await writeSession(ctx, req, reply);
    if (session === undefined) return;
    const body = jsonBody(req);
    const service = body?.service;
    const action = body?.action;
    const input = body?.input ?? {};
    if (body === undefined || !isConsoleService(service) || typeof action !== 'string' || typeof input !== 'object' || input === null || Array.isArray(input)) {
      return sendError(reply, 400, {
        code: 'ValidationError',
        message: "service must be one of iam, sts, access-analyzer, cloudtrail, events; action a string; input an object.",
      });
    }
    const Command = await commandOf(service, action);
    if (Command === undefined) return sendError(reply, 400, { code: 'InvalidAction', message: `The action ${action} is not valid for the ${service} service.` });
    if (session.passwordChangeRequired && !DURING_PASSWORD_CHANGE.has(`${service}:${action}`)) {
      return sendError(reply, 403, { code: 'PasswordChangeRequired', message: 'You must change your password before you continue.' });
    }
    const outcome = await sdkCall(callTarget(ctx, req), session.credentials, service, Command, input);
    if (outcome.ok) {
      if (session.passwordChangeRequired && service === 'iam' && action === 'ChangePassword') {
        const changed = { ...session, passwordChangeRequired: false };
        return sendJson(reply, 200, { output: outcome.output }, await setSessionCookie(ctx, req, changed));
      }
      return sendJson(reply, 200, { output: outcome.output });
    }
    return sendFailure(ctx, reply, session, outcome);
  });

  app.get('/console/api/explain/:requestId', async (req, reply) => {
    const session = await ctx.session(req);
    if (session === undefined) return sendError(reply, 401, { code: 'NotSignedIn', message: 'Sign in to the console first.' });
    const { requestId } = req.params as { requestId: string };
    const read = await readExplanation(ctx, req, session, requestId);
    return read.ok ? sendJson(reply, 200, { explanation: read.explanation }) : sendError(reply, read.status, read.error);
  });
}
