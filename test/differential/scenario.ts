// One differential scenario: the policies that apply to a caller and one request,
// in the JSON shape AWS (and so both engines) take.

export type StatementJson = Readonly<Record<string, unknown>>;

export interface PolicyJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly StatementJson[];
}

export type ContextRecord = Readonly<Record<string, string | readonly string[]>>;

export interface Scenario {
  /** The caller: an IAM user ARN or an assumed-role session ARN. */
  readonly principal: string;
  readonly identity: readonly PolicyJson[];
  readonly boundary?: PolicyJson;
  /** Only for role sessions, as AWS allows. */
  readonly session?: PolicyJson;
  /** The target's resource-based policy (S3 bucket policy, SQS queue policy, or a role's trust policy for sts: actions). */
  readonly resourcePolicy?: PolicyJson;
  /** SCPs of the caller's account, one list per level from the organization root to the account. */
  readonly scp?: readonly (readonly PolicyJson[])[];
  /** Custom RCPs of the resource's account, one list per level; RCPFullAWSAccess is implied on every level. */
  readonly rcp?: readonly (readonly PolicyJson[])[];
  readonly action: string;
  /** The target ARN, or `*` for actions that name no resource. */
  readonly resource: string;
  /** The account that owns the resource (S3 ARNs do not carry it). */
  readonly resourceAccount: string;
  readonly context: ContextRecord;
}

export type Verdict = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A request for an STS action: its resource policy is the role's trust policy, which must allow by itself. */
export function isTrustScenario(s: Scenario): boolean {
  return s.action.toLowerCase().startsWith('sts:');
}
