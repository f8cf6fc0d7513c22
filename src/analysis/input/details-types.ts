// The parts of `aws iam get-account-authorization-details` output the analysis reads,
// after validation: wire names as AWS writes them; documents still as the file had them
// (URL-encoded text from the API, JSON objects from the AWS CLI).

export interface AttachedPolicyWire {
  readonly PolicyName: string;
  readonly PolicyArn: string;
}

export interface InlinePolicyWire {
  readonly PolicyName: string;
  readonly PolicyDocument: unknown;
}

export interface BoundaryWire {
  readonly PermissionsBoundaryArn: string;
}

export interface TagWire {
  readonly Key: string;
  readonly Value: string;
}

export interface UserDetailWire {
  readonly UserName: string;
  readonly UserId: string;
  readonly Arn: string;
  readonly GroupList: readonly string[];
  readonly UserPolicyList: readonly InlinePolicyWire[];
  readonly AttachedManagedPolicies: readonly AttachedPolicyWire[];
  readonly PermissionsBoundary?: BoundaryWire;
  readonly Tags: readonly TagWire[];
  /** Not in AWS's output: `aws iam list-access-keys` metadata, when the input adds it. */
  readonly AccessKeyMetadata?: readonly unknown[];
  /** Not in AWS's output: `aws iam get-login-profile` result, when the input adds it (null: none). */
  readonly LoginProfile?: unknown;
  readonly CreateDate?: string;
  /** Not in this output: what `aws iam get-user` / `list-users` print, when the input adds it. */
  readonly PasswordLastUsed?: string;
}

export interface GroupDetailWire {
  readonly GroupName: string;
  readonly GroupId: string;
  readonly Arn: string;
  readonly GroupPolicyList: readonly InlinePolicyWire[];
  readonly AttachedManagedPolicies: readonly AttachedPolicyWire[];
}

export interface InstanceProfileWire {
  readonly InstanceProfileName: string;
  readonly Arn: string;
}

export interface RoleDetailWire {
  readonly RoleName: string;
  readonly RoleId: string;
  readonly Arn: string;
  readonly AssumeRolePolicyDocument: unknown;
  readonly InstanceProfileList: readonly InstanceProfileWire[];
  readonly RolePolicyList: readonly InlinePolicyWire[];
  readonly AttachedManagedPolicies: readonly AttachedPolicyWire[];
  readonly PermissionsBoundary?: BoundaryWire;
  readonly Tags: readonly TagWire[];
  readonly CreateDate?: string;
  /** AWS sends `{}` for a role never used; absent when the input has no last-used data. */
  readonly RoleLastUsed?: { readonly LastUsedDate?: string };
}

export interface PolicyVersionWire {
  readonly Document: unknown;
  readonly VersionId: string;
  readonly IsDefaultVersion: boolean;
}

export interface ManagedPolicyWire {
  readonly PolicyName: string;
  readonly Arn: string;
  readonly DefaultVersionId: string;
  readonly PolicyVersionList: readonly PolicyVersionWire[];
}

/** One file (or page) of authorization details. */
export interface AuthorizationDetails {
  /** Where it came from, for messages: a file name. */
  readonly source: string;
  readonly UserDetailList: readonly UserDetailWire[];
  readonly GroupDetailList: readonly GroupDetailWire[];
  readonly RoleDetailList: readonly RoleDetailWire[];
  readonly Policies: readonly ManagedPolicyWire[];
}

/** A problem in the input: the file and the JSON path it concerns. */
export interface InputProblem {
  readonly source: string;
  readonly path: string;
  readonly message: string;
}

export function formatProblem(problem: InputProblem): string {
  return `${problem.source}: ${problem.path}: ${problem.message}`;
}
