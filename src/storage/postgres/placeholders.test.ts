import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toPositional } from './placeholders.js';

describe('toPositional', () => {
  it('numbers placeholders in order', () => {
    expect(toPositional('SELECT a FROM t WHERE b = ? AND c IN (?, ?)')).toBe(
      'SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)',
    );
  });

  it('leaves question marks in literals, identifiers and comments alone', () => {
    expect(toPositional(`SELECT '?', 'it''s ?', "q?" FROM t -- why?\nWHERE x = ?`)).toBe(
      `SELECT '?', 'it''s ?', "q?" FROM t -- why?\nWHERE x = $1`,
    );
  });

  it('rewrites every bare ? and keeps all other text', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z =(),]*$/), { maxLength: 8 }), (parts) => {
        const out = toPositional(parts.join('?'));
        const expected = parts.map((p, i) => (i === 0 ? p : `$${i}${p}`)).join('');
        expect(out).toBe(expected);
      }),
    );
  });
});
