// The account password policy applied to every password set (CreateLoginProfile,
// UpdateLoginProfile, ChangePassword): AWS's default rules when no policy is set, the custom
// policy's rules otherwise, with AWS's PasswordPolicyViolation wording; and password expiry.
import type { PasswordPolicy } from '../../domain/entities.js';
import { verifyPassword } from './hash.js';

/** The non-alphanumeric characters AWS counts as symbols (IAM User Guide, password policy). */
export const AWS_PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

/**
 * The rules AWS enforces when the account has no custom policy (IAM User Guide, "Default
 * password policy"): 8 to 128 characters, at least three of the four character types, and not
 * identical to the account name or email address. The 128 maximum is also the API's own
 * limit on Password, checked by request validation.
 */
export const DEFAULT_PASSWORD_RULES = {
  minimumLength: 8,
  maximumLength: 128,
  minimumCharacterTypes: 3,
} as const;

/**
 * What UpdateAccountPasswordPolicy stores for each parameter the request leaves out (API
 * reference: MinimumPasswordLength 6, every flag false, MaxPasswordAge and
 * PasswordReusePrevention 0 meaning "none").
 */
export const UPDATE_PASSWORD_POLICY_DEFAULTS: PasswordPolicy = {
  minimumPasswordLength: 6,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  hardExpiry: false,
};

export type PasswordRule = 'minimumLength' | 'uppercase' | 'lowercase' | 'numbers' | 'symbols' | 'characterTypes' | 'identity' | 'reuse';

/** A refused password: the AWS error code, AWS's message, and which rules failed. */
export interface PasswordViolation {
  readonly code: 'PasswordPolicyViolation';
  readonly message: string;
  readonly rules: readonly PasswordRule[];
}

export interface PasswordCheckContext {
  /** Under the default policy the password may not equal these (AWS: account name or email). */
  readonly userName?: string;
  readonly accountName?: string;
  readonly accountEmail?: string;
  /**
   * Hashes of the user's passwords, newest first, the current one included; only the first
   * `passwordReusePrevention` are compared.
   */
  readonly previousHashes?: readonly string[];
}

type CharacterType = 'uppercase' | 'lowercase' | 'numbers' | 'symbols';

// Message texts seen in AWS responses: "Password should have a minimum length of 8", "Password
// should have at least one uppercase letter", "... symbol", and for the default policy
// "Password should meet 1 more of the following requirements: Password should have at least
// one uppercase letter, Password should have at least one symbol".
const CHARACTER_TYPES: readonly { readonly type: CharacterType; readonly message: string; readonly test: (c: string) => boolean }[] = [
  { type: 'uppercase', message: 'Password should have at least one uppercase letter', test: (c) => c >= 'A' && c <= 'Z' },
  { type: 'lowercase', message: 'Password should have at least one lowercase letter', test: (c) => c >= 'a' && c <= 'z' },
  { type: 'numbers', message: 'Password should have at least one number', test: (c) => c >= '0' && c <= '9' },
  { type: 'symbols', message: 'Password should have at least one symbol', test: (c) => AWS_PASSWORD_SYMBOLS.includes(c) },
];

// AWS lists several unmet requirements separated by ", " (the default policy's message above);
// the same separator joins the custom policy's failures. AWS's joining of several custom-policy
// failures is not documented.
const SEPARATOR = ', ';

const minimumLengthMessage = (length: number): string => `Password should have a minimum length of ${length}`;

/**
 * Checks a new password against the account's policy (`undefined`: AWS's default rules).
 * Character and length rules come first; the (slow, hashed) reuse check runs only when they pass.
 */
export async function checkPassword(
  password: string,
  policy: PasswordPolicy | undefined,
  context: PasswordCheckContext = {},
): Promise<PasswordViolation | undefined> {
  const present = presentCharacterTypes(password);
  return policy === undefined ? checkDefault(password, present, context) : checkCustom(password, present, policy, context);
}

