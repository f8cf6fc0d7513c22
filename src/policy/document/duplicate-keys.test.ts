import { describe, it, expect } from 'vitest';
import { findDuplicateKeys } from './duplicate-keys.js';

describe('findDuplicateKeys', () => {
  it('points at every repeated member, at any depth', () => {
    const text =
      '{"Statement":[{"Effect":"Allow","Action":"a:b","Action":"c:d","Condition":{"StringEquals":{"k":"1"},"StringEquals":{"k":"2"}}}]}';
    expect(findDuplicateKeys(text)).toEqual(['Statement[0].Action', 'Statement[0].Condition.StringEquals']);
  });

  it('finds none in a clean document or in text that is not JSON', () => {
    expect(findDuplicateKeys('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toEqual([]);
    expect(findDuplicateKeys('{"a":')).toEqual([]);
  });
});
