// Tries at MFA codes per device, so holding a user's long-term keys is not enough to guess the
// six digits: each code tried takes one attempt, counted in the store before the code is
// checked (Store.chargeMfaAttempt), so nodes sharing a database, and requests racing on them,
// share the count and the lock. The same rule as password sign-in.

import type { LockoutRule } from '../password/lockout.js';

/** 5 codes tried without one accepted lock the device's codes for 15 minutes. */
export const MFA_CODE_LOCK: LockoutRule = { maxFailures: 5, lockMs: 15 * 60 * 1000 };
