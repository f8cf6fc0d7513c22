// The credential report through the real AWS SDK: ReportNotPresent, STARTED then COMPLETE, the
// CSV's exact header and per-column values for the root user and IAM users (keys used and
// unused, password, MFA, certificates), and the four-hour rule on a moved server clock.
// Every account is set up through the API, each test on a server of its own or on one it only reads.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SIGNER_1_CERT } from '../../src/services/iam/certificates/fixtures.case.js';
import { createDevice, enableDevice } from '../support/mfa-fixtures.js';
import { ACCOUNT_ID } from '../support/server.js';
import { createUser, policy, statement, startStsNode, type Keys, type StsNode } from '../support/sts-fixtures.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const reportTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');

interface Report {
  readonly header: string;
  readonly rows: Record<string, Record<string, string>>;
  readonly order: string[];
  readonly generated: Date;
}

async function getReport(client: Pick<IAMClient, 'send'>): Promise<Report> {
  const out = await client.send(new GetCredentialReportCommand({}));
  expect(out.ReportFormat).toBe('text/csv');
  expect(out.Content).toBeInstanceOf(Uint8Array);
  const [header = '', ...lines] = Buffer.from(out.Content!).toString('utf8').split('\n');
  const columns = header.split(',');
  const rows: Record<string, Record<string, string>> = {};
  const order: string[] = [];
  for (const line of lines) {
    const fields = line.split(',');
    expect(fields).toHaveLength(22);
    const row = Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
    rows[row.user ?? ''] = row;
    order.push(row.user ?? '');
  }
  return { header, rows, order, generated: out.GeneratedTime! };
}

/** Runs `fn` on a fresh server, stopped afterwards. */
async function withNode(fn: (t: StsNode) => Promise<void>): Promise<void> {
  const t = await startStsNode();
  try {
    await fn(t);
  } finally {
    await t.stop();
  }
}

interface Account {
  readonly t: StsNode;
  readonly alice: Keys;
  readonly reader: Keys;
}

/**
 * auditor (may read the report); alice with a key used in eu-west-1 and a second one switched
 * off and never used; bob with nothing; carol with a password (under a 90-day password policy),
 * an enabled MFA device and a signing certificate.
 */
async function prepareAccount(t: StsNode): Promise<Account> {
  const reader = await createUser(t, 'auditor', policy(statement('Allow', 'iam:GetCredentialReport')));
  const alice = await createUser(t, 'alice');
  const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  await t.iam().send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: AccessKey!.AccessKeyId!, Status: 'Inactive' }));
  // Alice's first key signs a call in eu-west-1 (no permission is needed to be recorded).
  await new STSClient({ endpoint: t.node.url, region: 'eu-west-1', credentials: alice, maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
  await t.iam().send(new CreateUserCommand({ UserName: 'bob' }));
  await t.iam().send(new CreateUserCommand({ UserName: 'carol' }));
  await t.iam().send(
    new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 8,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
    }),
  );
  await t.iam().send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Str0ng!Passw0rd-example' }));
  await enableDevice(t, 'carol', await createDevice(t, 'carol'));
  await t.iam().send(new UploadSigningCertificateCommand({ UserName: 'carol', CertificateBody: SIGNER_1_CERT }));
  return { t, alice, reader };
}

