// The console API's JSON answers, request bodies, cookies and the same-origin and CSRF checks.

import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SECURITY_HEADERS } from './static-ui.js';
import type { ConsoleSession } from './session-cookie.js';

export interface ApiError {
  readonly code: string;
  readonly message?: string;
  readonly requestId?: string;
  readonly explanation?: unknown;
}

export async function sendJson(reply: FastifyReply, status: number, body: unknown, cookie?: string): Promise<void> {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (cookie !== undefined) headers['set-cookie'] = cookie;
  await reply.code(status).headers(headers).send(JSON.stringify(body));
}

export function sendError(reply: FastifyReply, status: number, error: ApiError, cookie?: string): Promise<void> {
  return sendJson(reply, status, { error }, cookie);
}

/** The JSON object a POST carries; undefined when the body is not one. */
export function jsonBody(req: FastifyRequest): Record<string, unknown> | undefined {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (raw === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const isSecure = (req: FastifyRequest): boolean => req.protocol === 'https';

/** The scheme and host the browser reached us on. */
export function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? ''}`;
}

/** A cross-site request, as Origin or Sec-Fetch-Site say when the browser sends them. */
export function crossSite(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== originOf(req)) return true;
  const site = req.headers['sec-fetch-site'];
  return typeof site === 'string' && site !== 'same-origin' && site !== 'none';
}

/** True when the request carries the session's CSRF token in X-Keyward-CSRF. */
export function csrfMatches(req: FastifyRequest, session: ConsoleSession): boolean {
  const given = req.headers['x-keyward-csrf'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sessionView(session: ConsoleSession | undefined): unknown {
  if (session === undefined) return { signedIn: false };
  return {
    signedIn: true,
    csrfToken: session.csrfToken,
    expiresAt: new Date(session.expiresAt * 1000).toISOString(),
    passwordChangeRequired: session.passwordChangeRequired,
    principal: {
      type: session.type,
      arn: session.arn,
      accountId: session.accountId,
      ...(session.accountAlias !== undefined && { accountAlias: session.accountAlias }),
      ...(session.userName !== undefined && { userName: session.userName }),
      displayName: session.displayName,
    },
  };
}

export const optionalString = (body: Record<string, unknown>, key: string): string | undefined =>
  typeof body[key] === 'string' ? body[key] : undefined;
