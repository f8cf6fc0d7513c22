// The root user's console contact and its password reset tokens (src/console/server).

export interface RootPasswordReset {
  /** SHA-256 of the token, hex: the token itself is never stored. */
  readonly tokenHash: string;
  readonly accountId: string;
  readonly createDate: Date;
  readonly expiresAt: Date;
}

export interface RootAccountRepository {
  /** Root's e-mail address, if one was set. */
  getEmail(accountId: string): Promise<string | undefined>;
  setEmail(accountId: string, email: string, now: Date): Promise<void>;
  insertReset(reset: RootPasswordReset): Promise<void>;
  /** When the account's newest outstanding token was made, if it has one (spent ones are gone). */
  latestResetDate(accountId: string): Promise<Date | undefined>;
  /**
   * Takes a token once: deletes it and returns it if it existed and had not expired at `now`
   * (an expired one is deleted too and not returned). Of two takers of one token, one wins.
   */
  takeReset(tokenHash: string, now: Date): Promise<RootPasswordReset | undefined>;
  /** Deletes the account's outstanding tokens (a new password makes them moot). */
  deleteResets(accountId: string): Promise<number>;
}
