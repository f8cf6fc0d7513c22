// The account password policy as the sentences AWS's console shows beside a password field.

export interface PasswordPolicy {
  readonly MinimumPasswordLength?: number;
  readonly RequireSymbols?: boolean;
  readonly RequireNumbers?: boolean;
  readonly RequireUppercaseCharacters?: boolean;
  readonly RequireLowercaseCharacters?: boolean;
  readonly AllowUsersToChangePassword?: boolean;
  readonly ExpirePasswords?: boolean;
  readonly MaxPasswordAge?: number;
  readonly PasswordReusePrevention?: number;
  readonly HardExpiry?: boolean;
}

export function describePolicy(p: PasswordPolicy): string[] {
  const out = [`Minimum password length: ${p.MinimumPasswordLength ?? 8} characters`];
  if (p.RequireUppercaseCharacters === true) out.push('At least one uppercase letter (A-Z)');
  if (p.RequireLowercaseCharacters === true) out.push('At least one lowercase letter (a-z)');
  if (p.RequireNumbers === true) out.push('At least one number');
  if (p.RequireSymbols === true) out.push('At least one non-alphanumeric character');
  if (p.PasswordReusePrevention !== undefined) out.push(`Must not be one of your last ${p.PasswordReusePrevention} passwords`);
  if (p.MaxPasswordAge !== undefined) out.push(`Expires after ${p.MaxPasswordAge} days`);
  return out;
}
