// The console's server half (docs/console.md): the built UI under /console, the JSON API under
// /console/api (session, sign-in and sign-out, password change, calls AS the signed-in
// principal, explanations of its denials) and AWS's federation sign-in endpoint /federation.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../../server/deps.js';
import { registerTransportMark } from './inject-handler.js';
import { ConsoleUi } from './static-ui.js';
import { openSession, readCookie, type ConsoleSession } from './session-cookie.js';
import { sendError } from './http.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerCallRoutes } from './call-routes.js';
import { registerRootRoutes } from './root-routes.js';
import { registerFederation } from './federation.js';
import { registerInsightsRoutes } from './insights/routes.js';
import { registerSearchRoutes } from './search-routes.js';

export interface ConsoleOptions {
  /** Where the built UI is (default: dist/console-ui under the package root). */
  readonly uiDir?: string;
  /** `--smtp-url`: where root's password reset links are mailed; none means no mail is sent. */
  readonly smtpUrl?: string;
}

/** What the console's route modules share. */
export interface ConsoleContext {
  readonly app: FastifyInstance;
  readonly deps: ServerDeps;
  /** The session in the request's cookie, if it opens and has not expired. */
  session(req: FastifyRequest): Promise<ConsoleSession | undefined>;
}

export function registerConsole(app: FastifyInstance, deps: ServerDeps, options: ConsoleOptions = {}): void {
  const ui = new ConsoleUi(options.uiDir);
  registerTransportMark(app);
  const ctx: ConsoleContext = {
    app,
    deps,
    async session(req) {
      const token = readCookie(req.headers.cookie);
      return token === undefined ? undefined : openSession(deps.secrets, token, deps.clock());
    },
  };
  app.register(async (scope) => {
    // Failures before a handler runs (a body over the limit) answer the API's JSON, not IAM's XML.
    scope.setErrorHandler(async (error: { statusCode?: number; name?: string; message?: string }, req, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      // The name and message only: a request's body (a password) never reaches the log.
      if (status === 500) deps.log.error({ requestId: req.id, path: req.routeOptions.url ?? 'unmatched', err: `${error.name ?? 'Error'}: ${error.message ?? ''}` }, 'console internal failure');
      await sendError(reply, status, status === 500 ? { code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' } : { code: 'ValidationError', message: 'The request could not be read.' });
    });
    const page = async (_req: FastifyRequest, reply: FastifyReply): Promise<void> => ui.page(reply);
    scope.get('/console', page);
    scope.get('/console/', page);
    scope.get('/console/*', page);
    scope.get('/console/assets/*', async (req, reply) => ui.asset((req.params as { '*': string })['*'], reply));
    registerSessionRoutes(scope, ctx);
    registerCallRoutes(scope, ctx);
    registerRootRoutes(scope, ctx, options.smtpUrl);
    registerFederation(scope, ctx);
    registerInsightsRoutes(scope, ctx);
    registerSearchRoutes(scope, ctx);
    const unknown = async (_req: FastifyRequest, reply: FastifyReply): Promise<void> =>
      sendError(reply, 404, { code: 'NotFound', message: 'No such console API route.' });
    scope.get('/console/api/*', unknown);
    scope.post('/console/api/*', unknown);
  });
}