describe('credential report generation', () => {
  it('answers ReportNotPresent (410) before any report, then starts one, then says COMPLETE', async () => {
    await withNode(async (t) => {
      await expect(t.iam().send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
        name: 'CredentialReportNotPresentException',
        $metadata: { httpStatusCode: 410 },
      });
      expect(await t.iam().send(new GenerateCredentialReportCommand({}))).toMatchObject({
        State: 'STARTED',
        Description: 'No report exists. Starting a new report generation task',
      });
      const again = await t.iam().send(new GenerateCredentialReportCommand({}));
      expect(again.State).toBe('COMPLETE');
      expect(again.Description).toBeUndefined();
    });
  });

  it('keeps a report younger than four hours, then expires it and builds a new one', async () => {
    await withNode(async (t) => {
      await t.iam().send(new GenerateCredentialReportCommand({}));
      const before = await getReport(t.iam());
      await t.iam().send(new CreateUserCommand({ UserName: 'dave' }));
      t.advance(3 * HOUR_MS);
      expect((await t.iam().send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
      const kept = await getReport(t.iam());
      expect(kept.generated).toEqual(before.generated);
      expect(kept.order).not.toContain('dave');

      t.advance(1 * HOUR_MS);
      await expect(t.iam().send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
        name: 'CredentialReportExpiredException',
        $metadata: { httpStatusCode: 410 },
      });
      const regenerated = await t.iam().send(new GenerateCredentialReportCommand({}));
      expect(regenerated.State).toBe('STARTED');
      const fresh = await getReport(t.iam());
      expect(fresh.generated.getTime()).toBeGreaterThan(before.generated.getTime() + 4 * HOUR_MS - 1000);
      expect(fresh.order).toContain('dave');
    });
  });

  it('is refused to a user without permission and given to one with iam:GetCredentialReport', async () => {
    await withNode(async (t) => {
      const reader = await createUser(t, 'auditor', policy(statement('Allow', 'iam:GetCredentialReport')));
      const alice = await createUser(t, 'alice');
      await expect(t.iam(alice).send(new GenerateCredentialReportCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
      await t.iam().send(new GenerateCredentialReportCommand({}));
      await expect(t.iam(alice).send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      });
      const report = await getReport(t.iam(reader));
      expect(report.header).toBe(HEADER);
    });
  });
});

describe('the report of a prepared account', () => {
  // Built once and only read by the tests below: the report is generated in beforeAll.
  let account: Account;
  let report: Report;
  beforeAll(async () => {
    account = await prepareAccount(await startStsNode());
    await account.t.iam().send(new GenerateCredentialReportCommand({}));
    report = await getReport(account.t.iam());
  });
  afterAll(async () => {
    await account?.t.stop();
  });

  it("writes AWS's header and the root user's row first", async () => {
    expect(report.header).toBe(HEADER);
    expect(report.order).toEqual(['<root_account>', 'alice', 'auditor', 'bob', 'carol']);
    const root = report.rows['<root_account>']!;
    expect(root.arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:root`);
    expect(root.user_creation_time).toMatch(TIME);
    expect([root.password_enabled, root.password_last_used, root.password_last_changed, root.password_next_rotation]).toEqual([
      'not_supported',
      'no_information',
      'not_supported',
      'not_supported',
    ]);
    expect(root.mfa_active).toBe('false');
    // The root key signs every set-up call as the root user.
    expect([root.access_key_1_active, root.access_key_1_last_used_region, root.access_key_1_last_used_service]).toEqual(['true', 'us-east-1', 'iam']);
    expect(root.access_key_1_last_used_date).toMatch(TIME);
    expect(root.access_key_2_active).toBe('false');
  });

  it("reports a user's keys: rotation dates, last use, and an inactive unused one", async () => {
    const keys = (await account.t.iam().send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata!;
    const row = report.rows.alice!;
    expect(row.arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/alice`);
    expect([row.password_enabled, row.password_last_used, row.password_last_changed, row.password_next_rotation, row.mfa_active]).toEqual([
      'false',
      'N/A',
      'N/A',
      'N/A',
      'false',
    ]);
    expect(row.access_key_1_active).toBe('true');
    expect(row.access_key_1_last_rotated).toBe(reportTime(keys[0]!.CreateDate!));
    expect(row.access_key_1_last_used_date).toMatch(TIME);
    expect([row.access_key_1_last_used_region, row.access_key_1_last_used_service]).toEqual(['eu-west-1', 'sts']);
    expect(row.access_key_2_active).toBe('false');
    expect(row.access_key_2_last_rotated).toBe(reportTime(keys[1]!.CreateDate!));
    expect([row.access_key_2_last_used_date, row.access_key_2_last_used_region, row.access_key_2_last_used_service]).toEqual(['N/A', 'N/A', 'N/A']);
    expect([row.cert_1_active, row.cert_1_last_rotated, row.cert_2_active, row.cert_2_last_rotated]).toEqual(['false', 'N/A', 'false', 'N/A']);
  });

  it('reports a user with nothing as N/A, and a password, MFA and certificate where set', async () => {
    expect(Object.values(report.rows.bob!).slice(3)).toEqual([
      'false', 'N/A', 'N/A', 'N/A', 'false',
      'false', 'N/A', 'N/A', 'N/A', 'N/A',
      'false', 'N/A', 'N/A', 'N/A', 'N/A',
      'false', 'N/A', 'false', 'N/A',
    ]);
    const carol = report.rows.carol!;
    expect([carol.password_enabled, carol.password_last_used, carol.mfa_active, carol.cert_1_active]).toEqual(['true', 'no_information', 'true', 'true']);
    expect(carol.password_last_changed).toMatch(TIME);
    // MaxPasswordAge 90: the next rotation is 90 days after the last change.
    const changed = Date.parse(carol.password_last_changed!.replace('+00:00', 'Z'));
    expect(carol.password_next_rotation).toBe(reportTime(new Date(changed + 90 * DAY_MS)));
    expect(carol.cert_1_last_rotated).toMatch(TIME);
    expect([carol.cert_2_active, carol.cert_2_last_rotated]).toEqual(['false', 'N/A']);
  });
});
