// How the insights routes reach the API: one AWS operation as the signed-in principal of
// the request, through the console's SDK path (the same authorization and audit as the aws
// CLI). The console plugin provides it; it throws the SDK's error (name, message,
// $metadata) for a failed call, and a `{ name: 'NotSignedIn' }` error without a session.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type Json = Record<string, unknown>;

export type CallAs = (request: FastifyRequest, service: 'iam' | 'sts' | 'access-analyzer' | 'cloudtrail' | 'events', action: string, input: Json) => Promise<Json>;

interface CallError {
  readonly name?: string;
  readonly message?: string;
  readonly statusCode?: number;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
  readonly explanation?: unknown;
}

/** True for the errors AWS gives a principal that may not make the call. */
export function isAccessDenied(e: unknown): boolean {
  const name = (e as CallError | undefined)?.name ?? '';
  return /AccessDenied|Unauthorized/.test(name);
}

/** A failed call as the console API's error body and status. */
export function sendCallError(reply: FastifyReply, e: unknown): FastifyReply {
  const err = (e ?? {}) as CallError;
  const status = err.$metadata?.httpStatusCode ?? err.statusCode ?? (err.name === 'NotSignedIn' ? 401 : 500);
  const code = err.name ?? 'InternalFailure';
  const message = status >= 500 && err.$metadata === undefined ? 'The console could not complete the request.' : (err.message ?? code);
  return reply.code(status).send({
    error: {
      code,
      message,
      ...(err.$metadata?.requestId === undefined ? {} : { requestId: err.$metadata.requestId }),
      ...(err.explanation === undefined ? {} : { explanation: err.explanation }),
    },
  });
}
