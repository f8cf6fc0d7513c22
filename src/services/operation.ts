// What one IAM or STS action is to the server: the authorization checks AWS makes
// for it (action, resource ARN, extra condition keys) and the use-case itself.

import type { Caller } from '../auth/caller.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { Random } from '../domain/random.js';
import type { ContextValue } from '../policy/context.js';
import type { CompiledPolicy } from '../policy/evaluate/compile-policy.js';
import type { WireObject } from '../protocol/wire-value.js';
import type { Store } from '../storage/ports.js';

export interface ServiceContext {
  readonly store: Store;
  readonly caller: Caller;
  /** The account the call acts on: the caller's. */
  readonly accountId: string;
  readonly now: Date;
  readonly random: Random;
  readonly secrets: SecretBox;
  readonly requestId: string;
  /** Region of the SigV4 credential scope. */
  readonly region: string;
}

/** One authorization the engine must grant before the action runs. */
export interface AuthCheck {
  /** Defaults to `iam:<Operation>` / `sts:<Operation>`. */
  readonly action?: string;
  /** The target's ARN, or `*` for actions without a resource type. */
  readonly resource: string;
  /** Action-specific condition keys (aws:RequestTag/..., aws:ResourceTag/..., iam:PermissionsBoundary, ...). */
  readonly keys?: Readonly<Record<string, ContextValue>>;
  /** The target's resource-based policies (a role's trust policy), evaluated with the caller's. */
  readonly resourcePolicies?: readonly CompiledPolicy[];
  /** The resource-based policies must allow by themselves (trust policies: sts:AssumeRole, sts:TagSession, ...). */
  readonly resourceMustAllow?: boolean;
}

export interface Operation {
  /** The checks, in order; an empty list means no permission is needed (sts:GetCallerIdentity). */
  checks(input: WireObject, ctx: ServiceContext): Promise<readonly AuthCheck[]> | readonly AuthCheck[];
  run(input: WireObject, ctx: ServiceContext): Promise<WireObject | undefined>;
  /**
   * The answer reports last-used data (AccessKeyLastUsed, RoleLastUsed, the credential report,
   * access advisor): the server writes the uses it holds in memory before run().
   */
  readonly readsUsage?: boolean;
  /**
   * The operation checks its input's constraints itself, with its service's own error codes
   * (CloudTrail's InvalidMaxResultsException rather than a generic ValidationException); the
   * wire still checks the members' types.
   */
  readonly validatesInput?: boolean;
}

export type OperationTable = Readonly<Record<string, Operation>>;
