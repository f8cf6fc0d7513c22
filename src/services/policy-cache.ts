// Compiled policies by document text, so a request never re-parses a policy the
// server has seen before. Bounded; the oldest entries go first.

import { parsePolicy } from '../policy/document/parse-policy.js';
import type { PolicyKind } from '../policy/document/types.js';
import { compilePolicy, type CompiledPolicy } from '../policy/evaluate/compile-policy.js';
import type { PolicyType } from '../policy/evaluate/types.js';

const MAX_ENTRIES = 10_000;
const cache = new Map<string, CompiledPolicy>();

/** Compiles a stored document (already validated when it was stored); undefined if it no longer parses. */
export function compiledPolicy(id: string, type: PolicyType, kind: PolicyKind, text: string): CompiledPolicy | undefined {
  const key = `${type}\u0000${id}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const parsed = parsePolicy(text, { kind });
  if (!parsed.ok) return undefined;
  const compiled = compilePolicy(parsed.document, { id, type });
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, compiled);
  return compiled;
}
