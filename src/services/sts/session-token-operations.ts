// GetSessionToken (a user's or the root user's own permissions, in a session, usually for
// MFA) and GetFederationToken (a federated user: the calling user's permissions narrowed
// by the session policies passed). Both need long-term credentials (session-limits.ts).

import { federatedUserArn } from '../../domain/arn.js';
import { ROOT_SESSION_MAX_SECONDS, USER_SESSION_DEFAULT_SECONDS } from '../../domain/quotas.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { optInt, str } from '../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../operation.js';
import { acceptMfaCode, verifyMfaCode } from './mfa-code.js';
import { issueSession, requireSessionPolicyArns } from './session-credentials.js';
import { readSessionRequest, sessionTagKeys } from './session-request.js';

/** 900-129600 seconds (the model checks the range), 12 hours by default; the root user gets at most one hour. */
function userSessionDuration(input: WireObject, ctx: ServiceContext): number {
  const requested = optInt(input, 'DurationSeconds') ?? USER_SESSION_DEFAULT_SECONDS;
  return ctx.caller.principal.type === 'Root' ? Math.min(requested, ROOT_SESSION_MAX_SECONDS) : requested;
}

function sessionUser(ctx: ServiceContext): { user: { id: string; name: string } } | Record<string, never> {
  const user = ctx.caller.user;
  return user === undefined ? {} : { user: { id: user.id, name: user.name } };
}

export const sessionTokenOperations: OperationTable = {
  GetSessionToken: {
    // AWS: no permission is needed; the operation authenticates, it does not authorize.
    checks: () => [],
    async run(input, ctx) {
      const verified = await verifyMfaCode(input, ctx);
      const duration = userSessionDuration(input, ctx);
      const mfa = verified === undefined ? undefined : await acceptMfaCode(ctx, verified);
      const issued = issueSession(
        ctx,
        { kind: 'User', accountId: ctx.accountId, ...sessionUser(ctx), ...(mfa !== undefined && { mfa }), tags: [], transitiveTagKeys: [], policyArns: [] },
        duration,
      );
      return { Credentials: issued.credentials };
    },
  },

  GetFederationToken: {
    checks(input, ctx) {
      const request = readSessionRequest(input);
      const resource = federatedUserArn(ctx.accountId, str(input, 'Name'));
      const keys = sessionTagKeys(request);
      const checks: AuthCheck[] = [{ resource, keys }];
      if (request.tags.length > 0) checks.push({ action: 'sts:TagSession', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'Name');
      const request = readSessionRequest(input);
      await ctx.store.read((tx) => requireSessionPolicyArns(tx, ctx.accountId, request.policyArns));
      const issued = issueSession(
        ctx,
        {
          kind: 'FederatedUser',
          accountId: ctx.accountId,
          sessionName: name,
          ...sessionUser(ctx),
          tags: request.tags,
          transitiveTagKeys: [],
          ...(request.policy !== undefined && { policy: request.policy }),
          policyArns: request.policyArns,
        },
        userSessionDuration(input, ctx),
      );
      return {
        Credentials: issued.credentials,
        FederatedUser: { FederatedUserId: `${ctx.accountId}:${name}`, Arn: federatedUserArn(ctx.accountId, name) },
        ...(request.packedPolicySize !== undefined && { PackedPolicySize: request.packedPolicySize }),
      };
    },
  },
};
