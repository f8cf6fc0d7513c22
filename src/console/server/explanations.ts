// The console's kept explanations of its denied calls, in the store (migration 0012) so the
// "why" link answers on every node for 15 minutes. What is kept is the AccessDenied's sealed
// authorization message, never an opened one. Who may read it again, as AWS lets anyone decode
// an encoded authorization message: the principal that was denied (in any of its sessions), or
// any principal of the same account that the engine allows sts:DecodeAuthorizationMessage,
// checked by making that very call as the reader. Another account never sees it.

import type { FastifyRequest } from 'fastify';
import type { ConsoleContext } from './plugin.js';
import type { ConsoleSession } from './session-cookie.js';
import { explainDenial, explainMessageText, type DenialExplanation } from './explanation.js';
import { callTarget } from './call-routes.js';
import { commandOf, sdkCall } from './sdk-call.js';
import type { ApiError } from './http.js';

export const EXPLANATION_TTL_MS = 15 * 60 * 1000;
/** The newest this many per account are kept; older ones go first. */
export const EXPLANATIONS_PER_ACCOUNT = 1_000;

/** Keeps the denial's sealed message; a store failure only costs the "why" link, never the answer. */
export async function keepExplanation(ctx: ConsoleContext, session: ConsoleSession, requestId: string, encodedMessage: string): Promise<void> {
  const now = ctx.deps.clock();
  try {
    await ctx.deps.store.write((tx) =>
      tx.consoleExplanations.put(
        { requestId, accountId: session.accountId, principalArn: session.arn, encodedMessage, createDate: now, expiresAt: new Date(now.getTime() + EXPLANATION_TTL_MS) },
        { now, maxPerAccount: EXPLANATIONS_PER_ACCOUNT },
      ),
    );
  } catch (error) {
    ctx.deps.log.error({ requestId, err: error instanceof Error ? error.message : String(error) }, 'console explanation not kept');
  }
}

export type ExplanationRead =
  | { readonly ok: true; readonly explanation: DenialExplanation }
  | { readonly ok: false; readonly status: number; readonly error: ApiError };

const NOT_KEPT: ExplanationRead = {
  ok: false,
  status: 404,
  error: { code: 'NoSuchExplanation', message: 'No explanation is kept for this request in this account (they are kept 15 minutes).' },
};

/** The explanation of `requestId` as `session` may read it. */
export async function readExplanation(ctx: ConsoleContext, req: FastifyRequest, session: ConsoleSession, requestId: string): Promise<ExplanationRead> {
  const { deps } = ctx;
  const kept = await deps.store.read((tx) => tx.consoleExplanations.get(session.accountId, requestId, deps.clock()));
  if (kept === undefined) return NOT_KEPT;
  if (kept.principalArn === session.arn) {
    const explanation = explainDenial(deps.secrets, session.accountId, kept.encodedMessage, requestId);
    return explanation === undefined ? NOT_KEPT : { ok: true, explanation };
  }
  const Command = (await commandOf('sts', 'DecodeAuthorizationMessage'))!;
  const outcome = await sdkCall(callTarget(ctx, req), session.credentials, 'sts', Command, { EncodedMessage: kept.encodedMessage });
  if (!outcome.ok) {
    return { ok: false, status: outcome.status, error: { code: outcome.code, message: outcome.message, ...(outcome.requestId !== undefined && { requestId: outcome.requestId }) } };
  }
  const text = (outcome.output as { DecodedMessage?: unknown }).DecodedMessage;
  const explanation = typeof text === 'string' ? explainMessageText(text, requestId) : undefined;
  return explanation === undefined ? NOT_KEPT : { ok: true, explanation };
}
