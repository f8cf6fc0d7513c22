// Whether a subject is an administrator, decided by the engine: it may do any action of
// any service on any resource. Probed with actions no policy names one by one (so only
// `*`, `service:*` or a NotAction that leaves them in can allow them), on resource `*`,
// for the services that hold an account's keys, plus one service that does not exist
// (so that a list of services, however long, is not taken for `*`).

import { allOf, decide, type Check } from './decide.js';
import type { OrgPolicies } from './organization.js';
import type { Subject } from './subject.js';

const PROBE_SERVICES = [
  'iam', 'sts', 'organizations', 's3', 'ec2', 'lambda', 'kms', 'secretsmanager', 'ssm', 'dynamodb',
  'rds', 'cloudformation', 'cloudtrail', 'logs', 'sns', 'sqs', 'ecs', 'glue', 'sagemaker', 'keywardprobe',
] as const;

export const ADMIN_PROBES: readonly string[] = PROBE_SERVICES.map((s) => `${s}:KeywardAdminProbe`);

/** The admin check: allowed only if every probe is; needsMfa and conditions as the probes need them. */
export function adminCheck(subject: Subject, org: OrgPolicies): Check {
  const checks: Check[] = [];
  for (const action of ADMIN_PROBES) {
    const check = decide(subject, { action, resource: '*' }, org);
    if (!check.allowed) return check;
    checks.push(check);
  }
  return allOf(checks);
}
