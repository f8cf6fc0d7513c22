// Golden corpus of policy syntax: documents AWS accepts must parse, documents it
// rejects must fail with AWS's exact message (and path, where recorded). Append-only:
// removing or changing a case is a breaking change of the parser.

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePolicy } from '../../src/policy/document/parse-policy.js';
import type { PolicyKind } from '../../src/policy/document/types.js';

interface GoldenCase {
  readonly name: string;
  readonly kind: PolicyKind;
  /** The policy text, or a JSON value to stringify. */
  readonly document: unknown;
  /** Validate as a managed policy (CreatePolicy). */
  readonly managed?: boolean;
}

interface RejectedCase extends GoldenCase {
  readonly message: string;
  readonly path?: string;
}

function load<T>(file: string): readonly T[] {
  return JSON.parse(readFileSync(new URL(`./accepted-syntax/${file}`, import.meta.url), 'utf8')) as T[];
}

const accepted = load<GoldenCase>('accepted.json');
const rejected = load<RejectedCase>('rejected.json');
const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

function run(c: GoldenCase): ReturnType<typeof parsePolicy> {
  const text = typeof c.document === 'string' ? c.document : JSON.stringify(c.document, null, 2);
  return parsePolicy(text, { kind: c.kind, managed: c.managed === true });
}

describe('golden corpus: accepted syntax', () => {
  it('covers every kind, with unique names', () => {
    const all = [...accepted, ...rejected];
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
    for (const kind of KINDS) {
      expect(accepted.some((c) => c.kind === kind), `accepted ${kind}`).toBe(true);
      if (kind !== 'boundary' && kind !== 'session') expect(rejected.some((c) => c.kind === kind), `rejected ${kind}`).toBe(true);
    }
  });

  it.each(accepted.map((c) => [c.name, c] as const))('accepts %s', (_name, c) => {
    const result = run(c);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(rejected.map((c) => [c.name, c] as const))('rejects %s', (_name, c) => {
    const result = run(c);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(c.message);
    if (c.path !== undefined) expect(result.problems[0]?.path).toBe(c.path);
  });
});
