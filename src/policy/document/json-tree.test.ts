import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { lineColumn, MAX_JSON_DEPTH, member, memberNames, readJson, readJsonPositioned, type JsonNode } from './json-tree.js';

describe('readJson', () => {
  it('reads every JSON kind and keeps number text as written', () => {
    const node = readJson('{"a": [1.50, -2e3, true, false, null, "x\\u0041\\n"]}');
    expect(node).toEqual({
      kind: 'object',
      entries: [
        {
          key: 'a',
          value: {
            kind: 'array',
            items: [
              { kind: 'number', text: '1.50' },
              { kind: 'number', text: '-2e3' },
              { kind: 'boolean', value: true },
              { kind: 'boolean', value: false },
              { kind: 'null' },
              { kind: 'string', value: 'xA\n' },
            ],
          },
        },
      ],
    });
  });

  it('keeps duplicate members, and member() returns the last like JSON.parse', () => {
    const node = readJson('{"k": 1, "j": 2, "k": 3}');
    if (node?.kind !== 'object') throw new Error('expected an object');
    expect(node.entries).toHaveLength(3);
    expect(member(node, 'k')).toEqual({ kind: 'number', text: '3' });
    expect(memberNames(node)).toEqual(['k', 'j']);
    expect(member(node, 'missing')).toBeUndefined();
  });

  it.each([
    '',
    '{',
    '{"a":1,}',
    '[1,]',
    "{'a':1}",
    '{"a":1} x',
    '01',
    '1.',
    '"\u0001"',
    '"\\x"',
    '"\\u12"',
    'tru',
    '{"a" 1}',
    '/* c */ {}',
    '\ufeff{}',
  ])('rejects invalid JSON %j', (text) => {
    expect(readJson(text)).toBeUndefined();
  });

  it('accepts nesting up to the depth limit and refuses deeper, without throwing', () => {
    expect(readJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeDefined();
    expect(readJson('['.repeat(MAX_JSON_DEPTH + 2) + ']'.repeat(MAX_JSON_DEPTH + 2))).toBeUndefined();
    expect(readJson('['.repeat(200_000))).toBeUndefined();
  });

  it('agrees with JSON.parse on what is valid JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(readJson(text) !== undefined).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readJsonPositioned', () => {
  const children = (node: JsonNode): JsonNode[] => (node.kind === 'object' ? node.entries.map((e) => e.value) : node.kind === 'array' ? [...node.items] : []);

  it('gives every node the span of its own text, by property', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const read = readJsonPositioned(text);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        const stack = [read.json.root];
        while (stack.length > 0) {
          const node = stack.pop() as JsonNode;
          const { start, end } = read.json.span(node);
          expect(readJson(text.slice(start, end))).toEqual(node);
          stack.push(...children(node));
        }
      }),
    );
  });

  it('accepts and refuses exactly what readJson does, and says where and why it refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        expect(readJsonPositioned(text).ok).toBe(readJson(text) !== undefined);
      }),
    );
    const bad = readJsonPositioned('{\n  "a": [1,]\n}');
    expect(bad).toEqual({ ok: false, offset: 12, reason: "Unexpected character (']'): expected a JSON value (String, Number, Array, Object or token null, true or false)" });
    expect(lineColumn('{\n  "a": [1,]\n}', 12)).toEqual({ line: 2, column: 10 });
    expect(readJsonPositioned('{"a": 1').ok).toBe(false);
  });
});
