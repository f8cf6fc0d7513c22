// How the analysis treats a condition key. `bound`: fixed by who the principal is (its
// ARN, tags, name; iam:PassedToService, which the technique sets), so the engine decides
// it with the principal's values; the request time is the analysis's `now`. `mfa`: decided twice, without and with MFA. `open`: set
// by the request (source IP, external id, time, request tags, ...), so the analysis takes
// it as possible and reports it.

export type KeyClass = 'bound' | 'mfa' | 'open';

const BOUND = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:username',
  'aws:userid',
  'iam:passedtoservice',
  // The time of the analysis (see subject.ts): a condition on a date already past never holds.
  'aws:currenttime',
  'aws:epochtime',
  'aws:tokenissuetime',
]);

const MFA = new Set(['aws:multifactorauthpresent', 'aws:multifactorauthage']);

export function classifyKey(key: string): KeyClass {
  const lower = key.toLowerCase();
  if (MFA.has(lower)) return 'mfa';
  if (BOUND.has(lower) || lower.startsWith('aws:principaltag/')) return 'bound';
  return 'open';
}

/** The context keys of a request made with MFA (a session from an MFA sign-in, just now). */
export const MFA_KEYS: Readonly<Record<string, string>> = {
  'aws:MultiFactorAuthPresent': 'true',
  'aws:MultiFactorAuthAge': '0',
};
