import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../auth/secret-box.js';
import type { AuthorizationMessage, KeywardStatement } from './authz-message-build.js';
import { ENCODED_MESSAGE_MAX, encodeAuthorizationMessage, openMessageText, sealMessageText } from './authz-message-seal.js';

const master = new SecretBox(randomBytes(32));
const ACCT = '111122223333';

describe('sealed authorization message text', () => {
  it('opens to the text sealed, for the same account only', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const encoded = sealMessageText(master, ACCT, text);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(openMessageText(master, ACCT, encoded)).toBe(text);
        expect(openMessageText(master, '999988887777', encoded)).toBeUndefined();
        expect(openMessageText(new SecretBox(randomBytes(32)), ACCT, encoded)).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('refuses any changed byte and any cut', () => {
    const raw = Buffer.from(sealMessageText(master, ACCT, '{"allowed":false,"explicitDeny":true}'), 'base64url');
    fc.assert(
      fc.property(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const changed = Buffer.from(raw);
        changed[at] = (changed[at] ?? 0) ^ mask;
        expect(openMessageText(master, ACCT, changed.toString('base64url'))).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.nat({ max: raw.length - 1 }), (cut) => {
        expect(openMessageText(master, ACCT, raw.subarray(0, cut).toString('base64url'))).toBeUndefined();
      }),
    );
  });

  it('seals short text as it is and deflates long text; both open, and neither opens as the other format', () => {
    const short = JSON.stringify({ allowed: false, note: 'x'.repeat(1000) });
    const long = JSON.stringify({ allowed: false, items: Array.from({ length: 300 }, (_, i) => ({ value: `arn:aws:notes::${ACCT}:note/alice/${i}` })) });
    const sealedShort = Buffer.from(sealMessageText(master, ACCT, short), 'base64url');
    const sealedLong = Buffer.from(sealMessageText(master, ACCT, long), 'base64url');
    expect([sealedShort[0], sealedLong[0]]).toEqual([2, 1]);
    // Deflated: far shorter than the text (repetitive JSON).
    expect(sealedLong.length).toBeLessThan(long.length / 3);
    expect(openMessageText(master, ACCT, sealedShort.toString('base64url'))).toBe(short);
    expect(openMessageText(master, ACCT, sealedLong.toString('base64url'))).toBe(long);
    for (const [sealed, other] of [[sealedShort, 1], [sealedLong, 2]] as const) {
      const swapped = Buffer.from(sealed);
      swapped[0] = other;
      expect(openMessageText(master, ACCT, swapped.toString('base64url'))).toBeUndefined();
    }
  });

  it('refuses text that is not base64url', () => {
    expect(openMessageText(master, ACCT, 'not a message')).toBeUndefined();
    expect(openMessageText(master, ACCT, '')).toBeUndefined();
  });
});

describe('encodeAuthorizationMessage', () => {
  const statement = (i: number, mismatch: 'action' | 'resource'): KeywardStatement => ({
    policyId: `arn:aws:iam::${ACCT}:policy/p${i}-${randomBytes(8).toString('hex')}`,
    policyType: 'identity',
    index: i,
    sid: `S${randomBytes(12).toString('hex')}`,
    effect: 'Allow',
    matched: false,
    mismatch,
    reason: `the ${mismatch} does not match`,
  });
  const message = (statements: KeywardStatement[]): AuthorizationMessage => ({
    allowed: false,
    explicitDeny: false,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: { principal: { id: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCT}:user/a` }, action: 'iam:CreateUser', resource: '*', conditions: { items: [] } },
    keyward: { decision: 'ImplicitDeny', statements, missingContextKeys: [] },
  });

  it('keeps a small message whole', () => {
    const small = message([statement(0, 'resource')]);
    expect(JSON.parse(openMessageText(master, ACCT, encodeAuthorizationMessage(master, ACCT, small))!)).toEqual(small);
  });

  it('leaves statements out, most irrelevant first, to stay within DecodeAuthorizationMessage’s 10240 characters', () => {
    const relevant = Array.from({ length: 10 }, (_, i) => statement(i, 'resource'));
    const others = Array.from({ length: 400 }, (_, i) => statement(100 + i, 'action'));
    const encoded = encodeAuthorizationMessage(master, ACCT, message([...others, ...relevant]));
    expect(encoded.length).toBeLessThanOrEqual(ENCODED_MESSAGE_MAX);
    const opened = JSON.parse(openMessageText(master, ACCT, encoded)!) as AuthorizationMessage;
    expect(opened.keyward.truncated).toBe(true);
    expect(opened.keyward.statements).toEqual(relevant);
    expect(opened.context.action).toBe('iam:CreateUser');
  });
});
