// The console session: a JWE (jose, `dir` + A256GCM) under a key derived from the master key,
// in the HttpOnly, SameSite=Strict cookie `keyward_console`. It carries the signed-in
// principal's temporary credentials, so no node keeps a session table; the browser cannot read
// it and cannot forge or alter it.

import { EncryptJWT, jwtDecrypt } from 'jose';
import type { SecretBox } from '../../auth/secret-box.js';

export const COOKIE_NAME = 'keyward_console';

/** HKDF purpose of the cookie key: changing it signs every console session out. */
const KEY_PURPOSE = 'keyward console session v1';

export type ConsolePrincipalType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser';

export interface ConsoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** What the cookie holds. */
export interface ConsoleSession {
  /** A random id naming this sign-in. */
  readonly sid: string;
  readonly type: ConsolePrincipalType;
  readonly arn: string;
  readonly accountId: string;
  readonly accountAlias?: string;
  readonly userName?: string;
  readonly displayName: string;
  readonly credentials: ConsoleCredentials;
  readonly csrfToken: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  /** A forced password change is pending: only ChangePassword and GetAccountPasswordPolicy run. */
  readonly passwordChangeRequired: boolean;
  readonly mfaUsed: boolean;
}

const keys = new WeakMap<SecretBox, Uint8Array>();

function cookieKey(master: SecretBox): Uint8Array {
  let key = keys.get(master);
  if (key === undefined) {
    key = new Uint8Array(master.deriveKey(KEY_PURPOSE));
    keys.set(master, key);
  }
  return key;
}

export async function sealSession(master: SecretBox, session: ConsoleSession): Promise<string> {
  return new EncryptJWT({ s: session })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setExpirationTime(session.expiresAt)
    .encrypt(cookieKey(master));
}

/** The session in a cookie value, or undefined when it is not one of ours, altered or expired at `now`. */
export async function openSession(master: SecretBox, token: string, now: Date): Promise<ConsoleSession | undefined> {
  try {
    const { payload } = await jwtDecrypt(token, cookieKey(master), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      currentDate: now,
      clockTolerance: 0,
    });
    const session = payload.s as ConsoleSession | undefined;
    if (typeof session !== 'object' || session === null || typeof session.sid !== 'string' || typeof session.expiresAt !== 'number') return undefined;
    if (now.getTime() >= session.expiresAt * 1000) return undefined;
    return session;
  } catch {
    return undefined;
  }
}

/** The Set-Cookie value for a session; `Secure` when the console is served over TLS. */
export function sessionCookie(value: string, expiresAt: number, secure: boolean, now: Date): string {
  const maxAge = Math.max(0, expiresAt - Math.floor(now.getTime() / 1000));
  return `${COOKIE_NAME}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The cookie's value in a Cookie header, if present. */
export function readCookie(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === COOKIE_NAME) return part.slice(eq + 1).trim();
  }
  return undefined;
}
