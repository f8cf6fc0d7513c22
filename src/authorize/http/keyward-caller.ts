// The asking party of the authorization API: a Keyward principal that signs its call to
// Keyward with SigV4 (credential scope service `keyward`), allowed the Keyward action it
// calls. This is the route module's own authentication (built on verifySigV4 and the server's
// per-generation caller caches, as handle-request.ts does for IAM).

import type { Caller } from '../../auth/caller.js';
import { verifySigV4, type SigV4Headers } from '../../auth/sigv4/index.js';
import { IamError } from '../../protocol/errors.js';
import { enforce, globalKeys } from '../../services/authorize-call.js';
import { encodeAuthorizationMessage } from '../../services/sts/authz-message-seal.js';
import type { ServerDeps } from '../../server/deps.js';
import { recordCredentialUse, type CallerRecord } from '../../server/resolve-caller.js';

/** The credential scope's service for calls to the authorization API. */
export const KEYWARD_SIGNING_NAME = 'keyward';

export interface AskingRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: SigV4Headers;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly secure: boolean;
}

export interface AskingCaller {
  readonly caller: Caller;
  readonly generation: number;
  readonly region: string;
  /** Throws AccessDenied (AWS's message, sealed explanation header) unless the caller may do `action` on `resource`. */
  authorize(action: string, resource: string): Promise<void>;
}

/** Verifies the asking call's signature and resolves its caller; AWS's errors (IamError) otherwise. */
export async function askingCaller(deps: ServerDeps, req: AskingRequest): Promise<AskingCaller> {
  const now = deps.clock();
  await deps.store.syncGeneration();
  const generation = deps.store.generation();
  const verified = await verifySigV4<CallerRecord>(
    { method: req.method, path: req.path, query: req.query, headers: req.headers, body: req.body },
    {
      now: () => now,
      services: [KEYWARD_SIGNING_NAME],
      // The body is what is decided on: it must be signed.
      allowUnsignedPayload: false,
      lookupSecret: (id, context) =>
        deps.callers.lookup(id, { now, generation, ...(context.securityToken !== undefined && { securityToken: context.securityToken }) }),
    },
  );
  if (!verified.ok) throw new IamError(verified.error.code as never, verified.error.message);
  const caller = await deps.callers.resolve(verified.value.record, generation);
  const region = verified.value.region;
  recordCredentialUse(deps.store, caller, { date: now, service: KEYWARD_SIGNING_NAME, region });
  let policies: Awaited<ReturnType<typeof deps.callers.policies>> | undefined;
  return {
    caller,
    generation,
    region,
    async authorize(action, resource) {
      // The root user may do anything in its own account (enforce leaves cross-account to the engine).
      if (caller.principal.type === 'Root' && resource.split(':')[4] === caller.accountId) return;
      policies ??= caller.principal.type === 'Root' ? { identity: [] } : await deps.callers.policies(caller, generation);
      const userAgent = req.headers['user-agent'];
      const base = globalKeys(caller, {
        sourceIp: req.sourceIp,
        secureTransport: req.secure,
        now,
        region,
        ...(typeof userAgent === 'string' && { userAgent }),
      });
      enforce(caller, policies, [{ action, resource }], action, base, {
        sealMessage: (message) => encodeAuthorizationMessage(deps.secrets, caller.accountId, message),
        ...(deps.metrics !== undefined && { onDecision: deps.metrics.decision.bind(deps.metrics) }),
      });
    },
  };
}

/** `arn:aws:keyward::ACCOUNT:service/PREFIX`: what keyward:Authorize and the definition actions act on. */
export function serviceDefinitionArn(accountId: string, prefix: string): string {
  return `arn:aws:keyward::${accountId}:service/${prefix}`;
}
