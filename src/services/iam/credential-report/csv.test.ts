import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CREDENTIAL_REPORT_COLUMNS, credentialReportCsv, credentialRow, reportTime, type CredentialSubject } from './csv.js';

const T = (s: string): Date => new Date(`${s}Z`);

const root: CredentialSubject = {
  root: true,
  name: '<root_account>',
  arn: 'arn:aws:iam::111122223333:root',
  createDate: T('2020-01-02T03:04:05.678'),
  mfaActive: true,
  accessKeys: [],
  certificates: [],
};

const bare: CredentialSubject = {
  root: false,
  name: 'bob',
  arn: 'arn:aws:iam::111122223333:user/bob',
  createDate: T('2021-05-06T07:08:09'),
  mfaActive: false,
  accessKeys: [],
  certificates: [],
};

/** Splits one CSV line, honouring RFC 4180 quotes. */
function parseLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

describe('credential report CSV', () => {
  it("has AWS's 22 columns in AWS's order", () => {
    expect(credentialReportCsv([]).split('\n')[0]).toBe(
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
        'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
        'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
        'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    );
    expect(CREDENTIAL_REPORT_COLUMNS).toHaveLength(22);
  });

  it('writes timestamps as AWS does, to the second with +00:00', () => {
    expect(reportTime(T('2024-01-02T03:04:05.999'))).toBe('2024-01-02T03:04:05+00:00');
  });

  it('writes the root row with not_supported and no_information where AWS does', () => {
    expect(credentialRow(root).join(',')).toBe(
      '<root_account>,arn:aws:iam::111122223333:root,2020-01-02T03:04:05+00:00,not_supported,no_information,not_supported,not_supported,true,' +
        'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    );
    const used = credentialRow({ ...root, passwordLastUsed: T('2024-03-04T05:06:07') });
    expect(used[4]).toBe('2024-03-04T05:06:07+00:00');
  });

  it('writes N/A for a user without password, keys or certificates', () => {
    expect(credentialRow(bare).join(',')).toBe(
      'bob,arn:aws:iam::111122223333:user/bob,2021-05-06T07:08:09+00:00,false,N/A,N/A,N/A,false,' +
        'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    );
  });

  it('fills password, keys (used or not, inactive too) and certificates', () => {
    const row = credentialRow({
      ...bare,
      password: { lastChanged: T('2022-01-01T00:00:00'), nextRotation: T('2022-03-02T00:00:00') },
      mfaActive: true,
      accessKeys: [
        { active: true, createDate: T('2022-02-02T02:02:02'), lastUsed: { date: T('2022-02-03T00:00:00'), region: 'eu-west-1', service: 'iam' } },
        { active: false, createDate: T('2022-04-04T04:04:04') },
      ],
      certificates: [{ active: false, uploadDate: T('2022-05-05T05:05:05') }],
    });
    expect(row.slice(3, 8)).toEqual(['true', 'no_information', '2022-01-01T00:00:00+00:00', '2022-03-02T00:00:00+00:00', 'true']);
    expect(row.slice(8, 13)).toEqual(['true', '2022-02-02T02:02:02+00:00', '2022-02-03T00:00:00+00:00', 'eu-west-1', 'iam']);
    expect(row.slice(13, 18)).toEqual(['false', '2022-04-04T04:04:04+00:00', 'N/A', 'N/A', 'N/A']);
    expect(row.slice(18)).toEqual(['false', '2022-05-05T05:05:05+00:00', 'false', 'N/A']);
  });

  it('keeps password_last_used after the password is gone', () => {
    const row = credentialRow({ ...bare, passwordLastUsed: T('2023-01-01T00:00:00') });
    expect(row.slice(3, 7)).toEqual(['false', '2023-01-01T00:00:00+00:00', 'N/A', 'N/A']);
  });

  it('quotes fields so that every line parses back to 22 fields with the same name and ARN', () => {
    const name = fc.stringMatching(/^[\w+=,.@"-]{1,20}$/);
    fc.assert(
      fc.property(name, fc.stringMatching(/^\/([!-~]{1,10}\/)?$/), (n, path) => {
        const arn = `arn:aws:iam::111122223333:user${path}${n}`;
        const lines = credentialReportCsv([root, { ...bare, name: n, arn }]).split('\n');
        expect(lines).toHaveLength(3);
        const fields = parseLine(lines[2] ?? '');
        expect(fields).toHaveLength(22);
        expect(fields.slice(0, 2)).toEqual([n, arn]);
      }),
    );
  });
});
