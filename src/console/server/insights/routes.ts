// The console's insight routes (registered by the console plugin): the dashboard's
// recommendations and the escalation analysis, each computed only from API calls made as the
// signed-in principal, so a page never shows what its user could not read with the aws CLI.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleContext } from '../plugin.js';
import { sendError, sendJson } from '../http.js';
import { writeSession } from '../session-routes.js';
import type { ConsoleSession } from '../session-cookie.js';
import { analyseAccount } from './analysis-view.js';
import { callAsSession, isAccessDenied, sendCallError } from './call-as.js';
import { readCredentialReport } from './credential-report.js';
import { recommend } from './recommendations.js';

/** A call the principal may be denied: undefined then, any other error thrown. */
async function orHidden<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (isAccessDenied(e)) return undefined;
    throw e;
  }
}

async function usable(session: ConsoleSession | undefined, reply: FastifyReply): Promise<ConsoleSession | undefined> {
  if (session === undefined) {
    await sendError(reply, 401, { code: 'NotSignedIn', message: 'Sign in to the console first.' });
    return undefined;
  }
  if (session.passwordChangeRequired) {
    await sendError(reply, 403, { code: 'PasswordChangeRequired', message: 'You must change your password before you continue.' });
    return undefined;
  }
  return session;
}

export function registerInsightsRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/console/api/insights/recommendations', async (req: FastifyRequest, reply) => {
    const session = await usable(await ctx.session(req), reply);
    if (session === undefined) return;
    const callAs = callAsSession(ctx, req, session);
    try {
      const [summary, report, aliases] = await Promise.all([
        orHidden(async () => (await callAs('iam', 'GetAccountSummary', {})).SummaryMap as Record<string, number>),
        orHidden(() => readCredentialReport(callAs)),
        orHidden(async () => (await callAs('iam', 'ListAccountAliases', {})).AccountAliases as string[] | undefined),
      ]);
      return sendJson(reply, 200, {
        recommendations: recommend({ ...(summary === undefined ? {} : { summary }), ...(report === undefined ? {} : { report }), now: ctx.deps.clock() }),
        ...(summary === undefined ? {} : { summary }),
        ...(aliases?.[0] === undefined ? {} : { accountAlias: aliases[0] }),
      });
    } catch (e) {
      return sendCallError(reply, e);
    }
  });

  app.post('/console/api/insights/analysis', async (req, reply) => {
    const written = await writeSession(ctx, req, reply);
    if (written === undefined) return;
    const session = await usable(written, reply);
    if (session === undefined) return;
    try {
      return sendJson(reply, 200, await analyseAccount(callAsSession(ctx, req, session), ctx.deps.clock()));
    } catch (e) {
      return sendCallError(reply, e);
    }
  });
}
