import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIni } from './ini.js';

describe('parseIni', () => {
  it('reads sections, keys (lower-cased), comments and nested blocks as botocore does', () => {
    const text = [
      '# top comment',
      '[default]',
      'region = eu-west-1 # trailing comment',
      '',
      '[profile  dev ]',
      'Role_Arn=arn:aws:iam::111122223333:role/dev',
      '; another comment',
      'source_profile = default',
      'endpoint_url = http://localhost:4566/#frag',
      's3 =',
      '  max_concurrent_requests = 10',
      'mfa_serial = arn:aws:iam::111122223333:mfa/me',
      'stray line without equals',
    ].join('\r\n');
    const ini = parseIni(text);
    expect(ini.get('default')?.get('region')).toBe('eu-west-1');
    const dev = ini.get('profile dev');
    expect(dev?.get('role_arn')).toBe('arn:aws:iam::111122223333:role/dev');
    expect(dev?.get('source_profile')).toBe('default');
    expect(dev?.get('endpoint_url')).toBe('http://localhost:4566/#frag');
    expect(dev?.get('s3')).toBe('max_concurrent_requests = 10');
    expect(dev?.get('mfa_serial')).toBe('arn:aws:iam::111122223333:mfa/me');
    expect(dev?.size).toBe(5);
  });

  it('ignores keys before the first section and merges repeated sections', () => {
    const ini = parseIni('orphan = 1\n[a]\nx = 1\n[a]\ny = 2\n');
    expect([...ini.keys()]).toEqual(['a']);
    expect(Object.fromEntries(ini.get('a') ?? [])).toEqual({ x: '1', y: '2' });
  });

  it('reads back any config written in the documented shape', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/);
    const value = fc.stringMatching(/^[A-Za-z0-9:/._=+@-]{1,30}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.dictionary(name, value, { minKeys: 1 }), { minKeys: 1 }), (sections) => {
        const text = Object.entries(sections)
          .map(([s, kv]) => [`[profile ${s}]`, ...Object.entries(kv).map(([k, v]) => `${k} = ${v}`)].join('\n'))
          .join('\n\n');
        const ini = parseIni(text);
        for (const [s, kv] of Object.entries(sections)) expect(Object.fromEntries(ini.get(`profile ${s}`) ?? [])).toEqual(kv);
        expect(ini.size).toBe(Object.keys(sections).length);
      }),
    );
  });
});
