import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { contextKeys, type ContextValue } from '../context.js';
import { compareBase64, decodeBase64 } from './binary.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';

function compile(operator: string, values: string[]) {
  const c = compileCondition({ operator, key: 'k', values, path: 'p' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

function check(operator: string, values: string[], context: Record<string, ContextValue>): boolean {
  return compile(operator, values).test(contextKeys(context), null);
}

describe('base64', () => {
  it('decodes like Buffer, and compares bytes without decoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const s = Buffer.from(a).toString('base64');
        const decoded = decodeBase64(s);
        const same = Buffer.from(a).equals(Buffer.from(b));
        return decoded !== undefined && Buffer.from(decoded).equals(Buffer.from(a)) && compareBase64(s, b) === (same ? 1 : 0) && compareBase64(s.replace(/=+$/, ''), a) === 1;
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects malformed input', () => {
    for (const bad of ['a', 'ab=c', 'a===', '!!!!', 'QQ=', 'QQ==='] as const) expect(decodeBase64(bad), bad).toBeUndefined();
    expect(compareBase64('a', new Uint8Array())).toBe(-1);
  });
});

describe('BinaryEquals', () => {
  const value = 'QmluYXJ5VmFsdWVJbkJhc2U2NA==';
  it('compares byte for byte', () => {
    expect(check('BinaryEquals', [value], { k: value })).toBe(true);
    expect(check('BinaryEquals', [value], { k: value.replace(/=+$/, '') })).toBe(true);
    expect(check('BinaryEquals', [value], { k: 'QUJD' })).toBe(false);
    expect(check('BinaryEquals', ['QUJD', value], { k: 'QUJD' })).toBe(true);
  });

  it('missing key, IfExists, qualifiers', () => {
    expect(check('BinaryEquals', [value], {})).toBe(false);
    expect(check('BinaryEqualsIfExists', [value], {})).toBe(true);
    expect(check('ForAnyValue:BinaryEquals', ['QUJD'], { k: ['QQ==', 'QUJD'] })).toBe(true);
    expect(check('ForAllValues:BinaryEquals', ['QUJD'], { k: ['QQ==', 'QUJD'] })).toBe(false);
  });

  it('bad values', () => {
    const c = compile('BinaryEquals', ['not base64!']);
    expect(c.problems).toHaveLength(1);
    expect(c.test(contextKeys({ k: 'QUJD' }), null)).toBe(false);
    const invalid: string[] = [];
    expect(compile('BinaryEquals', ['QUJD']).test(contextKeys({ k: '%%' }), { missingKey: () => {}, invalidValue: (_k, m) => invalid.push(m) })).toBe(false);
    expect(invalid).toEqual(['request value "%%" is not base64']);
  });
});
