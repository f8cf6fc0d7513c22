// Assuming a role for an identity an external provider vouched for (web identity, SAML):
// no AWS caller is involved, so the role's trust policy alone decides, evaluated by the
// engine with the federated principal and the provider's claims as condition keys. The
// session is an ordinary role session, usable on every endpoint.

import type { Role } from '../../domain/entities.js';
import { assumedRoleArn, parseIamArn } from '../../domain/arn.js';
import { ROLE_SESSION_DEFAULT_SECONDS } from '../../domain/quotas.js';
import { authorize } from '../../policy/authorize/authorize.js';
import { contextKeys, type ContextValue, type RequestPrincipal } from '../../policy/context.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { resourceTagKeys } from '../iam/tag-keys.js';
import { optInt } from '../input.js';
import type { ServiceContext } from '../operation.js';
import { compiledPolicy } from '../policy-cache.js';
import { notAuthorizedFederated, type FederationAction } from './federation-errors.js';
import { federatedTagKeys, type FederatedSessionTags } from './federation-tags.js';
import { issueSession, requireSessionPolicyArns } from './session-credentials.js';
import type { SessionRequest } from './session-request.js';
import { durationExceedsRoleMax, invalidRoleArn } from './sts-errors.js';

// Six colon-separated fields, the last not empty: anything else is not an ARN at all.
const ARN_SHAPE = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:[^:]+$/;

export interface RoleTarget {
  /** The account the RoleArn names: the one the call acts in (it may be unsigned). */
  readonly accountId: string;
  readonly arn: string;
}

/** Reads the RoleArn: ValidationError when it is not an ARN; AccessDenied later when it names no role. */
export function roleTarget(arn: string, action: FederationAction): RoleTarget {
  if (!ARN_SHAPE.test(arn)) throw invalidRoleArn(arn);
  const parsed = parseIamArn(arn);
  if (parsed?.kind !== 'role') throw notAuthorizedFederated(action);
  return { accountId: parsed.account, arn };
}

export interface FederatedAssumeRequest {
  readonly action: FederationAction;
  readonly target: RoleTarget;
  /** WebIdentityUser or SAMLUser, with the provider as `federatedProvider`. */
  readonly principal: RequestPrincipal;
  /** The provider's claims as condition keys (`host:sub`, `saml:aud`, aws:FederatedProvider, ...). */
  readonly claimKeys: Readonly<Record<string, ContextValue>>;
  readonly sessionName: string;
  readonly session: SessionRequest;
  readonly tags: FederatedSessionTags;
  readonly sourceIdentity?: string;
  /** The provider's suggested duration (SAML's SessionDuration), used when DurationSeconds is absent; capped at the role's maximum. */
  readonly providerDurationSeconds?: number;
  /** Runs once everything else has passed, just before the session is issued (SAML's one-time use). */
  readonly beforeIssue?: () => Promise<void>;
}

async function loadRole(ctx: ServiceContext, request: FederatedAssumeRequest): Promise<Role> {
  const parsed = parseIamArn(request.target.arn);
  if (parsed?.kind !== 'role') throw notAuthorizedFederated(request.action);
  const role = await ctx.store.read((tx) => tx.roles.get(parsed.account, parsed.name));
  if (role === undefined || role.path !== parsed.path) throw notAuthorizedFederated(request.action);
  return role;
}

/** The global keys known without a signed caller. */
function requestKeys(ctx: ServiceContext): Record<string, ContextValue> {
  return {
    'aws:CurrentTime': ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(ctx.now.getTime() / 1000)),
    'aws:RequestedRegion': ctx.region,
    'aws:ViaAWSService': 'false',
  };
}

/** The trust policy must allow the action, and sts:TagSession / sts:SetSourceIdentity when used. */
function authorizeTrust(ctx: ServiceContext, role: Role, request: FederatedAssumeRequest): void {
  const trust = compiledPolicy(`role/${role.name}/trust`, 'resource', 'trust', role.assumeRolePolicyDocument);
  if (trust === undefined) throw notAuthorizedFederated(request.action);
  const keys = contextKeys({
    ...requestKeys(ctx),
    ...resourceTagKeys(role.tags),
    ...request.claimKeys,
    ...federatedTagKeys(request.tags),
    'sts:RoleSessionName': request.sessionName,
    ...(request.sourceIdentity !== undefined && { 'sts:SourceIdentity': request.sourceIdentity }),
  });
  const actions: string[] = [request.action];
  if (request.tags.tags.length > 0) actions.push('sts:TagSession');
  if (request.sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  for (const action of actions) {
    const decision = authorize(
      { principal: request.principal, action, resource: role.arn, resourceAccount: role.accountId, keys },
      { identity: [], resource: [trust] },
    );
    if (decision.decision !== 'Allow') throw notAuthorizedFederated(request.action);
  }
}

/**
 * DurationSeconds: 900 (the model checks that) up to the role's maximum; without it the
 * provider's suggestion, kept within the role's maximum, or one hour.
 */
function sessionDuration(input: WireObject, role: Role, providerSeconds: number | undefined): number {
  const requested = optInt(input, 'DurationSeconds');
  if (requested === undefined) return Math.min(providerSeconds ?? ROLE_SESSION_DEFAULT_SECONDS, role.maxSessionDuration);
  if (requested > role.maxSessionDuration) throw durationExceedsRoleMax();
  return requested;
}

/**
 * Authorizes and issues the role session. Returns the response members every federation
 * action shares: Credentials, AssumedRoleUser, PackedPolicySize and SourceIdentity.
 */
export async function assumeFederatedRole(ctx: ServiceContext, input: WireObject, request: FederatedAssumeRequest): Promise<WireObject> {
  const role = await loadRole(ctx, request);
  authorizeTrust(ctx, role, request);
  const duration = sessionDuration(input, role, request.providerDurationSeconds);
  const { session, sessionName, sourceIdentity } = request;
  await ctx.store.read((tx) => requireSessionPolicyArns(tx, role.accountId, session.policyArns));
  if (request.beforeIssue !== undefined) await request.beforeIssue();
  const issued = issueSession(
    ctx,
    {
      kind: 'AssumedRole',
      accountId: role.accountId,
      role: { id: role.id, name: role.name, path: role.path, arn: role.arn },
      sessionName,
      ...(sourceIdentity !== undefined && { sourceIdentity }),
      tags: request.tags.tags,
      transitiveTagKeys: request.tags.transitiveTagKeys,
      ...(session.policy !== undefined && { policy: session.policy }),
      policyArns: session.policyArns,
    },
    duration,
  );
  void ctx.store.recordRoleUse(role.accountId, role.id, { date: ctx.now, region: ctx.region }).catch(() => undefined);
  return {
    Credentials: issued.credentials,
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedRoleArn(role.accountId, role.name, sessionName) },
    ...(session.packedPolicySize !== undefined && { PackedPolicySize: session.packedPolicySize }),
    ...(sourceIdentity !== undefined && { SourceIdentity: sourceIdentity }),
  };
}
