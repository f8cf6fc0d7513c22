// AWS's console federation endpoint (IAM User Guide, "Enable custom identity broker access to the
// AWS console"): `GET /federation?Action=getSigninToken&Session=...` turns the temporary
// credentials of a role session (AssumeRole*) or a federated user (GetFederationToken) into a
// SigninToken, valid 15 minutes and once; `Action=login&Destination=...&SigninToken=...` signs the
// browser in to the console with them and redirects to Destination (only a same-origin
// /console page). Long-term keys and GetSessionToken sessions are refused, as AWS refuses them.

import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Caller } from '../../auth/caller.js';
import type { SecretBox } from '../../auth/secret-box.js';
import type { SessionClaims } from '../../auth/session-claims.js';
import { sessionTokenKeys } from '../../auth/session-token.js';
import { userIdentityOf } from '../../audit/record/user-identity.js';
import { assumedRoleArn, federatedUserArn } from '../../domain/arn.js';
import type { ConsoleContext } from './plugin.js';
import { isSecure, originOf } from './http.js';
import { sealSession, sessionCookie, type ConsoleSession } from './session-cookie.js';
import { recordSignIn } from './signin-events.js';
import { SECURITY_HEADERS } from './static-ui.js';

/** A SigninToken works this long, once (AWS: "valid for 15 minutes"). */
export const SIGNIN_TOKEN_TTL_SECONDS = 15 * 60;
const MIN_DURATION = 900;
const MAX_DURATION = 43_200;
const TOKEN_PURPOSE = 'keyward console signin token v1';
const USED_SCOPE = 'console-signin-token';

const keys = new WeakMap<SecretBox, Uint8Array>();
function tokenKey(master: SecretBox): Uint8Array {
  let key = keys.get(master);
  if (key === undefined) {
    key = new Uint8Array(master.deriveKey(TOKEN_PURPOSE));
    keys.set(master, key);
  }
  return key;
}

interface SigninTokenBody {
  readonly id: string;
  readonly sessionId: string;
  readonly sessionKey: string;
  readonly sessionToken: string;
  /** Seconds since the epoch: when the console session ends. */
  readonly consoleExpiresAt: number;
}

