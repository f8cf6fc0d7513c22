// GET session, POST sign-in, sign-out and change-password.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConsoleContext } from './plugin.js';
import { crossSite, csrfMatches, isSecure, jsonBody, optionalString, originOf, sendError, sendJson, sessionView } from './http.js';
import { clearedCookie, sealSession, sessionCookie, type ConsoleSession } from './session-cookie.js';
import { consoleSignIn, SIGN_IN_FAILED_MESSAGE, type ConsoleSignInFailure } from './sign-in-flow.js';
import { failedIdentity, recordRootPasswordEvent, recordSignIn, rootEventFacts, signInIdentity } from './signin-events.js';
import { commandOf, sdkCall } from './sdk-call.js';
import { callTarget } from './call-routes.js';
import { IamError } from '../../protocol/errors.js';
import { signIn } from '../../services/iam/login/sign-in.js';
import { tooManyPasswordAttempts, wrongOldPassword } from '../../services/iam/login/errors.js';
import { setRootPassword } from './root-account.js';

const FAILURE_MESSAGES: Readonly<Record<ConsoleSignInFailure, string>> = {
  SignInFailed: SIGN_IN_FAILED_MESSAGE,
  MfaRequired: 'Enter the code from your MFA device.',
  MfaInvalid: 'The MFA code is not valid. Wait for a new code and try again.',
  LockedOut: 'Too many failed password attempts; try again later.',
};

export async function setSessionCookie(ctx: ConsoleContext, req: FastifyRequest, session: ConsoleSession): Promise<string> {
  return sessionCookie(await sealSession(ctx.deps.secrets, session), session.expiresAt, isSecure(req), ctx.deps.clock());
}

/** The session of a write (POST) request: signed in, same-origin and carrying its CSRF token; else answered here. */
export async function writeSession(ctx: ConsoleContext, req: FastifyRequest, reply: Parameters<typeof sendError>[0]): Promise<ConsoleSession | undefined> {
  const session = await ctx.session(req);
  if (session !== undefined && !crossSite(req) && csrfMatches(req, session)) return session;
  if (session === undefined && !crossSite(req)) {
    await sendError(reply, 401, { code: 'NotSignedIn', message: 'Sign in to the console first.' });
  } else {
    await sendError(reply, 403, { code: 'InvalidCsrfToken', message: 'The request did not carry the session\'s CSRF token from this origin.' });
  }
  return undefined;
}

