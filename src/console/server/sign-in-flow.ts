// Console sign-in: the password check of services/iam/login/sign-in.ts (account id or alias,
// user or root, lockout, expiry), then the MFA code when the principal has a device, then a
// session as GetSessionToken would issue it (12 hours for users, 1 hour for root, with the MFA
// claim when a code was given), held in the console cookie.

import { randomBytes, randomUUID } from 'node:crypto';
import { MFA_CODE_LOCK } from '../../auth/mfa/failed-codes.js';
import { verifyTotp } from '../../auth/mfa/totp.js';
import type { SessionMfa } from '../../auth/session-claims.js';
import { rootArn } from '../../domain/arn.js';
import type { User } from '../../domain/entities.js';
import { ROOT_SESSION_MAX_SECONDS, USER_SESSION_DEFAULT_SECONDS } from '../../domain/quotas.js';
import { afterLastAccepted, openDeviceSeed } from '../../services/iam/mfa/codes.js';
import { signIn, type SignInFailure } from '../../services/iam/login/sign-in.js';
import { issueSession } from '../../services/sts/session-credentials.js';
import type { ServerDeps } from '../../server/deps.js';
import type { ConsoleSession } from './session-cookie.js';

export interface SignInInput {
  readonly account: string;
  readonly userName?: string;
  readonly password: string;
  readonly mfaCode?: string;
}

export type ConsoleSignInFailure = 'SignInFailed' | 'MfaRequired' | 'MfaInvalid' | 'LockedOut';

export type ConsoleSignInResult =
  | { readonly ok: true; readonly session: ConsoleSession; readonly mfaSerial?: string; readonly user?: User }
  | {
      readonly ok: false;
      readonly code: ConsoleSignInFailure;
      /** For the trail and logs only: never shown to the browser. */
      readonly reason: SignInFailure | 'mfa-missing' | 'mfa-invalid';
      /** Known only when the password was right (MFA failures): a verified principal. */
      readonly verified?: { readonly accountId: string; readonly user: User | undefined };
      /** The account the failure happened in, when the typed account exists. */
      readonly accountId?: string;
    };

/** AWS's sign-in page says this for every wrong account, user or password. */
export const SIGN_IN_FAILED_MESSAGE = 'Your authentication information is incorrect. Please try again.';

export const USER_CONSOLE_SECONDS = USER_SESSION_DEFAULT_SECONDS;
export const ROOT_CONSOLE_SECONDS = ROOT_SESSION_MAX_SECONDS;

async function checkMfa(deps: ServerDeps, accountId: string, userName: string | null, code: string | undefined, now: Date): Promise<{ state: 'none' } | { state: 'missing' | 'invalid' } | { state: 'ok'; mfa: SessionMfa }> {
  const devices = await deps.store.read((tx) => tx.mfaDevices.listForUser(accountId, userName));
  if (devices.length === 0) return { state: 'none' };
  if (code === undefined || code === '') return { state: 'missing' };
  for (const device of devices) {
    const seed = openDeviceSeed({ secrets: deps.secrets }, device);
    if (seed === undefined) continue;
    // The same bounded guessing as STS: each code tried takes an attempt from the device.
    if (!(await deps.store.chargeMfaAttempt(accountId, device.serialNumber, now, MFA_CODE_LOCK))) continue;
    const step = verifyTotp(seed, code, now, afterLastAccepted(device));
    if (step === undefined) continue;
    if (!(await deps.store.acceptMfaTimeStep(accountId, device.serialNumber, step))) continue;
    return { state: 'ok', mfa: { authTime: Math.floor(now.getTime() / 1000), serialNumber: device.serialNumber } };
  }
  return { state: 'invalid' };
}

async function accountAlias(deps: ServerDeps, accountId: string): Promise<string | undefined> {
  const aliases = await deps.store.read((tx) => tx.aliases.list(accountId));
  return aliases[0];
}

async function accountOf(deps: ServerDeps, typed: string): Promise<string | undefined> {
  return deps.store.read(async (tx) => {
    const id = /^\d{12}$/.test(typed) ? typed : await tx.aliases.findAccount(typed.toLowerCase());
    return id !== undefined && (await tx.accounts.get(id)) !== undefined ? id : undefined;
  });
}

export async function consoleSignIn(deps: ServerDeps, input: SignInInput): Promise<ConsoleSignInResult> {
  const now = deps.clock();
  const checked = await signIn(deps.store, {
    account: input.account,
    ...(input.userName !== undefined && { userName: input.userName }),
    password: input.password,
    now,
  });
  if (!checked.ok) {
    const accountId = checked.reason === 'no-such-account' ? undefined : await accountOf(deps, input.account);
    return {
      ok: false,
      code: checked.reason === 'locked' ? 'LockedOut' : 'SignInFailed',
      reason: checked.reason,
      ...(accountId !== undefined && { accountId }),
    };
  }
  const { accountId, user } = checked;
  const mfa = await checkMfa(deps, accountId, user?.name ?? null, input.mfaCode, now);
  if (mfa.state === 'missing' || mfa.state === 'invalid') {
    return {
      ok: false,
      code: mfa.state === 'missing' ? 'MfaRequired' : 'MfaInvalid',
      reason: mfa.state === 'missing' ? 'mfa-missing' : 'mfa-invalid',
      verified: { accountId, user },
      accountId,
    };
  }
  const sessionMfa = mfa.state === 'ok' ? mfa.mfa : undefined;
  const seconds = user === undefined ? ROOT_CONSOLE_SECONDS : USER_CONSOLE_SECONDS;
  const issued = issueSession(
    { now, random: deps.random, secrets: deps.secrets },
    {
      kind: 'User',
      accountId,
      ...(user !== undefined && { user: { id: user.id, name: user.name } }),
      ...(sessionMfa !== undefined && { mfa: sessionMfa }),
      console: true,
      tags: [],
      transitiveTagKeys: [],
      policyArns: [],
    },
    seconds,
  );
  const alias = await accountAlias(deps, accountId);
  const session: ConsoleSession = {
    sid: randomUUID(),
    type: user === undefined ? 'Root' : 'IAMUser',
    arn: user === undefined ? rootArn(accountId) : user.arn,
    accountId,
    ...(alias !== undefined && { accountAlias: alias }),
    ...(user !== undefined && { userName: user.name }),
    displayName: user === undefined ? 'Root user' : user.name,
    credentials: {
      accessKeyId: issued.claims.accessKeyId,
      secretAccessKey: issued.claims.secretAccessKey,
      sessionToken: String(issued.credentials.SessionToken),
    },
    csrfToken: randomBytes(24).toString('base64url'),
    expiresAt: issued.claims.expiresAt,
    passwordChangeRequired: user !== undefined && (checked.passwordResetRequired || checked.expired),
    mfaUsed: sessionMfa !== undefined,
  };
  return { ok: true, session, ...(sessionMfa !== undefined && { mfaSerial: sessionMfa.serialNumber }), ...(user !== undefined && { user }) };
}
