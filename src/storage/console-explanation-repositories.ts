// The console's kept explanations of denied calls (src/console/server/explanations.ts): the
// AccessDenied's sealed authorization message, readable again on any node until it expires.

export interface KeptExplanation {
  /** The denied request's id (x-amzn-RequestId); unique across accounts. */
  readonly requestId: string;
  readonly accountId: string;
  /** The ARN of the principal that was denied (an assumed-role session's own ARN). */
  readonly principalArn: string;
  /** The sealed message, as the AccessDenied carried it (bound to its account). */
  readonly encodedMessage: string;
  readonly createDate: Date;
  readonly expiresAt: Date;
}

export interface ConsoleExplanationRepository {
  /**
   * Keeps `kept` (a second put of one request id changes nothing), drops every expired row
   * (of any account) and then the account's oldest beyond `maxPerAccount`.
   */
  put(kept: KeptExplanation, options: { readonly now: Date; readonly maxPerAccount: number }): Promise<void>;
  /** The account's explanation of `requestId`, unless it expired at `now`. */
  get(accountId: string, requestId: string, now: Date): Promise<KeptExplanation | undefined>;
  /** Deletes every row expired at `now`; how many went. */
  deleteExpired(now: Date): Promise<number>;
}
