import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parsePolicy } from './parse-policy.js';
import type { PolicyKind } from './types.js';

const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

function checkShape(text: string, kind: PolicyKind): void {
  const result = parsePolicy(text, { kind });
  if (result.ok) {
    expect(result.document.text).toBe(text);
    expect(result.document.statements.length).toBeGreaterThan(0);
  } else {
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.message).toBe(result.problems[0]?.message);
  }
}

describe('parsePolicy never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...KINDS), (value, kind) => checkShape(JSON.stringify(value), kind)),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.constantFrom(...KINDS), (text, kind) => checkShape(text, kind)), {
      numRuns: 1000,
    });
  });

  it('on policy-shaped documents with arbitrary values in every element', () => {
    const element = fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Other');
    const statement = fc.dictionary(element, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    const doc = fc.record(
      {
        Version: fc.oneof(fc.constantFrom('2012-10-17', '2008-10-17'), fc.jsonValue({ maxDepth: 1 })),
        Id: fc.jsonValue({ maxDepth: 1 }),
        Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(doc, fc.constantFrom(...KINDS), (value, kind) => checkShape(JSON.stringify(value), kind)), {
      numRuns: 1000,
    });
  });
});

// --- generators of valid identity policies, with what parsePolicy must give back ---

const word = (chars: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...chars.split('')), minLength: min, maxLength: max });
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const action = fc.oneof(
  fc.constant('*'),
  fc.tuple(word('abcdefghijklmnopqrstuvwxyz0123456789-', 1, 12), word(`${ALNUM}*?`, 1, 16)).map(([v, a]) => `${v}:${a}`),
);
const resource = fc.oneof(
  fc.constant('*'),
  fc
    .tuple(
      fc.constantFrom('ec2', 'dynamodb', 'sqs', 'lambda', 'kms'),
      fc.constantFrom('', 'us-east-1', '*'),
      fc.constantFrom('', '123456789012', '*'),
      word(`${ALNUM}/*_-$\{}:`, 1, 24),
    )
    .map(([service, region, account, rest]) => `arn:aws:${service}:${region}:${account}:${rest}`),
  word(`${ALNUM}/*-`, 1, 20).map((rest) => `arn:aws:s3:::${rest}`),
);

/** A value as JSON and as the text parsePolicy must turn it into. */
const conditionValue = fc.oneof(
  word(`${ALNUM} */?$\{}:-`, 0, 16).map((s) => ({ json: s as unknown, text: s })),
  fc.integer().map((n) => ({ json: n as unknown, text: String(n) })),
  fc.boolean().map((b) => ({ json: b as unknown, text: String(b) })),
);
const operator = fc.constantFrom(
  'StringEquals',
  'StringNotLike',
  'ForAnyValue:StringLike',
  'ForAllValues:StringEqualsIgnoreCase',
  'NumericLessThanEquals',
  'Bool',
  'IpAddress',
  'ArnLikeIfExists',
  'Null',
);
const conditionBlock = fc.uniqueArray(
  fc.record({
    operator,
    keys: fc.uniqueArray(fc.record({ key: word(`${ALNUM}:/`, 1, 20).map((k) => `aws:${k}`), values: fc.array(conditionValue, { maxLength: 3 }), single: fc.boolean() }), {
      minLength: 1,
      maxLength: 3,
      selector: (k) => k.key,
    }),
  }),
  { maxLength: 3, selector: (o) => o.operator },
);

/** A list element written as a bare string (one value) or as an array. */
const listOf = (item: fc.Arbitrary<string>): fc.Arbitrary<{ json: unknown; values: string[] }> =>
  fc.oneof(
    item.map((v) => ({ json: v as unknown, values: [v] })),
    fc.array(item, { minLength: 1, maxLength: 4 }).map((vs) => ({ json: vs as unknown, values: vs })),
  );

const statement = fc.record({
  effect: fc.constantFrom('Allow', 'Deny'),
  not: fc.boolean(),
  notResource: fc.boolean(),
  actions: listOf(action),
  resources: listOf(resource),
  conditions: conditionBlock,
});

describe('valid identity policies', () => {
  it('parse and give back their actions, resources and conditions exactly', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.integer({ min: 0, max: 4 }), (statements, asArray, indent) => {
        const json = statements.map((s, i) => {
          const condition = Object.fromEntries(
            s.conditions.map((c) => [
              c.operator,
              Object.fromEntries(c.keys.map((k) => [k.key, k.single && k.values.length === 1 ? k.values[0]?.json : k.values.map((v) => v.json)])),
            ]),
          );
          return {
            Sid: `S${i}`,
            Effect: s.effect,
            [s.not ? 'NotAction' : 'Action']: s.actions.json,
            [s.notResource ? 'NotResource' : 'Resource']: s.resources.json,
            ...(s.conditions.length > 0 && { Condition: condition }),
          };
        });
        const doc = { Version: '2012-10-17', Statement: asArray || json.length > 1 ? json : json[0] };
        const text = JSON.stringify(doc, null, indent);
        const result = parsePolicy(text, { kind: 'identity' });
        if (!result.ok) throw new Error(`${result.message} at ${result.problems[0]?.path}\n${text}`);
        expect(result.document.size).toBe(policySizeOf(doc));
        result.document.statements.forEach((st, i) => {
          const s = statements[i];
          if (s === undefined) throw new Error('statement count differs');
          expect(st.sid).toBe(`S${i}`);
          expect(st.effect).toBe(s.effect);
          expect(s.not ? st.notAction : st.action).toEqual(s.actions.values);
          expect(s.notResource ? st.notResource : st.resource).toEqual(s.resources.values);
          const expected = s.conditions.flatMap((c) => c.keys.map((k) => [c.operator, k.key, k.values.map((v) => v.text)]));
          expect(st.conditions.map((c) => [c.operator, c.key, c.values])).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
  });
});

function policySizeOf(value: unknown): number {
  return [...JSON.stringify(value)].filter((ch) => !' \t\n\r'.includes(ch)).length;
}

describe('policy size', () => {
  it('does not change when the document is re-indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, 4, '\t'), (value, indent) => {
        const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:x': JSON.stringify(value) } } } };
        const a = parsePolicy(JSON.stringify(doc), { kind: 'identity' });
        const b = parsePolicy(JSON.stringify(doc, null, indent), { kind: 'identity' });
        if (!a.ok || !b.ok) throw new Error('expected both to parse');
        expect(b.document.size).toBe(a.document.size);
      }),
    );
  });
});
