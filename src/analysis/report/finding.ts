// One finding schema for everything the analysis reports, with severities ordered so a
// CI gate (`--fail-on high`) can compare them.

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** What kind of finding: `privilege-escalation`, `admin-without-mfa`, ... */
  readonly rule: string;
  readonly severity: Severity;
  /** The principal it concerns; absent for a finding on a policy by itself. */
  readonly principal?: string;
  /** The resource it concerns: findings on resource-based policies. */
  readonly resource?: string;
  /** The policy it concerns (a managed policy's ARN, or `user/NAME/POLICY` for an inline one): per-policy findings. */
  readonly policy?: string;
  readonly message: string;
  readonly remediation: string;
  /** The actions the finding is about, when it is about actions. */
  readonly actions?: readonly string[];
  /** The statements that grant them, as the input wrote them. */
  readonly statements?: readonly StatementRef[];
}

/** One statement of a policy, with the JSON the input had. */
export interface StatementRef {
  readonly policy: string;
  /** The statement's Sid, or its index in the policy's Statement array. */
  readonly statement: string;
  readonly json: unknown;
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** True when `severity` is `threshold` or worse. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}
