// Access advisor data: which principal used which service action, where and when (recorded
// by the server on every authorized call), and the report jobs computed from it.

/** One authorized call, as the server records it. */
export interface ServiceAccessEvent {
  readonly accountId: string;
  /** The IAM user or role whose permissions were used (a role, for its sessions). */
  readonly principalArn: string;
  /** Lower-case service prefix, such as `iam` or `s3`. */
  readonly serviceNamespace: string;
  /** The action without its prefix, such as `GetUser`. */
  readonly actionName: string;
  readonly region: string;
  readonly date: Date;
  /** The exact caller (a role session's ARN, for example). */
  readonly authenticatedEntity: string;
}

/** The newest use among some set of events. */
export interface LastAccess {
  readonly lastAccessed: Date;
  /** The principal ARN of the newest event. */
  readonly principalArn: string;
  readonly lastAuthenticatedEntity: string;
  readonly region: string;
}

export interface ServiceLastAccess extends LastAccess {
  readonly serviceNamespace: string;
  /** How many of the queried principals used the service. */
  readonly totalAuthenticatedEntities: number;
}

export interface ActionLastAccess extends LastAccess {
  readonly actionName: string;
}

export type AccessAdvisorGranularity = 'SERVICE_LEVEL' | 'ACTION_LEVEL';
export type AccessAdvisorJobStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** A GenerateServiceLastAccessedDetails job. */
export interface ServiceLastAccessedJob {
  readonly accountId: string;
  readonly jobId: string;
  /** The user, group, role or policy the report is about. */
  readonly entityArn: string;
  readonly granularity: AccessAdvisorGranularity;
  readonly status: AccessAdvisorJobStatus;
  readonly creationDate: Date;
  readonly completionDate?: Date;
  /** The computed report as JSON text; its shape belongs to the service. */
  readonly resultJson?: string;
  readonly error?: { readonly code: string; readonly message: string };
}