export function registerSessionRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { deps } = ctx;

  app.get('/console/api/session', async (req, reply) => sendJson(reply, 200, sessionView(await ctx.session(req))));

  app.post('/console/api/sign-in', async (req, reply) => {
    if (crossSite(req)) return sendError(reply, 403, { code: 'InvalidCsrfToken', message: 'Sign-in must come from the console\'s own origin.' });
    const body = jsonBody(req);
    const account = body === undefined ? undefined : optionalString(body, 'account');
    const password = body === undefined ? undefined : optionalString(body, 'password');
    if (body === undefined || account === undefined || password === undefined || (body.userName !== undefined && typeof body.userName !== 'string') || (body.mfaCode !== undefined && typeof body.mfaCode !== 'string')) {
      return sendError(reply, 400, { code: 'ValidationError', message: 'account and password are required strings; userName and mfaCode are optional strings.' });
    }
    const userName = optionalString(body, 'userName');
    const mfaCode = optionalString(body, 'mfaCode');
    if (userName === '') return sendError(reply, 400, { code: 'ValidationError', message: 'userName must not be empty: omit it to sign in as the root user.' });
    const result = await consoleSignIn(deps, {
      account: account.trim(),
      ...(userName !== undefined && { userName }),
      password,
      ...(mfaCode !== undefined && { mfaCode: mfaCode.trim() }),
    });
    const common = {
      sourceIp: req.ip,
      ...(typeof req.headers['user-agent'] === 'string' && { userAgent: req.headers['user-agent'] }),
      loginTo: `${originOf(req)}/console/`,
    };
    if (!result.ok) {
      if (result.verified !== undefined) {
        const alias = (await deps.store.read((tx) => tx.aliases.list(result.verified!.accountId)))[0];
        recordSignIn(deps, { ...common, accountId: result.verified.accountId, identity: signInIdentity(result.verified.accountId, result.verified.user, alias), success: false }, { checkedMfa: result.code === 'MfaInvalid' });
      } else if (result.accountId !== undefined) {
        const accountId = result.accountId;
        const user = userName === undefined ? undefined : await deps.store.read((tx) => tx.users.get(accountId, userName));
        recordSignIn(deps, { ...common, accountId, identity: failedIdentity(accountId, user, userName === undefined), success: false }, { checkedMfa: false });
      }
      // MfaRequired is a step, not a failure: nothing to record until a code is tried.
      return sendError(reply, 401, { code: result.code, message: FAILURE_MESSAGES[result.code] });
    }
    const session = result.session;
    recordSignIn(
      deps,
      { ...common, accountId: session.accountId, identity: signInIdentity(session.accountId, result.user, session.accountAlias), success: true, ...(result.mfaSerial !== undefined && { mfaSerial: result.mfaSerial }) },
      { checkedMfa: result.mfaSerial !== undefined },
    );
    return sendJson(reply, 200, sessionView(session), await setSessionCookie(ctx, req, session));
  });

  app.post('/console/api/sign-out', async (req, reply) => {
    if (crossSite(req)) return sendError(reply, 403, { code: 'InvalidCsrfToken', message: 'Sign-out must come from the console\'s own origin.' });
    const session = await ctx.session(req);
    // Signing out of an expired session is fine; signing someone else out needs their token.
    if (session !== undefined && !csrfMatches(req, session)) {
      return sendError(reply, 403, { code: 'InvalidCsrfToken', message: 'The request did not carry the session\'s CSRF token.' });
    }
    return sendJson(reply, 200, { signedIn: false }, clearedCookie(isSecure(req)));
  });

  app.post('/console/api/change-password', async (req, reply) => {
    const session = await writeSession(ctx, req, reply);
    if (session === undefined) return;
    const body = jsonBody(req);
    const oldPassword = body === undefined ? undefined : optionalString(body, 'oldPassword');
    const newPassword = body === undefined ? undefined : optionalString(body, 'newPassword');
    if (oldPassword === undefined || newPassword === undefined) {
      return sendError(reply, 400, { code: 'ValidationError', message: 'oldPassword and newPassword are required strings.' });
    }
    if (session.type === 'Root') return changeRootPassword(ctx, req, reply, session, oldPassword, newPassword);
    if (session.type !== 'IAMUser') {
      return sendError(reply, 400, { code: 'InvalidUserType', message: 'Only an IAM user or the root user has a console password to change.' });
    }
    const Command = (await commandOf('iam', 'ChangePassword'))!;
    const outcome = await sdkCall(callTarget(ctx, req), session.credentials, 'iam', Command, { OldPassword: oldPassword, NewPassword: newPassword });
    if (!outcome.ok) {
      return sendError(reply, outcome.status, { code: outcome.code, message: outcome.message, ...(outcome.requestId !== undefined && { requestId: outcome.requestId }) });
    }
    const changed: ConsoleSession = { ...session, passwordChangeRequired: false };
    return sendJson(reply, 200, sessionView(changed), await setSessionCookie(ctx, req, changed));
  });
}

/** Root has no ChangePassword action: the old password is checked as a sign-in would (lockout included). */
async function changeRootPassword(
  ctx: ConsoleContext,
  req: FastifyRequest,
  reply: Parameters<typeof sendError>[0],
  session: ConsoleSession,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const { deps } = ctx;
  const record = async (success: boolean): Promise<void> =>
    recordRootPasswordEvent(deps, 'PasswordUpdated', await rootEventFacts(deps, session.accountId, req, success));
  const checked = await signIn(deps.store, { account: session.accountId, password: oldPassword, now: deps.clock() });
  if (!checked.ok) {
    await record(false);
    const error = checked.reason === 'locked' ? tooManyPasswordAttempts() : wrongOldPassword();
    return sendError(reply, error.status, { code: error.code, message: error.message });
  }
  try {
    await setRootPassword(deps.store, session.accountId, newPassword, deps.clock());
  } catch (error) {
    if (error instanceof IamError) {
      await record(false);
      return sendError(reply, error.status, { code: error.code, message: error.message });
    }
    throw error;
  }
  await record(true);
  const changed: ConsoleSession = { ...session, passwordChangeRequired: false };
  return sendJson(reply, 200, sessionView(changed), await setSessionCookie(ctx, req, changed));
}
