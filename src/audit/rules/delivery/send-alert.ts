// One delivery attempt: the outbox row's body sent to its API destination with the
// connection's credentials (an API key header, or Basic auth) and Keyward's signature header,
// an HMAC of the body keyed with the connection's secret (webhook-signature.ts), so a receiver
// that knows the secret can tell a real alert from a forged or replayed one.

import type { SecretBox } from '../../../auth/secret-box.js';
import type { ApiDestination, EventConnection } from '../../../storage/events-repositories.js';
import { SIGNATURE_HEADER, signWebhook } from '../webhook-signature.js';

/** `permanent`: no retry can succeed (the destination is gone). */
export type SendResult = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly permanent?: boolean };

export interface SendOptions {
  readonly secrets: SecretBox;
  readonly now: Date;
  readonly timeoutMs: number;
}

export async function sendAlert(destination: ApiDestination, connection: EventConnection, body: string, options: SendOptions): Promise<SendResult> {
  const secret = options.secrets.open(connection.sealedSecret, connection.arn);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Keyward-Alerts/1',
    [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(options.now.getTime() / 1000)),
  };
  if (connection.authorizationType === 'API_KEY') headers[connection.authName.toLowerCase()] = secret;
  else headers.authorization = `Basic ${Buffer.from(`${connection.authName}:${secret}`, 'utf8').toString('base64')}`;
  const method = destination.httpMethod;
  const sendsBody = method !== 'GET' && method !== 'HEAD';
  try {
    const response = await fetch(destination.endpoint, {
      method,
      headers,
      ...(sendsBody && { body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // The answer is not read beyond its status; drain it so the socket can be reused.
    await response.arrayBuffer().catch(() => undefined);
    return response.status >= 200 && response.status < 300 ? { ok: true } : { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    // Never the URL's query nor headers: only what kind of failure it was.
    const cause = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : (error.cause as { code?: string } | undefined)?.code ?? error.name) : 'failed';
    return { ok: false, error: `request ${cause}` };
  }
}
