import { describe, expect, it } from 'vitest';
import { testModel } from '../model/test-model.case.js';
import { decodeStructure } from './decode-shape.js';
import { buildParamTree } from './param-tree.js';

function decode(query: string) {
  return decodeStructure(testModel, 'PutRequest', buildParamTree(new URLSearchParams(query)));
}

describe('decodeStructure', () => {
  it('reads entry.N.key/value maps, flattened lists, locationName and named list members', () => {
    const result = decode(
      'Attributes.entry.1.key=a&Attributes.entry.1.value=1&Attributes.entry.2.key=b&Attributes.entry.2.value=2' +
        '&Flat.1=x&Flat.2=y&Other=renamed&Named.Item.1=i1&Named.Item.2=i2&Renamed=ignored',
    );
    expect(result).toEqual({
      ok: true,
      value: { Attributes: { a: '1', b: '2' }, Flat: ['x', 'y'], Renamed: 'renamed', Named: ['i1', 'i2'] },
    });
  });

  it('reads timestamps (ISO 8601 in UTC, or epoch seconds), base64 blobs and decimals', () => {
    const result = decode('When=2024-01-02T03:04:05Z&Data=AQL%2F&Ratio=1.5&Count=9007199254740991');
    expect(result).toEqual({
      ok: true,
      value: { When: new Date('2024-01-02T03:04:05Z'), Data: new Uint8Array([1, 2, 255]), Ratio: 1.5, Count: 9007199254740991 },
    });
    expect(decode('When=2024-01-02T03:04:05')).toEqual({
      ok: true,
      value: { When: new Date('2024-01-02T03:04:05Z') },
    });
    expect(decode('When=1704164645')).toEqual({ ok: true, value: { When: new Date('2024-01-02T03:04:05Z') } });
  });

  it('fails on values that are not their type', () => {
    expect(decode('When=yesterday')).toMatchObject({ ok: false });
    expect(decode('Data=***')).toMatchObject({ ok: false });
    expect(decode('Ratio=1.5.5')).toMatchObject({ ok: false });
  });

  it('ignores list parameters that carry no index', () => {
    expect(decode('Named.Item.x=1&Named.Item.0=2')).toEqual({ ok: true, value: {} });
  });
});
