// Root's "Forgot password?": POST root/forgot-password mails a one-time link valid 15 minutes to
// root's e-mail (always answering `{sent: true}`, so nobody learns which accounts exist or have
// an address), and POST root/reset-password sets the new password with it. Neither signs in:
// root then signs in with the new password and, when it has one, its MFA device. Both are in the
// audit trail as CloudTrail records them (PasswordRecoveryRequested, PasswordRecoveryCompleted).

import type { FastifyInstance } from 'fastify';
import { IamError } from '../../protocol/errors.js';
import { sendResetMail } from '../mail/reset-mail.js';
import type { ConsoleContext } from './plugin.js';
import { crossSite, jsonBody, optionalString, originOf, sendError, sendJson } from './http.js';
import { newResetToken, resetRootPassword, RootAccountError } from './root-account.js';
import { recordRootPasswordEvent, rootEventFacts } from './signin-events.js';

export function registerRootRoutes(app: FastifyInstance, ctx: ConsoleContext, smtpUrl: string | undefined): void {
  const { deps } = ctx;

  app.post('/console/api/root/forgot-password', async (req, reply) => {
    if (crossSite(req)) return sendError(reply, 403, { code: 'InvalidCsrfToken', message: "The request must come from the console's own origin." });
    const account = optionalString(jsonBody(req) ?? {}, 'account')?.trim();
    if (account === undefined || account === '') return sendError(reply, 400, { code: 'ValidationError', message: 'account is a required string.' });
    const origin = originOf(req);
    // The answer never waits for the lookup or the mail: its timing says nothing either.
    void (async () => {
      const accountId = await deps.store.read(async (tx) => {
        const id = /^\d{12}$/.test(account) ? account : await tx.aliases.findAccount(account.toLowerCase());
        return id !== undefined && (await tx.accounts.get(id)) !== undefined ? id : undefined;
      });
      if (accountId === undefined) return;
      // Recorded for an account that exists, mailed or not (no address, no SMTP, asked too soon).
      recordRootPasswordEvent(deps, 'PasswordRecoveryRequested', await rootEventFacts(deps, accountId, req, true));
      if (smtpUrl === undefined) return;
      const issued = await newResetToken(deps.store, accountId, deps.clock());
      if (issued === undefined) return;
      await sendResetMail(smtpUrl, { to: issued.email, accountId, link: `${origin}/console/reset-password?token=${issued.token}` });
      deps.log.info({ accountId }, 'root password reset mail sent');
    })().catch((error: unknown) => deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'root password reset mail failed'));
    return sendJson(reply, 200, { sent: true });
  });

  app.post('/console/api/root/reset-password', async (req, reply) => {
    if (crossSite(req)) return sendError(reply, 403, { code: 'InvalidCsrfToken', message: "The request must come from the console's own origin." });
    const body = jsonBody(req) ?? {};
    const token = optionalString(body, 'token');
    const newPassword = optionalString(body, 'newPassword');
    if (token === undefined || newPassword === undefined) return sendError(reply, 400, { code: 'ValidationError', message: 'token and newPassword are required strings.' });
    try {
      const accountId = await resetRootPassword(deps.store, token, newPassword, deps.clock());
      recordRootPasswordEvent(deps, 'PasswordRecoveryCompleted', await rootEventFacts(deps, accountId, req, true));
    } catch (error) {
      if (error instanceof RootAccountError) return sendError(reply, 400, { code: error.code, message: error.message });
      if (error instanceof IamError) return sendError(reply, error.status, { code: error.code, message: error.message });
      throw error;
    }
    return sendJson(reply, 200, { reset: true });
  });
}
