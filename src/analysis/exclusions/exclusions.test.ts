import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../input/details-types.js';
import { makeExclusions, readExclusions } from './exclusions.js';

describe('exclusions', () => {
  it('matches principals by ARN or name, policies by id or name, actions, all by glob and case-insensitively', () => {
    const e = makeExclusions({ Principals: ['break-glass-*', 'arn:aws:iam::*:role/aws-reserved/*'], Policies: ['Legacy?'], Actions: ['s3:Get*'] });
    expect(e.principal('arn:aws:iam::111111111111:user/Break-Glass-1')).toBe(true);
    expect(e.principal('arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/x')).toBe(true);
    expect(e.principal('arn:aws:iam::111111111111:user/glass')).toBe(false);
    expect(e.policy('arn:aws:iam::111111111111:policy/legacy1')).toBe(true);
    expect(e.policy('user/alice/Legacy12')).toBe(false);
    expect(e.action('S3:GetObject')).toBe(true);
    expect(e.action('s3:PutObject')).toBe(false);
  });

  it('takes regular expression characters literally (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }).filter((s) => !/[*?]/.test(s) && s !== ''), (name) => {
        const e = makeExclusions({ Principals: [name] });
        expect(e.principal(`arn:aws:iam::111111111111:user/${name}`) || name.includes('/')).toBe(true);
        expect(e.principal(`arn:aws:iam::111111111111:user/${name}x`)).toBe(false);
      }),
    );
  });

  it('names the file and JSON path of every problem', () => {
    const r = readExclusions('ex.json', { Principals: 'alice', Actions: ['s3 GetObject', ''], KnownAccounts: ['1234'], Users: [] });
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'ex.json: $.Users: unknown key (expected Principals, Policies, Actions, KnownAccounts)',
      'ex.json: $.Principals: expected an array of strings',
      'ex.json: $.Actions[0]: expected SERVICE:ACTION (wildcards allowed), found "s3 GetObject"',
      'ex.json: $.Actions[1]: expected a non-empty string',
      'ex.json: $.KnownAccounts[0]: expected a 12-digit account id, found "1234"',
    ]);
    expect(readExclusions('ex.json', []).ok).toBe(false);
  });
});
