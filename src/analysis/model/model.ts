// The account model the analysis works on: principals (users and roles) with every policy
// that applies to them, parsed once. Built from authorization details by build-model.ts.

import type { PolicyDocument } from '../../policy/document/types.js';

/** A parsed policy with the id reports name it by: a managed policy's ARN, or `user/NAME/POLICY` for inline ones. */
export interface PolicyRef {
  readonly id: string;
  readonly document: PolicyDocument;
}

export interface PolicyVersionModel {
  readonly versionId: string;
  readonly isDefault: boolean;
  readonly document: PolicyDocument;
}

export interface ManagedPolicyModel extends PolicyRef {
  readonly name: string;
  readonly awsManaged: boolean;
  /** Every version in the input (AWS managed policies from the catalogue have only the default). */
  readonly versions: readonly PolicyVersionModel[];
}

export interface GroupModel {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  readonly inline: readonly PolicyRef[];
  readonly attached: readonly ManagedPolicyModel[];
}

export type PrincipalKind = 'user' | 'role';

export interface PrincipalModel {
  readonly kind: PrincipalKind;
  readonly arn: string;
  readonly name: string;
  /** AIDA... or AROA... */
  readonly id: string;
  readonly account: string;
  /** The input file it came from. */
  readonly source: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly groups: readonly GroupModel[];
  readonly inline: readonly PolicyRef[];
  readonly attached: readonly ManagedPolicyModel[];
  readonly boundary?: PolicyRef;
  /** Roles: the trust policy. */
  readonly trust?: PolicyRef;
  /** Roles only AWS may change (service-linked, IAM Identity Center): UnmodifiableEntity for IAM changes. */
  readonly protectedRole?: boolean;
  /** Roles: ARNs of the instance profiles that hold the role. */
  readonly instanceProfiles: readonly string[];
  /** Users: access keys, when the input says (it is not part of AWS's output). */
  readonly accessKeyCount?: number;
  /** Users: whether a console password exists, when the input says. */
  readonly hasLoginProfile?: boolean;
  /** Creation and last-use dates, as far as the input has them. */
  readonly activity: Activity;
}

/** Last-use data: `null` means the input says "never used"; absent means it does not say. */
export interface Activity {
  readonly created?: string;
  /** Roles: RoleLastUsed.LastUsedDate. */
  readonly roleLastUsed?: string | null;
  /** Users: PasswordLastUsed (from get-user / list-users, when the input adds it). */
  readonly passwordLastUsed?: string;
  /** Users: access keys, when the input adds AccessKeyMetadata. */
  readonly accessKeys?: readonly AccessKeyActivity[];
}

export interface AccessKeyActivity {
  readonly id: string;
  readonly active: boolean;
  readonly created?: string;
  /** From AccessKeyLastUsed.LastUsedDate (get-access-key-last-used) or LastUsedDate; null: never used. */
  readonly lastUsed?: string | null;
}

export interface AnalysisModel {
  /** Account ids, sorted. */
  readonly accounts: readonly string[];
  /** Users then roles, each sorted by ARN. */
  readonly principals: readonly PrincipalModel[];
  readonly byArn: ReadonlyMap<string, PrincipalModel>;
  readonly groups: readonly GroupModel[];
  readonly policies: ReadonlyMap<string, ManagedPolicyModel>;
  /** Service control policies applied to every principal (one level: each must be allowed by one of them). */
  readonly scps: readonly PolicyRef[];
  /** Resource control policies applied to the resources of every account of the input (RCPFullAWSAccess implied). */
  readonly rcps: readonly PolicyRef[];
  /** Resource-based policies given with the input (`--resource-policy ARN=FILE`), by resource ARN. */
  readonly resourcePolicies: readonly ResourcePolicyModel[];
  /** Things the analysis worked around (a policy referenced but not in the input, ...). */
  readonly warnings: readonly string[];
}

/** A resource-based policy (a bucket, key, function, secret, queue... policy) and the resource it is on. */
export interface ResourcePolicyModel extends PolicyRef {
  readonly arn: string;
  /** The account that owns the resource: from its ARN, or given. */
  readonly account: string;
  readonly source: string;
}

/** The resource policies that apply to a request on `resource`: the resource's own, or its parent's (a bucket's for its objects). */
export function resourcePoliciesFor(model: AnalysisModel, resource: string): ResourcePolicyModel[] {
  return model.resourcePolicies.filter((p) => resource === p.arn || resource.startsWith(`${p.arn}/`));
}
