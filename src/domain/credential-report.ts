// The account's credential report (GenerateCredentialReport / GetCredentialReport): one per
// account, replaced on each generation.

export type CredentialReportState = 'STARTED' | 'INPROGRESS' | 'COMPLETE';

export interface CredentialReport {
  readonly accountId: string;
  readonly state: CredentialReportState;
  /** When generation began, for the 4-hour rule and ReportInProgress. */
  readonly startedDate: Date;
  /** Present once COMPLETE. */
  readonly generatedTime?: Date;
  /** The CSV text once COMPLETE (the service base64-encodes it on the wire). */
  readonly content?: string;
}
