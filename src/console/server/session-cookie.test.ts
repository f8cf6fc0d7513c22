import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../auth/secret-box.js';
import { COOKIE_NAME, openSession, readCookie, sealSession, sessionCookie, type ConsoleSession } from './session-cookie.js';

const master = new SecretBox(new Uint8Array(32).fill(7));
const now = new Date('2026-12-07T12:00:00Z');
const session: ConsoleSession = {
  sid: 'sid-1',
  type: 'IAMUser',
  arn: 'arn:aws:iam::111122223333:user/alice',
  accountId: '111122223333',
  userName: 'alice',
  displayName: 'alice',
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret-value', sessionToken: 'KWST1.g1.x' },
  csrfToken: 'csrf',
  expiresAt: Math.floor(now.getTime() / 1000) + 3600,
  passwordChangeRequired: false,
  mfaUsed: false,
};

describe('the console session cookie', () => {
  it('round-trips, hides the secret, and refuses altered, foreign and expired values', async () => {
    const sealed = await sealSession(master, session);
    expect(sealed).not.toContain('secret-value');
    expect(await openSession(master, sealed, now)).toEqual(session);
    const parts = sealed.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await openSession(master, parts.join('.'), now)).toBeUndefined();
    expect(await openSession(new SecretBox(new Uint8Array(32).fill(8)), sealed, now)).toBeUndefined();
    expect(await openSession(master, sealed, new Date((session.expiresAt + 1) * 1000))).toBeUndefined();
    expect(sessionCookie(sealed, session.expiresAt, true, now)).toBe(`${COOKIE_NAME}=${sealed}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure`);
  });

  it('finds its cookie among any others in a Cookie header', () => {
    const name = fc.stringMatching(/^[a-z_]{1,12}$/).filter((n) => n !== COOKIE_NAME);
    const value = fc.stringMatching(/^[A-Za-z0-9._-]{0,40}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 6 }), value, fc.nat(6), (others, ours, at) => {
        const pairs = others.map(([n, v]) => `${n}=${v}`);
        pairs.splice(Math.min(at, pairs.length), 0, `${COOKIE_NAME}=${ours}`);
        expect(readCookie(pairs.join('; '))).toBe(ours);
        expect(readCookie(others.map(([n, v]) => `${n}=${v}`).join('; '))).toBeUndefined();
      }),
    );
  });
});
