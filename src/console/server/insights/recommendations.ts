// The dashboard's security recommendations, from what the signed-in principal may read:
// GetAccountSummary (root MFA, root access keys) and the credential report (users without
// MFA, access keys older than 90 days, credentials unused for 90 days). A recommendation
// whose input the principal may not read is "hidden", never guessed.
import type { ReportRow } from './credential-report.js';

export interface Recommendation {
  readonly id: string;
  readonly title: string;
  readonly status: 'ok' | 'warning' | 'hidden';
  readonly detail: string;
  readonly link?: string;
}

export interface RecommendationInputs {
  /** GetAccountSummary's SummaryMap, or undefined when the principal may not read it. */
  readonly summary?: Readonly<Record<string, number>>;
  /** The credential report's rows, or undefined when the principal may not read it. */
  readonly report?: readonly ReportRow[];
  readonly now: Date;
  /** Days after which a key is old and a credential unused (AWS's console uses 90). */
  readonly days?: number;
}

const HIDDEN = 'Not visible with your permissions';
const ROOT = '<root_account>';

function olderThan(value: string | undefined, days: number, now: Date): boolean {
  if (value === undefined || value === '' || value === 'N/A' || value === 'not_supported' || value === 'no_information') return false;
  const t = Date.parse(value);
  return !Number.isNaN(t) && now.getTime() - t > days * 86_400_000;
}

function used(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== 'N/A' && value !== 'no_information' && value !== 'not_supported';
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, 5).join(', ');
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}

export function recommend(inputs: RecommendationInputs): Recommendation[] {
  const days = inputs.days ?? 90;
  const { summary, report, now } = inputs;
  const out: Recommendation[] = [];
  const hidden = (id: string, title: string): Recommendation => ({ id, title, status: 'hidden', detail: `${HIDDEN} (iam:GetAccountSummary / iam:GetCredentialReport).` });

  if (summary === undefined) {
    out.push(hidden('root-mfa', 'Add MFA for the root user'), hidden('root-access-keys', 'Delete the root user\'s access keys'));
  } else {
    out.push(
      summary.AccountMFAEnabled === 1
        ? { id: 'root-mfa', title: 'Add MFA for the root user', status: 'ok', detail: 'The root user has an MFA device.' }
        : { id: 'root-mfa', title: 'Add MFA for the root user', status: 'warning', detail: 'The root user has no MFA device. Sign in as root and assign one on My security credentials.', link: '/console/security-credentials' },
      summary.AccountAccessKeysPresent === 1
        ? { id: 'root-access-keys', title: 'Delete the root user\'s access keys', status: 'warning', detail: 'The root user has access keys. Delete them: use IAM users or roles for programmatic access.', link: '/console/security-credentials' }
        : { id: 'root-access-keys', title: 'Delete the root user\'s access keys', status: 'ok', detail: 'The root user has no access keys.' },
    );
  }

  if (report === undefined) {
    out.push(
      hidden('users-without-mfa', 'Users with console access have MFA'),
      hidden('old-access-keys', `Rotate access keys older than ${days} days`),
      hidden('unused-credentials', `Remove credentials unused for ${days} days`),
    );
    return out;
  }
  const users = report.filter((r) => r.user !== ROOT);
  const noMfa = users.filter((r) => r.password_enabled === 'true' && r.mfa_active !== 'true').map((r) => r.user!);
  out.push(
    noMfa.length === 0
      ? { id: 'users-without-mfa', title: 'Users with console access have MFA', status: 'ok', detail: 'Every user with a console password has an MFA device.' }
      : { id: 'users-without-mfa', title: 'Users with console access have MFA', status: 'warning', detail: `${noMfa.length} user(s) sign in with a password and no MFA: ${names(noMfa)}.`, link: '/console/credential-report' },
  );
  const oldKeys = users.filter((r) => [1, 2].some((n) => r[`access_key_${n}_active`] === 'true' && olderThan(r[`access_key_${n}_last_rotated`], days, now))).map((r) => r.user!);
  out.push(
    oldKeys.length === 0
      ? { id: 'old-access-keys', title: `Rotate access keys older than ${days} days`, status: 'ok', detail: `No active access key is older than ${days} days.` }
      : { id: 'old-access-keys', title: `Rotate access keys older than ${days} days`, status: 'warning', detail: `${oldKeys.length} user(s) have an active access key older than ${days} days: ${names(oldKeys)}.`, link: '/console/credential-report' },
  );
  const unused = users
    .filter((r) => {
      const password = r.password_enabled === 'true' && (used(r.password_last_used) ? olderThan(r.password_last_used, days, now) : olderThan(r.password_last_changed ?? r.user_creation_time, days, now));
      const key = [1, 2].some(
        (n) => r[`access_key_${n}_active`] === 'true' && (used(r[`access_key_${n}_last_used_date`]) ? olderThan(r[`access_key_${n}_last_used_date`], days, now) : olderThan(r[`access_key_${n}_last_rotated`], days, now)),
      );
      return password || key;
    })
    .map((r) => r.user!);
  out.push(
    unused.length === 0
      ? { id: 'unused-credentials', title: `Remove credentials unused for ${days} days`, status: 'ok', detail: `Every enabled password and active key was used in the last ${days} days (or is newer).` }
      : { id: 'unused-credentials', title: `Remove credentials unused for ${days} days`, status: 'warning', detail: `${unused.length} user(s) have a password or key unused for ${days} days: ${names(unused)}.`, link: '/console/credential-report' },
  );
  return out;
}
