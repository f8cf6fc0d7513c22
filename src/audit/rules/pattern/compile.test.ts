// Refused patterns: EventBridge's reasons, and the line and column AWS's JSON reader
// reports (two checked against messages AWS returned, quoted in public bug reports).

import { describe, expect, it } from 'vitest';
import { compileEventPattern, MAX_OR_COMBINATIONS } from './compile.js';
import { describePatternError, EventPatternError } from './types.js';

function refusal(text: string): EventPatternError {
  try {
    compileEventPattern(text);
  } catch (err) {
    if (err instanceof EventPatternError) return err;
    throw err;
  }
  throw new Error(`pattern was accepted: ${text}`);
}

describe('compileEventPattern refuses what EventBridge refuses', () => {
  it('an empty object, at the column AWS reported for this very pattern', () => {
    const text = '{"source": ["aws.health"], "detail": {}}';
    const err = refusal(text);
    expect(err.reason).toBe('Empty objects are not allowed');
    expect(err.position).toEqual({ line: 1, column: 40 });
    expect(describePatternError(err, text)).toBe(
      `Event pattern is not valid. Reason: Empty objects are not allowed\n at [Source: (String)"${text}"; line: 1, column: 40]`,
    );
  });

  it('exists with a string, at the column AWS reported (just inside the string)', () => {
    const text = '{"source":["test-source"],"detail":{"name":[{"exists":"true"}],"age":[{"numeric":[">","25"]}]}}';
    const err = refusal(text);
    expect(err.reason).toBe('exists match pattern must be either true or false.');
    expect(err.position).toEqual({ line: 1, column: 56 });
  });

  it.each([
    ['[]', 'Filter is not an object'],
    ['{"source": "aws.ec2"}', '"source" must be an object or an array'],
    ['{"source": []}', 'Empty arrays are not allowed'],
    ['{"source": [["a"]]}', 'Match value must be String, number, true, false, or null'],
    ['{"a": [{}]}', 'Match expression name not found'],
    ['{"a": [{"contains": "x"}]}', 'Unrecognized match type contains'],
    ['{"a": [{"prefix": "x", "suffix": "y"}]}', 'Only one key allowed in match expression'],
    ['{"a": [{"prefix": 5}]}', 'prefix match pattern must be a string'],
    ['{"a": [{"suffix": true}]}', 'suffix match pattern must be a string'],
    ['{"a": [{"equals-ignore-case": 1}]}', 'equals-ignore-case match pattern must be a string'],
    ['{"a": [{"numeric": 5}]}', 'Value of numeric must be an array.'],
    ['{"a": [{"numeric": [">", "5"]}]}', 'Value of > must be numeric'],
    ['{"a": [{"numeric": ["!=", 5]}]}', 'Unrecognized numeric range operator: !='],
    ['{"a": [{"numeric": ["=", 5, "<", 6]}]}', 'Too many elements in numeric expression'],
    ['{"a": [{"numeric": [">", 5, ">", 6]}]}', 'Bad numeric range operator: >'],
    ['{"a": [{"numeric": [">", 5, "<", 6, 7]}]}', 'Too many terms in numeric range expression'],
    ['{"a": [{"numeric": [">", 6e9]}]}', 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    ['{"a": [{"anything-but": ["a", 1]}]}', 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    ['{"a": [{"anything-but": [null]}]}', 'Inside anything but list, start|null|boolean is not supported.'],
    ['{"a": [{"anything-but": true}]}', 'Value of anything-but must be an array or single string/number value.'],
    ['{"a": [{"anything-but": {"numeric": [">", 1]}}]}', 'Unsupported anything-but pattern: numeric'],
    ['{"a": [{"anything-but": {"prefix": ""}}]}', 'Null prefix/suffix not allowed'],
    ['{"a": [{"exists": "true"}]}', 'exists match pattern must be either true or false.'],
    ['{"a": [{"cidr": "10.0.0.0/33"}]}', 'Nonsensical CIDR: 10.0.0.0/33'],
    ['{"a": [{"wildcard": "a**b"}]}', 'Consecutive wildcard characters at pos 1'],
    ['{"a": [{"wildcard": "a\\\\b"}]}', 'Invalid escape character at pos 1'],
    ['{"$or": {"a": ["b"]}}', 'It must be an Array followed with $or.'],
    ['{"$or": [{"a": ["b"]}]}', 'There must have at least 2 Objects in $or relationship.'],
    ['{"$or": [{"a": ["b"]}, "c"]}', 'Only JSON object is allowed in array of $or relationship.'],
    ['{"$or": [{"a": ["b"]}, {"prefix": ["c"]}]}', 'prefix is Ruler reserved fieldName which cannot be used inside $or.'],
  ])('%s', (text, reason) => {
    expect(refusal(text).reason).toBe(reason);
  });

  it('reports JSON syntax errors with their line and column', () => {
    const err = refusal('{\n  "a": ["b",]\n}');
    expect(err.position.line).toBe(2);
    expect(err.reason).toMatch(/^Unexpected character/);
  });

  it(`refuses $or expansions past ${MAX_OR_COMBINATIONS} and accepts exactly ${MAX_OR_COMBINATIONS}`, () => {
    const branches = (n: number, key: string): unknown[] => Array.from({ length: n }, (_, i) => ({ [`${key}${i}`]: ['x'] }));
    const tenByTenByTen = { a: { $or: branches(10, 'a') }, b: { $or: branches(10, 'b') }, c: { $or: branches(10, 'c') } };
    expect(compileEventPattern(JSON.stringify(tenByTenByTen)).combinations).toBe(1000);
    const more = { ...tenByTenByTen, d: { $or: branches(2, 'd') } };
    expect(refusal(JSON.stringify(more)).reason).toMatch(/exceeds the limit of 1000/);
  });

  it('lets the last of a repeated field win', () => {
    expect(() => compileEventPattern('{"a": "not an array", "a": ["fine"]}')).toThrow(EventPatternError);
    expect(compileEventPattern('{"a": ["x"], "a": ["y"]}').root.fields.size).toBe(1);
  });
});
