import { describe, it, expect } from 'vitest';
import { readCondition } from './condition-block.js';
import { readJson } from './json-tree.js';
import type { JsonNode } from './json-tree.js';

function json(text: string): JsonNode {
  const node = readJson(text);
  if (node === undefined) throw new Error(`bad test JSON: ${text}`);
  return node;
}

const IAM = { emptyUnknownOperatorAllowed: true, legacyDates: true };
const OTHER = { emptyUnknownOperatorAllowed: false, legacyDates: false };

describe('readCondition', () => {
  it('reads operators, keys and values, stringifying numbers and booleans as written', () => {
    const reading = readCondition(
      json('{"StringEquals":{"aws:username":["a","b"]},"NumericLessThan":{"s3:max-keys":1.50},"Bool":{"aws:SecureTransport":false}}'),
      'C',
      IAM,
    );
    expect(reading.faults).toEqual([]);
    expect(reading.entries).toEqual([
      { operator: 'StringEquals', key: 'aws:username', values: ['a', 'b'], path: 'C.StringEquals.aws:username' },
      { operator: 'NumericLessThan', key: 's3:max-keys', values: ['1.50'], path: 'C.NumericLessThan.s3:max-keys' },
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'], path: 'C.Bool.aws:SecureTransport' },
    ]);
  });

  it('keeps qualifiers and IfExists as written and allows empty value lists', () => {
    const reading = readCondition(json('{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":[]}}'), 'C', IAM);
    expect(reading.entries).toEqual([
      { operator: 'ForAnyValue:StringLikeIfExists', key: 'aws:TagKeys', values: [], path: 'C.ForAnyValue:StringLikeIfExists.aws:TagKeys' },
    ]);
  });

  it('reports unknown operators; IAM lets one pass only with an empty block', () => {
    expect(readCondition(json('{"StringEqual":{"a":"b"}}'), 'C', IAM).faults).toEqual([
      { code: 'condition-operator', path: 'C.StringEqual', args: { name: 'StringEqual' } },
    ]);
    expect(readCondition(json('{"x":{}}'), 'C', IAM).faults).toEqual([]);
    expect(readCondition(json('{"x":{}}'), 'C', OTHER).faults).toHaveLength(1);
    expect(readCondition(json('{"ForAnyValue::StringEquals":{"a":"b"}}'), 'C', IAM).faults[0]?.code).toBe('condition-operator');
  });

  it('reports shapes AWS refuses', () => {
    for (const text of ['[]', '"a"', '{"StringEquals":"b"}', '{"StringEquals":[]}', '{"StringEquals":{"a":{}}}', '{"StringEquals":{"a":null}}', '{"StringEquals":{"a":[["b"]]}}']) {
      expect(readCondition(json(text), 'C', IAM).faults[0]?.code, text).toBe('syntax');
    }
  });

  it('runs the legacy Date check only when asked', () => {
    const node = json('{"DateGreaterThan":{"aws:CurrentTime":"yesterday"}}');
    expect(readCondition(node, 'C', IAM).faults).toEqual([{ code: 'legacy', path: 'C.DateGreaterThan.aws:CurrentTime' }]);
    expect(readCondition(node, 'C', OTHER).faults).toEqual([]);
  });
});
