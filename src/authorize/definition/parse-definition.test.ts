import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDefinition, parseDefinitionText } from './parse-definition.js';
import { reservedPrefixes } from './reserved-prefixes.js';

const NOTES = readFileSync(new URL('../../../examples/notes-service/notes.service.json', import.meta.url), 'utf8');
const reserved = new Set(['s3', 'iam', 'sts', 'sqs', 'keyward', 'aws']);
const notes = (): Record<string, unknown> => JSON.parse(NOTES) as Record<string, unknown>;
const problemsOf = (input: unknown): { path: string; message: string }[] => {
  const r = parseDefinition(input, { reserved });
  return r.ok ? [] : [...r.problems];
};

describe('parseDefinition', () => {
  it('accepts the example notes definition and fills defaults', () => {
    const r = parseDefinitionText(NOTES, { reserved });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.definition.Name).toBe('notes');
    expect(r.definition.Actions.map((a) => a.Name)).toContain('GetNote');
    expect(r.definition.Signing).toMatchObject({ Name: 'notes', UnsignedPayload: true, UriEncoding: 'double' });
    expect(r.definition.Routes).toHaveLength(4);
  });

  it("reserves AWS's prefixes, from the service reference data", async () => {
    const aws = await reservedPrefixes();
    expect(aws.has('s3')).toBe(true);
    expect(aws.has('sqs')).toBe(true);
    expect(aws.has('keyward')).toBe(true);
    const r = parseDefinition({ ...notes(), Name: 'sqs', Signing: { Hosts: ['q.internal'] } }, { reserved: aws });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path: '$.Name', message: '"sqs" is reserved: it is the prefix of an AWS or Keyward service' });
  });

  it('reports every problem with its JSON path', () => {
    const d = notes();
    const actions = d.Actions as Record<string, unknown>[];
    actions[0] = { ...actions[0], AccessLevel: 'Readish' };
    actions[1] = { ...actions[1], Resources: [{ Name: 'bucket' }] };
    actions[2] = { ...actions[2], Name: 'getnote' };
    actions[3] = { ...actions[3], ActionConditionKeys: ['other:Key'] };
    const problems = problemsOf({ ...d, Extra: 1, Signing: { Hosts: [] }, Routes: [{ Method: 'get', Path: 'x', Action: 'Nope', Resource: 'arn:aws:notes:::{Id}' }] });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.Extra',
        '$.Actions[0].AccessLevel',
        '$.Actions[1].Resources[0].Name',
        '$.Actions[2].Name',
        '$.Actions[3].ActionConditionKeys[0]',
        '$.Signing.Hosts',
        '$.Routes[0].Method',
        '$.Routes[0].Path',
        '$.Routes[0].Action',
      ]),
    );
    expect(problems.find((p) => p.path === '$.Actions[2].Name')?.message).toBe('"getnote" is already defined at $.Actions[0]');
    expect(problems.find((p) => p.path === '$.Actions[1].Resources[0].Name')?.message).toBe(
      '"bucket" is not a resource type of this service (see $.Resources)',
    );
  });

  it('checks ARN formats and condition key names against the prefix', () => {
    const problems = problemsOf({
      ...notes(),
      Resources: [{ Name: 'note', ARNFormats: ['arn:${Partition}:queue:${Region}:${Account}:note/${Id}', 'not-an-arn'] }],
      ConditionKeys: [{ Name: 'queue:Visibility', Types: ['Text'] }],
    });
    expect(problems).toContainEqual({
      path: '$.Resources[0].ARNFormats[0]',
      message: '"arn:${Partition}:queue:${Region}:${Account}:note/${Id}" must name the service "notes" in its third field',
    });
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.Resources[0].ARNFormats[1]', '$.ConditionKeys[0].Name', '$.ConditionKeys[0].Types[0]']));
  });

  it('rejects what is not JSON or not an object', () => {
    expect(parseDefinitionText('{', { reserved })).toMatchObject({ ok: false, problems: [{ path: '$' }] });
    expect(problemsOf([])).toEqual([{ path: '$', message: 'must be an object' }]);
    expect(problemsOf({})).toEqual(expect.arrayContaining([{ path: '$.Name', message: 'must be a string' }, { path: '$.Actions', message: 'must be an array' }]));
  });

  it('never throws and accepts only definitions whose prefix is well formed (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = parseDefinition(value, { reserved });
        if (r.ok) expect(r.definition.Name).toMatch(/^[a-z][a-z0-9-]*$/);
        else expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a valid definition survives any field being removed or garbled only by reporting that field (property)', () => {
    const base = notes();
    const fields = Object.keys(base).filter((k) => k !== 'Description');
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), (field, junk) => {
        const r = parseDefinition({ ...base, [field]: junk }, { reserved });
        // Routes may be any array only; junk never is one, so every garbled field fails at or under its path.
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems.some((p) => p.path === `$.${field}` || p.path.startsWith(`$.${field}`) || p.path.startsWith('$.'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
