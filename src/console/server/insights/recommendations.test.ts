import { describe, expect, it } from 'vitest';
import { parseCredentialReport } from './credential-report.js';
import { recommend } from './recommendations.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const row = (fields: Partial<Record<string, string>>): string =>
  HEADER.split(',')
    .map((h) => fields[h] ?? 'N/A')
    .join(',');

const byId = (list: ReturnType<typeof recommend>) => Object.fromEntries(list.map((r) => [r.id, r]));

describe('the dashboard recommendations', () => {
  it('warns about root without MFA and root keys, and is quiet when they are fixed', () => {
    const bad = byId(recommend({ summary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 }, report: [], now: NOW }));
    expect(bad['root-mfa']!.status).toBe('warning');
    expect(bad['root-access-keys']!.status).toBe('warning');
    const good = byId(recommend({ summary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }, report: [], now: NOW }));
    expect(good['root-mfa']!.status).toBe('ok');
    expect(good['root-access-keys']!.status).toBe('ok');
  });

  it('says what the principal may not read instead of guessing', () => {
    const r = byId(recommend({ now: NOW }));
    expect(Object.values(r).map((x) => x.status)).toEqual(['hidden', 'hidden', 'hidden', 'hidden', 'hidden']);
    expect(r['users-without-mfa']!.detail).toContain('Not visible with your permissions');
  });

  it('finds users without MFA, old keys and unused credentials in the credential report', () => {
    const csv = [
      HEADER,
      row({ user: '<root_account>', password_enabled: 'not_supported', mfa_active: 'false' }),
      row({ user: 'alice', password_enabled: 'true', password_last_used: '2026-05-30T00:00:00Z', mfa_active: 'false' }),
      row({ user: 'bob', password_enabled: 'true', password_last_used: '2026-01-01T00:00:00Z', mfa_active: 'true', access_key_1_active: 'true', access_key_1_last_rotated: '2025-12-01T00:00:00Z', access_key_1_last_used_date: '2026-05-31T00:00:00Z' }),
      row({ user: 'carol', password_enabled: 'false', mfa_active: 'false', access_key_1_active: 'true', access_key_1_last_rotated: '2026-05-01T00:00:00Z' }),
    ].join('\n');
    const report = parseCredentialReport(csv);
    expect(report).toHaveLength(4);
    expect(report[1]!.user).toBe('alice');
    const r = byId(recommend({ summary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }, report, now: NOW }));
    expect(r['users-without-mfa']!.status).toBe('warning');
    expect(r['users-without-mfa']!.detail).toContain('1 user(s)');
    expect(r['users-without-mfa']!.detail).toContain('alice');
    expect(r['old-access-keys']!.detail).toContain('bob');
    expect(r['old-access-keys']!.detail).not.toContain('carol');
    // bob's password was last used in January; carol's key is new and unused (not yet 90 days).
    expect(r['unused-credentials']!.detail).toContain('bob');
    expect(r['unused-credentials']!.detail).not.toContain('alice');
    expect(r['unused-credentials']!.detail).not.toContain('carol');
  });

  it('reads quoted fields', () => {
    expect(parseCredentialReport('a,b\n"x,1","say ""hi"""\n')).toEqual([{ a: 'x,1', b: 'say "hi"' }]);
  });
});