async function failure(reply: FastifyReply, status: number, message: string, code = 'InvalidCredentials'): Promise<void> {
  await reply
    .code(status)
    .headers({ ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .send(JSON.stringify({ error: { code, message } }));
}

const INVALID_CREDENTIALS = 'Invalid Credentials Parameter. The request sent by the client was syntactically incorrect.';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The verified claims of the `Session` parameter's credentials, or a reason they are refused. */
function verifiedClaims(master: SecretBox, session: unknown, now: Date): SessionClaims | undefined {
  if (typeof session !== 'object' || session === null) return undefined;
  const { sessionId, sessionKey, sessionToken } = session as Record<string, unknown>;
  if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string') return undefined;
  const verified = sessionTokenKeys(master).verify(sessionToken, sessionId, now);
  if (!verified.ok || !sameText(verified.claims.secretAccessKey, sessionKey)) return undefined;
  // Only role sessions and federated users: GetSessionToken sessions and console sessions are not.
  if (verified.claims.kind === 'User' || verified.claims.console === true) return undefined;
  return verified.claims;
}

function safeDestination(req: FastifyRequest, destination: string | undefined): string {
  if (destination === undefined || destination === '') return '/console/';
  try {
    const origin = originOf(req);
    const url = new URL(destination, origin);
    if (url.origin === origin && (url.pathname === '/console' || url.pathname.startsWith('/console/'))) return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    // Not a URL: the console's home.
  }
  return '/console/';
}

function callerOf(claims: SessionClaims): Caller {
  if (claims.kind === 'AssumedRole') {
    const role = claims.role!;
    return {
      accountId: claims.accountId,
      principal: { type: 'AssumedRole', arn: assumedRoleArn(claims.accountId, role.name, claims.sessionName!), account: claims.accountId, roleArn: role.arn },
      userId: `${role.id}:${claims.sessionName!}`,
      accessKeyId: '',
      session: claims,
    };
  }
  return {
    accountId: claims.accountId,
    principal: { type: 'FederatedUser', arn: federatedUserArn(claims.accountId, claims.sessionName!), account: claims.accountId },
    userId: `${claims.accountId}:${claims.sessionName!}`,
    accessKeyId: '',
    session: claims,
  };
}

export function registerFederation(app: FastifyInstance, ctx: ConsoleContext): void {
  const { deps } = ctx;
  app.get('/federation', async (req, reply) => {
    const query = req.query as Record<string, string | string[] | undefined>;
    const param = (name: string): string | undefined => (typeof query[name] === 'string' ? query[name] : undefined);
    const action = param('Action');
    const now = deps.clock();
    const nowSeconds = Math.floor(now.getTime() / 1000);

    if (action === 'getSigninToken') {
      let session: unknown;
      try {
        session = JSON.parse(param('Session') ?? '');
      } catch {
        return failure(reply, 400, INVALID_CREDENTIALS);
      }
      const claims = verifiedClaims(deps.secrets, session, now);
      if (claims === undefined) return failure(reply, 400, INVALID_CREDENTIALS);
      const durationText = param('SessionDuration');
      let consoleExpiresAt = claims.expiresAt;
      if (durationText !== undefined) {
        const duration = Number(durationText);
        // AWS: only for AssumeRole* credentials, 900 to 43200 seconds.
        if (claims.kind !== 'AssumedRole' || !Number.isInteger(duration) || duration < MIN_DURATION || duration > MAX_DURATION) {
          return failure(reply, 400, INVALID_CREDENTIALS);
        }
        // The console calls with these credentials: it cannot outlive them.
        consoleExpiresAt = Math.min(nowSeconds + duration, claims.expiresAt);
      }
      const { sessionId, sessionKey, sessionToken } = session as Record<string, string>;
      const body: SigninTokenBody = { id: randomUUID(), sessionId: sessionId!, sessionKey: sessionKey!, sessionToken: sessionToken!, consoleExpiresAt };
      const token = await new EncryptJWT({ t: body })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setExpirationTime(nowSeconds + SIGNIN_TOKEN_TTL_SECONDS)
        .encrypt(tokenKey(deps.secrets));
      return reply
        .code(200)
        .headers({ ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' })
        .send(JSON.stringify({ SigninToken: token }));
    }

    if (action === 'login') {
      const token = param('SigninToken');
      let body: SigninTokenBody | undefined;
      try {
        const opened = await jwtDecrypt(token ?? '', tokenKey(deps.secrets), { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'], currentDate: now, clockTolerance: 0 });
        body = opened.payload.t as SigninTokenBody;
      } catch {
        body = undefined;
      }
      const claims = body === undefined ? undefined : verifiedClaims(deps.secrets, body, now);
      if (body === undefined || claims === undefined) return failure(reply, 400, 'The sign-in token is not valid or has expired.');
      // Once only, on every node.
      if (!(await deps.store.claimOnce(USED_SCOPE, body.id, new Date((nowSeconds + SIGNIN_TOKEN_TTL_SECONDS) * 1000), now))) {
        return failure(reply, 400, 'The sign-in token is not valid or has expired.');
      }
      const caller = callerOf(claims);
      // The console's own copy of the token, marked as a console session (no API limits on IAM).
      const consoleToken = sessionTokenKeys(deps.secrets).seal({ ...claims, console: true });
      const alias = (await deps.store.read((tx) => tx.aliases.list(claims.accountId)))[0];
      const name = claims.kind === 'AssumedRole' ? `${claims.role!.name}/${claims.sessionName!}` : claims.sessionName!;
      const session: ConsoleSession = {
        sid: randomUUID(),
        type: claims.kind === 'AssumedRole' ? 'AssumedRole' : 'FederatedUser',
        arn: caller.principal.arn,
        accountId: claims.accountId,
        ...(alias !== undefined && { accountAlias: alias }),
        displayName: name,
        credentials: { accessKeyId: claims.accessKeyId, secretAccessKey: claims.secretAccessKey, sessionToken: consoleToken },
        csrfToken: randomBytes(24).toString('base64url'),
        expiresAt: Math.min(body.consoleExpiresAt, claims.expiresAt),
        passwordChangeRequired: false,
        mfaUsed: claims.mfa !== undefined,
      };
      recordSignIn(
        deps,
        {
          accountId: claims.accountId,
          identity: userIdentityOf(caller),
          sourceIp: req.ip,
          ...(typeof req.headers['user-agent'] === 'string' && { userAgent: req.headers['user-agent'] }),
          loginTo: `${originOf(req)}${safeDestination(req, param('Destination'))}`,
          success: true,
        },
        { checkedMfa: false },
      );
      const cookie = sessionCookie(await sealSession(deps.secrets, session), session.expiresAt, isSecure(req), now);
      return reply
        .code(302)
        .headers({ ...SECURITY_HEADERS, location: safeDestination(req, param('Destination')), 'set-cookie': cookie, 'cache-control': 'no-store' })
        .send();
    }

    return failure(reply, 400, 'Action must be getSigninToken or login.', 'InvalidRequest');
  });
}
