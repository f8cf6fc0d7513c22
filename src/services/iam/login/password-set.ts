// Setting a console password (CreateLoginProfile, UpdateLoginProfile, ChangePassword): the
// account password policy, reuse prevention against the kept hashes, hashing, and the history
// entry. The slow parts (scrypt) run between a read and the write, never inside a transaction.

import { hashPassword } from '../../../auth/password/hash.js';
import { checkPassword } from '../../../auth/password/policy.js';
import type { PasswordPolicy } from '../../../domain/entities.js';
import type { Store, StoreTx } from '../../../storage/ports.js';
import { passwordBusy, passwordViolation } from './errors.js';

/** Whose password: an IAM user's, or the root user's (`userName` null). */
export interface PasswordOwner {
  readonly accountId: string;
  readonly userName: string | null;
}

/**
 * How many previous hashes are kept: PasswordReusePrevention's maximum, whatever the policy says
 * now, so that a policy raised later still knows the passwords set before it.
 */
export const PASSWORD_HISTORY_SIZE = 24;

/** A password set that loses this many races in a row gives up with EntityTemporarilyUnmodifiable. */
const MAX_ATTEMPTS = 3;

interface PasswordRules {
  readonly policy: PasswordPolicy | undefined;
  /** Newest first; the current password's hash is the first. */
  readonly history: readonly string[];
}

export interface PasswordSetSteps<T> {
  /** Runs in the read snapshot before the password is checked, so NoSuchEntity wins over a weak password. */
  readonly precheck: (tx: StoreTx) => Promise<void>;
  /** Runs in the write transaction with the new hash; it must repeat precheck's checks. */
  readonly apply: (tx: StoreTx, passwordHash: string) => Promise<T>;
}

/**
 * The account password policy governs IAM users only; the root user's password keeps AWS's
 * default rules (undefined policy).
 */
export async function passwordPolicyFor(tx: StoreTx, owner: PasswordOwner): Promise<PasswordPolicy | undefined> {
  if (owner.userName === null) return undefined;
  return (await tx.accounts.get(owner.accountId))?.passwordPolicy;
}

async function readRules(tx: StoreTx, owner: PasswordOwner): Promise<PasswordRules> {
  const policy = await passwordPolicyFor(tx, owner);
  const history = await tx.loginProfiles.history.list(owner.accountId, owner.userName, PASSWORD_HISTORY_SIZE);
  return { policy, history: history.map((h) => h.passwordHash) };
}

function sameRules(a: PasswordRules, b: PasswordRules): boolean {
  return JSON.stringify(a.policy ?? null) === JSON.stringify(b.policy ?? null) && a.history.join('\n') === b.history.join('\n');
}

const STALE = Symbol('stale');

/**
 * Checks `password` against the policy and history (PasswordPolicyViolation with AWS's text),
 * hashes it, then runs `apply` and records the hash in one write. If the policy or the history
 * moved in between, the check runs again on the new state.
 */
export async function setPassword<T>(
  store: Store,
  owner: PasswordOwner,
  password: string,
  now: Date,
  steps: PasswordSetSteps<T>,
): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rules = await store.read(async (tx) => {
      await steps.precheck(tx);
      return readRules(tx, owner);
    });
    const violation = await checkPassword(password, rules.policy, {
      ...(owner.userName !== null && { userName: owner.userName }),
      previousHashes: rules.history,
    });
    if (violation !== undefined) throw passwordViolation(violation);
    const passwordHash = await hashPassword(password);
    const outcome = await store.write(async (tx) => {
      if (!sameRules(rules, await readRules(tx, owner))) return STALE;
      const value = await steps.apply(tx, passwordHash);
      await tx.loginProfiles.history.add(owner.accountId, owner.userName, { passwordHash, setDate: now }, PASSWORD_HISTORY_SIZE);
      return { value };
    });
    if (outcome !== STALE) return outcome.value;
  }
  throw passwordBusy(owner.userName);
}
