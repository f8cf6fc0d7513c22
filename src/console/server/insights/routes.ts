// The console's insight routes (registered by the console plugin): the dashboard's
// recommendations and the escalation analysis, each computed only from API calls made as the
// signed-in principal, so a page never shows what its user could not read with the aws CLI.
import type { FastifyInstance } from 'fastify';
import { analysisView, readAccount } from './analysis-view.js';
import { isAccessDenied, sendCallError, type CallAs } from './call-as.js';
import { readCredentialReport } from './credential-report.js';
import { recommend } from './recommendations.js';

export interface InsightsOptions {
  readonly callAs: CallAs;
  readonly now?: () => Date;
}

/** A call the principal may be denied: undefined then, any other error thrown. */
async function orHidden<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (isAccessDenied(e)) return undefined;
    throw e;
  }
}

export function registerInsightsRoutes(app: FastifyInstance, options: InsightsOptions): void {
  const now = options.now ?? (() => new Date());
  const { callAs } = options;

  app.get('/console/api/insights/recommendations', async (request, reply) => {
    try {
      const [summary, report, aliases] = await Promise.all([
        orHidden(async () => (await callAs(request, 'iam', 'GetAccountSummary', {})).SummaryMap as Record<string, number>),
        orHidden(() => readCredentialReport(callAs, request)),
        orHidden(async () => (await callAs(request, 'iam', 'ListAccountAliases', {})).AccountAliases as string[] | undefined),
      ]);
      return reply.header('cache-control', 'no-store').send({
        recommendations: recommend({ ...(summary === undefined ? {} : { summary }), ...(report === undefined ? {} : { report }), now: now() }),
        ...(summary === undefined ? {} : { summary }),
        ...(aliases?.[0] === undefined ? {} : { accountAlias: aliases[0] }),
      });
    } catch (e) {
      return sendCallError(reply, e);
    }
  });

  app.post('/console/api/insights/analysis', async (request, reply) => {
    try {
      const details = await readAccount(callAs, request);
      return reply.header('cache-control', 'no-store').send(analysisView(details, now()));
    } catch (e) {
      return sendCallError(reply, e);
    }
  });
}
