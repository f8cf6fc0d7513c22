// The credential report's CSV: AWS's 22 columns in AWS's order, one row per IAM user after the
// `<root_account>` row, with `N/A`, `no_information` and `not_supported` where AWS writes them.

export const CREDENTIAL_REPORT_COLUMNS: readonly string[] = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
];

export const ROOT_ACCOUNT_USER = '<root_account>';

export interface ReportAccessKey {
  readonly active: boolean;
  /** Created or last changed. */
  readonly createDate: Date;
  readonly lastUsed?: { readonly date: Date; readonly region: string; readonly service: string };
}

export interface ReportCertificate {
  readonly active: boolean;
  readonly uploadDate: Date;
}

/** One row's facts; `root` rows print `not_supported` where AWS does. */
export interface CredentialSubject {
  readonly root: boolean;
  readonly name: string;
  readonly arn: string;
  readonly createDate: Date;
  /** Absent when the user has no console password. */
  readonly password?: { readonly lastChanged: Date; readonly nextRotation?: Date };
  /** Outlives the password, as GetUser's PasswordLastUsed does. */
  readonly passwordLastUsed?: Date;
  readonly mfaActive: boolean;
  /** Oldest first; the report shows the first two. */
  readonly accessKeys: readonly ReportAccessKey[];
  readonly certificates: readonly ReportCertificate[];
}

const NA = 'N/A';
const NOT_SUPPORTED = 'not_supported';
const NO_INFORMATION = 'no_information';

/** AWS's report timestamps: `2024-01-02T03:04:05+00:00`. */
export function reportTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function passwordColumns(s: CredentialSubject): string[] {
  const lastUsed = s.passwordLastUsed !== undefined ? reportTime(s.passwordLastUsed) : undefined;
  // The root user always has a password; whether it was used is all the report says of it.
  if (s.root) return [NOT_SUPPORTED, lastUsed ?? NO_INFORMATION, NOT_SUPPORTED, NOT_SUPPORTED];
  const p = s.password;
  return [
    String(p !== undefined),
    lastUsed ?? (p !== undefined ? NO_INFORMATION : NA),
    p !== undefined ? reportTime(p.lastChanged) : NA,
    p?.nextRotation !== undefined ? reportTime(p.nextRotation) : NA,
  ];
}

function keyColumns(key: ReportAccessKey | undefined): string[] {
  if (key === undefined) return ['false', NA, NA, NA, NA];
  const used = key.lastUsed;
  return [
    String(key.active),
    reportTime(key.createDate),
    used !== undefined ? reportTime(used.date) : NA,
    used?.region ?? NA,
    used?.service ?? NA,
  ];
}

function certColumns(cert: ReportCertificate | undefined): string[] {
  return cert === undefined ? ['false', NA] : [String(cert.active), reportTime(cert.uploadDate)];
}

export function credentialRow(s: CredentialSubject): string[] {
  return [
    s.name,
    s.arn,
    reportTime(s.createDate),
    ...passwordColumns(s),
    String(s.mfaActive),
    ...keyColumns(s.accessKeys[0]),
    ...keyColumns(s.accessKeys[1]),
    ...certColumns(s.certificates[0]),
    ...certColumns(s.certificates[1]),
  ];
}

/** RFC 4180 quoting, needed only for names and paths with commas or quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The header, then one line per subject (the root user first), joined by `\n`. */
export function credentialReportCsv(subjects: readonly CredentialSubject[]): string {
  const lines = [CREDENTIAL_REPORT_COLUMNS, ...subjects.map(credentialRow)];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\n');
}
