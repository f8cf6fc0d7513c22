import { describe, expect, it } from 'vitest';
import { parseArgs } from './vault-args.js';

const exec = { options: ['duration', 'mfa-token'], flags: ['server', 'no-session'], restAfter: 1 };

describe('vault argument parsing', () => {
  it('splits exec options from the program and its own options', () => {
    const p = parseArgs(['dev', '--duration', '1h', '--server', '--mfa-token=123456', 'node', '-e', '--duration'], exec);
    expect(p.positional).toEqual(['dev']);
    expect(Object.fromEntries(p.options)).toEqual({ duration: '1h', 'mfa-token': '123456' });
    expect([...p.flags]).toEqual(['server']);
    expect(p.rest).toEqual(['node', '-e', '--duration']);
    expect(parseArgs(['dev', '--', 'aws', '--version'], exec).rest).toEqual(['aws', '--version']);
  });

  it('refuses unknown options, missing values and values given to flags', () => {
    expect(() => parseArgs(['dev', '--bogus'], exec)).toThrow('unknown option --bogus');
    expect(() => parseArgs(['dev', '--duration'], exec)).toThrow('--duration needs a value');
    expect(() => parseArgs(['dev', '--server=1'], exec)).toThrow('--server takes no value');
  });
});
