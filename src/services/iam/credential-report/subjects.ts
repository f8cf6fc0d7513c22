// The credential report's rows from the store: the root user, then every IAM user by name,
// with console password, MFA, access keys (with last use) and signing certificates.

import { rootArn } from '../../../domain/arn.js';
import type { AccessKey, PasswordPolicy, User } from '../../../domain/entities.js';
import type { SigningCertificate } from '../../../domain/credentials.js';
import type { StoreTx } from '../../../storage/ports.js';
import { ROOT_ACCOUNT_USER, type CredentialSubject, type ReportAccessKey, type ReportCertificate } from './csv.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function reportKeys(keys: readonly AccessKey[]): ReportAccessKey[] {
  return keys.map((k) => ({
    active: k.status === 'Active',
    createDate: k.createDate,
    ...(k.lastUsed !== undefined && { lastUsed: { date: k.lastUsed.date, region: k.lastUsed.region, service: k.lastUsed.service } }),
  }));
}

function reportCertificates(certs: readonly SigningCertificate[]): ReportCertificate[] {
  return certs.map((c) => ({ active: c.status === 'Active', uploadDate: c.uploadDate }));
}

async function rootSubject(tx: StoreTx, accountId: string, accountCreated: Date): Promise<CredentialSubject> {
  const profile = await tx.loginProfiles.get(accountId, null);
  return {
    root: true,
    name: ROOT_ACCOUNT_USER,
    arn: rootArn(accountId),
    createDate: accountCreated,
    ...(profile?.passwordLastUsed !== undefined && { passwordLastUsed: profile.passwordLastUsed }),
    mfaActive: (await tx.mfaDevices.countForUser(accountId, null)) > 0,
    accessKeys: reportKeys(await tx.accessKeys.listForUser(accountId, null)),
    certificates: reportCertificates(await tx.signingCertificates.listForUser(accountId, null)),
  };
}

async function userSubject(tx: StoreTx, user: User, policy: PasswordPolicy | undefined): Promise<CredentialSubject> {
  const profile = await tx.loginProfiles.get(user.accountId, user.name);
  const maxAge = policy?.maxPasswordAge;
  const passwordLastUsed = user.passwordLastUsed ?? profile?.passwordLastUsed;
  return {
    root: false,
    name: user.name,
    arn: user.arn,
    createDate: user.createDate,
    ...(profile !== undefined && {
      password: {
        lastChanged: profile.passwordLastChanged,
        ...(maxAge !== undefined && { nextRotation: new Date(profile.passwordLastChanged.getTime() + maxAge * DAY_MS) }),
      },
    }),
    ...(passwordLastUsed !== undefined && { passwordLastUsed }),
    mfaActive: (await tx.mfaDevices.countForUser(user.accountId, user.name)) > 0,
    accessKeys: reportKeys(await tx.accessKeys.listForUser(user.accountId, user.name)),
    certificates: reportCertificates(await tx.signingCertificates.listForUser(user.accountId, user.name)),
  };
}

/** Every row of the account's report, the root user's first. */
export async function credentialSubjects(tx: StoreTx, accountId: string, now: Date): Promise<CredentialSubject[]> {
  const account = await tx.accounts.get(accountId);
  const subjects = [await rootSubject(tx, accountId, account?.createdAt ?? now)];
  let after: string | undefined;
  do {
    const page = await tx.users.list({ accountId, limit: 1000, ...(after !== undefined && { after }) });
    for (const user of page.items) subjects.push(await userSubject(tx, user, account?.passwordPolicy));
    after = page.nextAfter;
  } while (after !== undefined);
  return subjects;
}
