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
  /** The target's resource-based policy (S3 bucket policy, SQS queue policy). */
  readonly resourcePolicy?: PolicyJson;
  readonly action: string;
  /** The target ARN, or `*` for actions that name no resource. */
  readonly resource: string;
  /** The account that owns the resource (S3 ARNs do not carry it). */
  readonly resourceAccount: string;
  readonly context: ContextRecord;
}

export type Verdict = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Every policy document of a scenario, with the kind it is parsed as. */
export function scenarioPolicies(s: Scenario): { kind: 'identity' | 'boundary' | 'session' | 'resource'; policy: PolicyJson }[] {
  return [
    ...s.identity.map((policy) => ({ kind: 'identity' as const, policy })),
    ...(s.boundary ? [{ kind: 'boundary' as const, policy: s.boundary }] : []),
    ...(s.session ? [{ kind: 'session' as const, policy: s.session }] : []),
    ...(s.resourcePolicy ? [{ kind: 'resource' as const, policy: s.resourcePolicy }] : []),
  ];
}
