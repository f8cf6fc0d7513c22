// One console call: the operation run AS the signed-in principal with the AWS SDK v3 client of
// its service (`<Action>Command`), signed with the session's temporary credentials and sent
// through InjectHandler, so it is authorized, recorded and answered exactly as the same call from
// the aws CLI. The answer is JSON-safe: no `$metadata`, dates as ISO strings, bytes as base64.

import type { FastifyInstance } from 'fastify';
import type { ConsoleCredentials } from './session-cookie.js';
import { InjectHandler } from './inject-handler.js';

export type ConsoleService = 'iam' | 'sts' | 'access-analyzer' | 'cloudtrail' | 'events';

type Module = Record<string, unknown>;

interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
  destroy(): void;
}

// Loaded on first use: a server whose console is never used never loads the SDK clients.
const SERVICES: Readonly<Record<ConsoleService, { load: () => Promise<unknown>; client: string }>> = {
  iam: { load: () => import('@aws-sdk/client-iam'), client: 'IAMClient' },
  sts: { load: () => import('@aws-sdk/client-sts'), client: 'STSClient' },
  'access-analyzer': { load: () => import('@aws-sdk/client-accessanalyzer'), client: 'AccessAnalyzerClient' },
  cloudtrail: { load: () => import('@aws-sdk/client-cloudtrail'), client: 'CloudTrailClient' },
  events: { load: () => import('@aws-sdk/client-eventbridge'), client: 'EventBridgeClient' },
};

async function moduleOf(service: ConsoleService): Promise<Module> {
  return (await SERVICES[service].load()) as Module;
}

export function isConsoleService(value: unknown): value is ConsoleService {
  return typeof value === 'string' && Object.hasOwn(SERVICES, value);
}

const ACTION = /^[A-Z][A-Za-z0-9]{1,127}$/;

/** The SDK command class of `service:action`, or undefined when the SDK has no such operation. */
export async function commandOf(service: ConsoleService, action: string): Promise<(new (input: object) => unknown) | undefined> {
  if (!ACTION.test(action)) return undefined;
  const found = (await moduleOf(service))[`${action}Command`];
  return typeof found === 'function' ? (found as new (input: object) => unknown) : undefined;
}

export interface CallTarget {
  readonly app: FastifyInstance;
  /** Scheme and host the browser reached the console on (the SDK signs the Host header). */
  readonly secure: boolean;
  readonly host: string;
  readonly remoteAddress: string;
  readonly userAgent?: string;
  /** The server's clock: the SDK signs with it, so a moved clock stays within SigV4's skew. */
  readonly now: Date;
}

export type CallOutcome =
  | { readonly ok: true; readonly output: unknown }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
      readonly requestId?: string;
      /** The sealed authorization message of an AccessDenied (authz-message-seal.ts). */
      readonly encodedMessage?: string;
    };

const ENCODED_MESSAGE_HEADER = 'x-keyward-encoded-authorization-message';

/** Runs one call; never throws for the call's own failure. */
export async function sdkCall(
  target: CallTarget,
  credentials: ConsoleCredentials,
  service: ConsoleService,
  Command: new (input: object) => unknown,
  input: object,
): Promise<CallOutcome> {
  const handler = new InjectHandler(target.app, { remoteAddress: target.remoteAddress, secure: target.secure });
  const Client = (await moduleOf(service))[SERVICES[service].client] as new (config: object) => SdkClient;
  const client = new Client({
    endpoint: `${target.secure ? 'https' : 'http'}://${target.host}`,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    systemClockOffset: target.now.getTime() - Date.now(),
    requestHandler: handler,
    customUserAgent: 'keyward-console',
  });
  try {
    const result = await client.send(new Command(input));
    const { $metadata: _metadata, ...output } = result;
    return { ok: true, output: jsonSafe(output) };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number; requestId?: string } };
    const status = e.$metadata?.httpStatusCode;
    const encoded = handler.lastHeaders[ENCODED_MESSAGE_HEADER];
    if (typeof status === 'number' && status >= 400) {
      return {
        ok: false,
        status,
        code: typeof e.name === 'string' ? e.name : 'UnknownError',
        message: typeof e.message === 'string' ? e.message : '',
        ...(e.$metadata?.requestId !== undefined && { requestId: e.$metadata.requestId }),
        ...(encoded !== undefined && { encodedMessage: encoded }),
      };
    }
    // The SDK refused the input before sending it (a member of the wrong type).
    return { ok: false, status: 400, code: 'ValidationError', message: `The input could not be sent: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    client.destroy();
  }
}

/** Dates as ISO strings, bytes as base64; everything else as it is. */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonSafe(v);
    return out;
  }
  return value;
}
