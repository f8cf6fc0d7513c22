// The shape of an escalation technique: for a source and a target, the ways (variants)
// it can be done, each a list of requests the source must be allowed, plus what the target
// must trust or what the source must become. The graph builder decides them with the engine.

import type { Check } from '../engine/decide.js';
import type { Subject } from '../engine/subject.js';
import type { AnalysisModel, PolicyRef, PrincipalModel } from '../model/model.js';

export type TechniqueFamily = 'credentials' | 'trust' | 'pass-role' | 'self';

export interface Requirement {
  readonly action: string;
  readonly resource: string;
  readonly keys?: Readonly<Record<string, string>>;
  readonly resourcePolicies?: readonly PolicyRef[];
  readonly resourceMustAllow?: boolean;
}

export interface Variant {
  /** Requests the source must be allowed to make, in the order an attacker makes them. */
  readonly requests: readonly Requirement[];
  /** A service the target role must trust: the source starts something that runs as the role. */
  readonly service?: string;
  /** Self-escalation: the source's policies after the change; the engine must then find it an admin. */
  readonly after?: (subject: Subject) => Subject;
  /** What the variant goes through: a group, a managed policy (and version), an instance profile. */
  readonly via?: string;
  /** What the analysis takes to exist, which the input cannot show (an instance running as the role, ...). */
  readonly assumes?: string;
}

export interface TechniqueContext {
  readonly model: AnalysisModel;
  /** The target's trust policy as a one-element list (stable, so decisions cache), or empty. */
  trustOf(role: PrincipalModel): readonly PolicyRef[];
  /** A trust policy naming `source` directly, as one after UpdateAssumeRolePolicy. */
  trustNaming(source: PrincipalModel): readonly PolicyRef[];
  /** Whether a service may assume the role. */
  serviceTrusts(role: PrincipalModel, service: string): Check;
  /** False when no Allow statement of the role's trust policy can name the source (a cheap, conservative test). */
  mayBeTrustedBy(role: PrincipalModel, source: PrincipalModel): boolean;
}

export interface Technique {
  readonly id: string;
  readonly family: TechniqueFamily;
  /** One line, for reports. */
  readonly summary: string;
  /** Which principals it reaches: other users, other roles, or the source itself. */
  readonly target: 'user' | 'role' | 'self';
  /** Only targets in the source's account (IAM changes and passed roles do not cross accounts). */
  readonly sameAccount: boolean;
  /**
   * Sets of actions, one of which the source's identity statements must all be able to allow
   * (whatever the resource) for the technique to apply to any target: checked once per source.
   */
  readonly gate?: readonly (readonly string[])[];
  /** Only roles whose trust policy may name the source are targets (see TechniqueContext.mayBeTrustedBy). */
  readonly trustedTargets?: boolean;
  /**
   * An action every variant requests on the target's ARN, with identity policies alone (no
   * resource policy): only targets an identity Allow statement for it may name are tried.
   */
  readonly targetAction?: string;
  /** Pass-role techniques: only roles this service may assume are targets. */
  readonly service?: string;
  variants(source: PrincipalModel, target: PrincipalModel, ctx: TechniqueContext): readonly Variant[];
}

const shared = new Map<string, Requirement>();
const sharedSet = new WeakSet<Requirement>();

/**
 * One Requirement object per distinct request that does not name the target (a new instance,
 * function or stack in the target's account): every target's variants share it, so the
 * graph builder decides it once per source.
 */
export function sharedRequirement(action: string, resource: string): Requirement {
  const key = `${action} ${resource}`;
  let r = shared.get(key);
  if (r === undefined) {
    shared.set(key, (r = { action, resource }));
    sharedSet.add(r);
  }
  return r;
}

export function isSharedRequirement(r: Requirement): boolean {
  return sharedSet.has(r);
}
