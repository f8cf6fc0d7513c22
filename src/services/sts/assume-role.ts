// AssumeRole: a user or role session gives up its own permissions for a role's. The
// caller's policies and the role's trust policy (as the resource-based policy) decide,
// with the session's tags, external id, session name and source identity as keys.

import type { Caller } from '../../auth/caller.js';
import type { Role } from '../../domain/entities.js';
import { assumedRoleArn, parseIamArn } from '../../domain/arn.js';
import { ROLE_SESSION_DEFAULT_SECONDS } from '../../domain/quotas.js';
import type { ContextValue } from '../../policy/context.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { resourceTagKeys } from '../iam/tag-keys.js';
import { optInt, optStr, str } from '../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../operation.js';
import { compiledPolicy } from '../policy-cache.js';
import { acceptMfaCode, mfaRequestKeys, verifyMfaCode } from './mfa-code.js';
import { chainedSourceIdentity, chainedTags } from './session-chaining.js';
import { issueSession, requireSessionPolicyArns } from './session-credentials.js';
import { readSessionRequest, sessionTagKeys } from './session-request.js';
import {
  durationExceedsChainLimit,
  durationExceedsRoleMax,
  invalidRoleArn,
  notAuthorizedToAssume,
  rootCannotAssumeRole,
} from './sts-errors.js';

// Six colon-separated fields, the last not empty: anything else is not an ARN at all.
const ARN_SHAPE = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:[^:]+$/;

/** The role the RoleArn names, path included; AccessDenied, as AWS answers, when there is none. */
async function targetRole(ctx: ServiceContext, arn: string): Promise<Role> {
  if (!ARN_SHAPE.test(arn)) throw invalidRoleArn(arn);
  const parsed = parseIamArn(arn);
  const role =
    parsed?.kind === 'role' ? await ctx.store.read((tx) => tx.roles.get(parsed.account, parsed.name)) : undefined;
  if (role === undefined || parsed?.kind !== 'role' || role.path !== parsed.path) throw notAuthorizedToAssume(ctx.caller.principal.arn, arn);
  return role;
}

function assertMayAssume(caller: Caller): void {
  if (caller.principal.type === 'Root') throw rootCannotAssumeRole();
}

export const assumeRoleOperations: OperationTable = {
  AssumeRole: {
    async checks(input, ctx) {
      assertMayAssume(ctx.caller);
      const role = await targetRole(ctx, str(input, 'RoleArn'));
      const request = readSessionRequest(input);
      chainedTags(request, ctx.caller.session);
      const sourceIdentity = chainedSourceIdentity(input, ctx.caller.session);
      // A valid code makes this request MFA-authenticated, for the trust policy's conditions too.
      const mfa = await verifyMfaCode(input, ctx);
      const externalId = optStr(input, 'ExternalId');
      const keys: Record<string, ContextValue> = {
        ...mfaRequestKeys(mfa),
        ...resourceTagKeys(role.tags),
        ...sessionTagKeys(request),
        'sts:RoleSessionName': str(input, 'RoleSessionName'),
        ...(externalId !== undefined && { 'sts:ExternalId': externalId }),
        ...(sourceIdentity !== undefined && { 'sts:SourceIdentity': sourceIdentity }),
      };
      const trust = compiledPolicy(`role/${role.name}/trust`, 'resource', 'trust', role.assumeRolePolicyDocument);
      const common = { resource: role.arn, keys, resourcePolicies: trust === undefined ? [] : [trust], resourceMustAllow: true };
      const checks: AuthCheck[] = [{ action: 'sts:AssumeRole', ...common }];
      if (request.tags.length > 0) checks.push({ action: 'sts:TagSession', ...common });
      if (sourceIdentity !== undefined) checks.push({ action: 'sts:SetSourceIdentity', ...common });
      return checks;
    },
    async run(input, ctx) {
      assertMayAssume(ctx.caller);
      const role = await targetRole(ctx, str(input, 'RoleArn'));
      const duration = sessionDuration(input, ctx.caller, role);
      const request = readSessionRequest(input);
      await ctx.store.read((tx) => requireSessionPolicyArns(tx, role.accountId, request.policyArns));
      const { tags, transitiveTagKeys } = chainedTags(request, ctx.caller.session);
      const sourceIdentity = chainedSourceIdentity(input, ctx.caller.session);
      const sessionName = str(input, 'RoleSessionName');
      const verified = await verifyMfaCode(input, ctx);
      // Without a code of its own, the session keeps the caller's MFA (a GetSessionToken or role session made with one).
      const mfa = verified === undefined ? ctx.caller.session?.mfa : await acceptMfaCode(ctx, verified);
      const issued = issueSession(
        ctx,
        {
          kind: 'AssumedRole',
          accountId: role.accountId,
          role: { id: role.id, name: role.name, path: role.path, arn: role.arn },
          sessionName,
          ...(sourceIdentity !== undefined && { sourceIdentity }),
          ...(mfa !== undefined && { mfa }),
          tags,
          transitiveTagKeys,
          ...(request.policy !== undefined && { policy: request.policy }),
          policyArns: request.policyArns,
        },
        duration,
      );
      void ctx.store.recordRoleUse(role.accountId, role.id, { date: ctx.now, region: ctx.region }).catch(() => undefined);
      const output: WireObject = {
        Credentials: issued.credentials,
        AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedRoleArn(role.accountId, role.name, sessionName) },
        ...(request.packedPolicySize !== undefined && { PackedPolicySize: request.packedPolicySize }),
        ...(sourceIdentity !== undefined && { SourceIdentity: sourceIdentity }),
      };
      return output;
    },
  },
};

/** DurationSeconds: 900 (the model checks that) up to the role's maximum, and one hour when chaining. */
function sessionDuration(input: WireObject, caller: Caller, role: Role): number {
  const requested = optInt(input, 'DurationSeconds');
  if (caller.principal.type === 'AssumedRole' && requested !== undefined && requested > ROLE_SESSION_DEFAULT_SECONDS) {
    throw durationExceedsChainLimit();
  }
  const duration = requested ?? ROLE_SESSION_DEFAULT_SECONDS;
  if (duration > role.maxSessionDuration) throw durationExceedsRoleMax();
  return duration;
}