function checkDefault(password: string, present: ReadonlySet<CharacterType>, context: PasswordCheckContext): PasswordViolation | undefined {
  const rules: PasswordRule[] = [];
  const messages: string[] = [];
  if (password.length < DEFAULT_PASSWORD_RULES.minimumLength) {
    rules.push('minimumLength');
    messages.push(minimumLengthMessage(DEFAULT_PASSWORD_RULES.minimumLength));
  }
  const missing = CHARACTER_TYPES.filter((t) => !present.has(t.type));
  const short = DEFAULT_PASSWORD_RULES.minimumCharacterTypes - present.size;
  if (short > 0) {
    rules.push('characterTypes');
    messages.push(`Password should meet ${short} more of the following requirements: ${missing.map((t) => t.message).join(SEPARATOR)}`);
  }
  // Case-insensitive: IAM names are unique regardless of case, and so are email addresses.
  const identities = [context.userName, context.accountName, context.accountEmail].filter((v): v is string => v !== undefined && v !== '');
  if (identities.some((identity) => identity.toLowerCase() === password.toLowerCase())) {
    rules.push('identity');
    // AWS's wording for this rule is not documented; this follows the User Guide's phrasing.
    messages.push('Password should not be identical to your AWS account name or email address');
  }
  return violation(rules, messages);
}

async function checkCustom(
  password: string,
  present: ReadonlySet<CharacterType>,
  policy: PasswordPolicy,
  context: PasswordCheckContext,
): Promise<PasswordViolation | undefined> {
  const rules: PasswordRule[] = [];
  const messages: string[] = [];
  if (password.length < policy.minimumPasswordLength) {
    rules.push('minimumLength');
    messages.push(minimumLengthMessage(policy.minimumPasswordLength));
  }
  const required: Record<CharacterType, boolean> = {
    uppercase: policy.requireUppercaseCharacters,
    lowercase: policy.requireLowercaseCharacters,
    numbers: policy.requireNumbers,
    symbols: policy.requireSymbols,
  };
  for (const t of CHARACTER_TYPES) {
    if (required[t.type] && !present.has(t.type)) {
      rules.push(t.type);
      messages.push(t.message);
    }
  }
  if (rules.length > 0) return violation(rules, messages);
  const remembered = policy.passwordReusePrevention ?? 0;
  if (remembered > 0 && (await isReused(password, (context.previousHashes ?? []).slice(0, remembered)))) {
    // AWS's wording for this rule is not documented.
    return violation(['reuse'], [`Password should not be one of your previous ${remembered} passwords`]);
  }
  return undefined;
}

/** One hash at a time, stopping at the first match: a request cannot start dozens of scrypt runs at once. */
async function isReused(password: string, hashes: readonly string[]): Promise<boolean> {
  for (const hash of hashes) if (await verifyPassword(password, hash)) return true;
  return false;
}

function presentCharacterTypes(password: string): ReadonlySet<CharacterType> {
  const present = new Set<CharacterType>();
  for (const c of password) {
    for (const t of CHARACTER_TYPES) if (t.test(c)) present.add(t.type);
  }
  return present;
}

function violation(rules: readonly PasswordRule[], messages: readonly string[]): PasswordViolation | undefined {
  return rules.length === 0 ? undefined : { code: 'PasswordPolicyViolation', message: messages.join(SEPARATOR), rules };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a password set at `lastChanged` expires under the policy; undefined when it never does. */
export function passwordExpiresAt(lastChanged: Date, policy: PasswordPolicy | undefined): Date | undefined {
  const days = policy?.maxPasswordAge ?? 0;
  return days > 0 ? new Date(lastChanged.getTime() + days * DAY_MS) : undefined;
}

/**
 * True once MaxPasswordAge days have passed since the password was set. AWS applies a new or
 * shortened MaxPasswordAge at once, to existing passwords too, so callers pass the current policy.
 */
export function passwordExpired(lastChanged: Date, policy: PasswordPolicy | undefined, now: Date): boolean {
  const expiresAt = passwordExpiresAt(lastChanged, policy);
  return expiresAt !== undefined && now.getTime() >= expiresAt.getTime();
}

/** With HardExpiry an expired password can only be reset by an administrator, not by its user. */
export function userMayReplaceExpiredPassword(policy: PasswordPolicy | undefined): boolean {
  return policy?.hardExpiry !== true;
}
