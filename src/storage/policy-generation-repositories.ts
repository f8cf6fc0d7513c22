// Storage of Access Analyzer's policy generation jobs. The request and the result are JSON text
// whose shapes belong to the service (services/accessanalyzer/policy-generation/).

export type PolicyGenerationStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

export interface StoredPolicyGeneration {
  readonly jobId: string;
  readonly accountId: string;
  readonly principalArn: string;
  /** StartPolicyGeneration's clientToken: the same token names the same job. */
  readonly clientToken?: string;
  /** The job's parameters (window, trails), as JSON text. */
  readonly request: string;
  readonly status: PolicyGenerationStatus;
  readonly startedOn: Date;
  readonly completedOn?: Date;
  /** The activity found, as JSON text, once SUCCEEDED. */
  readonly result?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface PolicyGenerationRepository {
  get(accountId: string, jobId: string): Promise<StoredPolicyGeneration | undefined>;
  byClientToken(accountId: string, clientToken: string): Promise<StoredPolicyGeneration | undefined>;
  /** Throws EntityAlreadyExistsError('policy-generation') when the job id or the client token is taken. */
  insert(job: StoredPolicyGeneration): Promise<void>;
  /**
   * Moves an IN_PROGRESS job to `status` with its completion date, result and error; false when
   * the job is absent or no longer IN_PROGRESS (a cancel and a completion race: the first wins).
   */
  finish(accountId: string, jobId: string, outcome: Pick<StoredPolicyGeneration, 'status' | 'completedOn' | 'result' | 'error'>): Promise<boolean>;
  /** Jobs started at or after `since`, newest first (then by job id), optionally for one principal. */
  list(accountId: string, options: { readonly since: Date; readonly principalArn?: string; readonly after?: { readonly startedOn: Date; readonly jobId: string }; readonly limit: number }): Promise<readonly StoredPolicyGeneration[]>;
}
