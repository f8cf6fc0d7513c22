// Compiled policies by document, so a request never re-parses a policy the server has
// seen before. Keyed by a digest of the text (not the text itself) and bounded by the
// total size of the documents it holds; the oldest entries go first.

import { createHash } from 'node:crypto';
import { parsePolicy } from '../policy/document/parse-policy.js';
import type { PolicyKind } from '../policy/document/types.js';
import { compilePolicy, type CompiledPolicy } from '../policy/evaluate/compile-policy.js';
import type { PolicyType } from '../policy/evaluate/types.js';

const MAX_ENTRIES = 10_000;
/** Documents up to this many characters in total (compiled forms are a small multiple of it). */
const MAX_TEXT_CHARS = 32 * 1024 * 1024;

interface Entry {
  readonly policy: CompiledPolicy;
  readonly size: number;
}

const cache = new Map<string, Entry>();
let cachedChars = 0;

/** Compiles a stored document (already validated when it was stored); undefined if it no longer parses. */
export function compiledPolicy(id: string, type: PolicyType, kind: PolicyKind, text: string): CompiledPolicy | undefined {
  const key = createHash('sha256').update(type).update('\u0000').update(id).update('\u0000').update(text).digest('base64');
  const hit = cache.get(key);
  if (hit !== undefined) return hit.policy;
  const parsed = parsePolicy(text, { kind });
  if (!parsed.ok) return undefined;
  const policy = compilePolicy(parsed.document, { id, type });
  const size = text.length + id.length;
  while (cache.size > 0 && (cache.size >= MAX_ENTRIES || cachedChars + size > MAX_TEXT_CHARS)) {
    const [oldest, entry] = cache.entries().next().value as [string, Entry];
    cache.delete(oldest);
    cachedChars -= entry.size;
  }
  cache.set(key, { policy, size });
  cachedChars += size;
  return policy;
}
