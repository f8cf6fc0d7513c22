// One finding schema for everything the analysis reports, with severities ordered so a
// CI gate (`--fail-on high`) can compare them.

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** What kind of finding: `privilege-escalation`, `admin-without-mfa`, ... */
  readonly rule: string;
  readonly severity: Severity;
  /** The principal it concerns. */
  readonly principal: string;
  readonly message: string;
  readonly remediation: string;
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** True when `severity` is `threshold` or worse. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}
