import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineStarts, positionAt, statementSpans, type StatementSpan } from './positions.js';

function only(spans: readonly (StatementSpan | undefined)[]): StatementSpan[] {
  return spans.filter((s): s is StatementSpan => s !== undefined);
}

const pos = (s: StatementSpan): [number, number, number, number] => [s.start.line, s.start.column, s.end.line, s.end.column];

describe('statementSpans against positions AWS returned', () => {
  it('places the first statement of a pretty-printed array just after the `[`', () => {
    // AdministratorAccess as IAM stores it: AWS answers 3:17 to 8:6.
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}';
    expect(only(statementSpans(text)).map(pos)).toEqual([[3, 17, 8, 6]]);
  });

  it('starts a later statement where the previous one ended (before the comma)', () => {
    // A bucket policy as S3 returns it; AWS answered 1:38-1:248 and 1:248-1:470.
    const first =
      '{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"*","Resource":["arn:aws:s3:::tims-fancy-bucket/*","arn:aws:s3:::tims-fancy-bucket"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}';
    const second =
      '{"Sid":"DenyTimDelete","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::tims-fancy-bucket/*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::112233445566:role/tims-test-role"}}}';
    const text = `{"Version":"2012-10-17","Statement":[${first},${second}]}`;
    expect(only(statementSpans(text)).map(pos)).toEqual([
      [1, 38, 1, 248],
      [1, 248, 1, 470],
    ]);
  });

  it('starts a single-object Statement just after its `{`', () => {
    const text =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
    expect(only(statementSpans(text)).map(pos)).toEqual([[1, 38, 1, 167]]);
    const spaced = '{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}';
    expect(only(statementSpans(spaced)).map(pos)).toEqual([[1, 16, 1, 77]]);
  });

  it('counts CRLF as one line break', () => {
    const text =
      ' \r\n{\r\n  "Version": "2012-10-17",\r\n  "Statement": [\r\n    {\r\n      "Effect": "Allow",\r\n      "Action": "s3:GetObject",\r\n      "Resource": "*"\r\n    }\r\n  ]\r\n}\r\n ';
    expect(only(statementSpans(text)).map(pos)).toEqual([[4, 17, 9, 6]]);
  });

  it('uses the last of repeated Statement members and ignores strings that look like JSON', () => {
    const text = '{"Statement":[{"Sid":"a"}],"Id":"{[\\"}","Statement":[{"Sid":"b"},{"Sid":"c"}]}';
    const spans = only(statementSpans(text));
    expect(spans.map((s) => JSON.parse(text.slice(s.openOffset, s.endOffset)) as unknown)).toEqual([{ Sid: 'b' }, { Sid: 'c' }]);
  });

  it('gives nothing for malformed text', () => {
    expect(statementSpans('{"Statement":[{"Sid":"a"}')).toEqual([]);
    expect(statementSpans('not json')).toEqual([]);
  });
});

describe('positionAt', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const starts = lineStarts('ab\ncd\r\nef\rg');
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(starts, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(starts, 5)).toEqual({ line: 2, column: 3 });
    expect(positionAt(starts, 7)).toEqual({ line: 3, column: 1 });
    expect(positionAt(starts, 10)).toEqual({ line: 4, column: 1 });
  });
});

// Random JSON values and a serializer that puts random white space between tokens.
const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
})).value;
const statement = fc.dictionary(fc.string(), jsonValue, { maxKeys: 4 });
const space = fc.array(fc.constantFrom('', ' ', '\n', '\r\n', '\t', '  ', '\r'), { minLength: 1, maxLength: 20 });

function serialize(value: unknown, ws: readonly string[], counter: { i: number }): string {
  const gap = (): string => ws[counter.i++ % ws.length] ?? '';
  if (Array.isArray(value)) return `[${gap()}${value.map((v) => serialize(v, ws, counter)).join(`${gap()},${gap()}`)}${gap()}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${gap()}:${gap()}${serialize(v, ws, counter)}`);
    return `{${gap()}${members.join(`${gap()},${gap()}`)}${gap()}}`;
  }
  return JSON.stringify(value);
}

describe('statementSpans property', () => {
  it('points at each statement `{` and AWS start/end positions, however the JSON is laid out', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), fc.boolean(), space, (statements, single, ws) => {
        const list = single ? [statements[0]] : statements;
        const doc = { Version: '2012-10-17', Statement: single ? statements[0] : statements };
        const text = serialize(doc, ws, { i: 0 });
        const spans = statementSpans(text);
        expect(spans).toHaveLength(list.length);
        const starts = lineStarts(text);
        let previousEnd = -1;
        spans.forEach((span, i) => {
          if (span === undefined) throw new Error('missing span');
          expect(text[span.openOffset]).toBe('{');
          expect(text[span.endOffset - 1]).toBe('}');
          expect(JSON.parse(text.slice(span.openOffset, span.endOffset))).toEqual(list[i]);
          expect(span.open).toEqual(positionAt(starts, span.openOffset));
          expect(span.start).toEqual(positionAt(starts, span.startOffset));
          expect(span.end).toEqual(positionAt(starts, span.endOffset));
          if (single) {
            expect(span.startOffset).toBe(span.openOffset + 1);
          } else if (i === 0) {
            expect(text[span.startOffset - 1]).toBe('[');
            expect(text.slice(span.startOffset, span.openOffset).trim()).toBe('');
          } else {
            expect(span.startOffset).toBe(previousEnd);
            expect(text.slice(span.startOffset, span.openOffset).replace(/\s/g, '')).toBe(',');
          }
          previousEnd = span.endOffset;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a naive line/column count', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', ' ') }), fc.nat(), (text, n) => {
        const offset = n % (text.length + 1);
        // An offset between the two characters of a CRLF is inside a line break; no token starts there.
        fc.pre(!(text[offset - 1] === '\r' && text[offset] === '\n'));
        const before = text.slice(0, offset);
        const line = before.replace(/\r\n/g, '\n').replace(/\r/g, '\n').split('\n').length;
        const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
        expect(positionAt(lineStarts(text), offset)).toEqual({ line, column: offset - lineStart + 1 });
      }),
    );
  });
});
