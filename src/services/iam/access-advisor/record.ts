// What the server records for access advisor on every authenticated call: which IAM user or
// role attempted which service action, where and when. AWS counts attempts, denied ones too.

import type { Caller } from '../../../auth/caller.js';
import type { ServiceAccessEvent } from '../../../domain/access-advisor.js';
import type { Store } from '../../../storage/ports.js';

export interface ServiceCall {
  /** The service namespace, `iam` or `sts`. */
  readonly service: string;
  /** The API action, such as `GetUser`. */
  readonly action: string;
  readonly region: string;
  readonly date: Date;
}

/**
 * The event for a call, or undefined when the caller is not an entity access advisor reports
 * on: the root user and federated users. A role session counts for its role (AWS reports the
 * role as the LastAuthenticatedEntity); the session ARN is kept as the exact caller.
 */
export function serviceAccessEvent(caller: Caller, call: ServiceCall): ServiceAccessEvent | undefined {
  const principal = caller.principal;
  let principalArn: string;
  if (principal.type === 'User') principalArn = principal.arn;
  else if (principal.type === 'AssumedRole' && caller.role !== undefined) principalArn = caller.role.arn;
  else return undefined;
  return {
    accountId: caller.accountId,
    principalArn,
    serviceNamespace: call.service,
    actionName: call.action,
    region: call.region,
    date: call.date,
    authenticatedEntity: principal.arn,
  };
}

/** Records the call without delaying the request: a lost event only ages a report. */
export function recordServiceAccess(store: Store, caller: Caller, call: ServiceCall): void {
  const event = serviceAccessEvent(caller, call);
  if (event !== undefined) void store.recordServiceAccess(event).catch(() => undefined);
}
