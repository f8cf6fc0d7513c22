import { describe, expect, it } from 'vitest';
import { parseQuery } from './parse-query.js';

describe('parseQuery', () => {
  it('reads can, who and the presets', () => {
    expect(parseQuery('can arn:aws:iam::1:user/a do s3:GetObject on arn:aws:s3:::b/k when aws:SourceIp=10.0.0.1 x=y=z')).toEqual({
      ok: true,
      query: { kind: 'can', principal: 'arn:aws:iam::1:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', keys: { 'aws:SourceIp': '10.0.0.1', x: 'y=z' } },
    });
    expect(parseQuery('  who  can do iam:PassRole ')).toEqual({ ok: true, query: { kind: 'who', action: 'iam:PassRole', resource: '*', keys: {} } });
    expect(parseQuery('admins')).toEqual({ ok: true, query: { kind: 'admins' } });
    expect(parseQuery('privesc')).toEqual({ ok: true, query: { kind: 'privesc' } });
    expect(parseQuery(' connected  arn:aws:iam::1:role/r ')).toEqual({ ok: true, query: { kind: 'connected', principal: 'arn:aws:iam::1:role/r' } });
  });

  it('says what is wrong', () => {
    expect(parseQuery('who can do GetObject')).toEqual({ ok: false, message: 'not an action: "GetObject" (expected service:Action)' });
    expect(parseQuery('who can do s3:GetObject on')).toEqual({ ok: false, message: "'on' needs a resource ARN" });
    expect(parseQuery('who can do s3:GetObject when')).toEqual({ ok: false, message: "'when' needs KEY=VALUE" });
    expect(parseQuery('who can do s3:GetObject when nope')).toEqual({ ok: false, message: 'not KEY=VALUE: "nope"' });
    expect(parseQuery('who can do s3:GetObject please')).toEqual({ ok: false, message: 'unexpected "please"' });
    expect(parseQuery('list everything').ok).toBe(false);
    expect(parseQuery('connected')).toEqual({ ok: false, message: "expected 'connected PRINCIPAL_ARN'" });
    expect(parseQuery('connected a b')).toEqual({ ok: false, message: "expected 'connected PRINCIPAL_ARN'" });
  });
});
