import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IamError } from '../../../protocol/errors.js';
import { readContextEntries } from './context.js';

const entry = (ContextKeyType: string | undefined, ContextKeyValues: string[] | undefined, ContextKeyName = 'stack:key') => ({
  ContextKeyName,
  ...(ContextKeyType !== undefined && { ContextKeyType }),
  ...(ContextKeyValues !== undefined && { ContextKeyValues }),
});

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof IamError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'ok';
}

describe('readContextEntries', () => {
  it('turns scalar types into strings and list types into string arrays', () => {
    const read = readContextEntries([
      entry('string', ['a']),
      entry('stringList', ['a', 'b'], 'aws:TagKeys'),
      entry('boolean', ['TRUE'], 'aws:SecureTransport'),
      entry('numericList', ['1', '+2.5', '1e9999'], 'stack:nums'),
    ]);
    expect(read.values).toEqual({ 'stack:key': 'a', 'aws:TagKeys': ['a', 'b'], 'aws:SecureTransport': 'TRUE', 'stack:nums': ['1', '+2.5', '1e9999'] });
    expect([...read.names]).toEqual(['stack:key', 'aws:tagkeys', 'aws:securetransport', 'stack:nums']);
  });

  it('refuses entries as AWS does, with its messages', () => {
    expect(message(() => readContextEntries([{ ContextKeyType: 'string', ContextKeyValues: ['a'] }]))).toBe('InvalidInput: ContextKeyName cannot be null or empty.');
    expect(message(() => readContextEntries([entry(undefined, ['a'])]))).toBe('InvalidInput: Context key stack:key has invalid type null.');
    expect(message(() => readContextEntries([entry('string', [])]))).toBe('InvalidInput: Context values for context key stack:key cannot be null or empty.');
    expect(message(() => readContextEntries([entry('stringList', undefined)]))).toBe('InvalidInput: Context values for context key stack:key cannot be null or empty.');
    expect(message(() => readContextEntries([entry('numeric', ['1', '2'])]))).toBe('InvalidInput: Context key numeric expected a single value, but received 2.');
    expect(message(() => readContextEntries([entry('string', ['a']), entry('string', ['b'], 'STACK:KEY')]))).toBe('InvalidInput: Duplicate context key: STACK:KEY.');
    expect(message(() => readContextEntries([entry('ipList', ['192.0.2.1', '999.0.0.1'])]))).toBe('InvalidInput: Invalid context value for key stack:key: expected IP address.');
    expect(message(() => readContextEntries([entry('dateList', ['2020-01-01', 'tomorrow'])]))).toBe('InvalidInput: Invalid context value for key stack:key: expected DateTime format.');
  });

  it('accepts the values AWS accepts and refuses the ones it refuses', () => {
    const ok = (type: string, value: string): boolean => message(() => readContextEntries([entry(type, [value])])) === 'ok';
    for (const v of ['01.00', '+1', '1e2', '1e9999', '-.5']) expect(ok('numeric', v), v).toBe(true);
    for (const v of ['0x10', ' 1 ', 'Infinity', 'NaN', 'abc', '']) expect(ok('numeric', v), v).toBe(false);
    for (const v of ['192.0.2.1', '2001:db8::1', '192.000.002.1']) expect(ok('ip', v), v).toBe(true);
    for (const v of ['192.0.2.0/24', 'fe80::1%eth0', '999.0.0.1']) expect(ok('ip', v), v).toBe(false);
    for (const v of ['2035', '2035-01', '2035-01-02', '2035-01-02T03:04Z', '2035-01-02T03:04:05.123+02:00', '0', '1735787045']) expect(ok('date', v), v).toBe(true);
    for (const v of ['eWVz', 'YQ==', '']) expect(ok('binary', v), v).toBe(true);
    for (const v of ['eWVz\n', 'YQ', 'YR==', 'YQ-_', '!base64']) expect(ok('binary', v), v).toBe(false);
    expect(ok('boolean', 'yes')).toBe(true);
  });

  it('accepts exactly the canonical padded base64 strings as binary', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABQRYZaegwz019+/='.split('')), maxLength: 12 }), (value) => {
        const canonical = Buffer.from(value, 'base64').toString('base64') === value;
        expect(message(() => readContextEntries([entry('binary', [value])])) === 'ok').toBe(canonical);
      }),
    );
  });

  it('accepts every number JavaScript prints as numeric', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(message(() => readContextEntries([entry('numeric', [String(n)])]))).toBe('ok');
      }),
    );
  });
});
