// Exact reasoning about `*` / `?` globs: the signatures of a set of patterns. A string's signature
// is the set of patterns it matches; every decision a policy makes on an action or a resource
// depends only on that set. Walking the deterministic product of the patterns' automata (over the
// characters the patterns name plus one character none of them names) reaches every signature
// some string has, each with a shortest string as its witness; nothing is sampled.

export interface Signature {
  /** matched[i] is true when the witness matches pattern i. */
  readonly matched: readonly boolean[];
  readonly witness: string;
}

export interface SignatureSpace {
  readonly signatures: readonly Signature[];
  /** False when the walk stopped at `maxStates`: some signatures may be missing. */
  readonly complete: boolean;
}

export interface SignatureOptions {
  readonly ignoreCase: boolean;
  readonly maxStates?: number;
}

// Readable fillers for the "any other character" symbol, tried in order.
const OTHER_CANDIDATES = 'xzqjkwvyb0123456789_-ABCDEFGHIJKLMNOPQRSTUVWXYZ#~';

interface Compiled {
  readonly text: string;
  /** closure[i]: positions reachable from i through `*` without reading. */
  readonly length: number;
}

function compile(pattern: string): Compiled {
  return { text: pattern, length: pattern.length };
}

/** Adds position `i` and every position reachable from it by skipping `*`s. */
function close(p: Compiled, i: number, into: Set<number>): void {
  let at = i;
  for (;;) {
    into.add(at);
    if (at < p.length && p.text[at] === '*') at++;
    else return;
  }
}

function step(p: Compiled, states: ReadonlySet<number>, c: string): Set<number> {
  const next = new Set<number>();
  for (const i of states) {
    if (i >= p.length) continue;
    const ch = p.text[i];
    if (ch === '*') close(p, i, next);
    else if (ch === '?' || ch === c) close(p, i + 1, next);
  }
  return next;
}

function key(states: readonly ReadonlySet<number>[]): string {
  return states.map((s) => [...s].sort((a, b) => a - b).join(',')).join('|');
}

export function signatures(patterns: readonly string[], options: SignatureOptions): SignatureSpace {
  const texts = options.ignoreCase ? patterns.map((p) => p.toLowerCase()) : [...patterns];
  const compiled = texts.map(compile);
  const literal = new Set<string>();
  for (const t of texts) for (const c of t) if (c !== '*' && c !== '?') literal.add(c);
  const other = [...OTHER_CANDIDATES].find((c) => !literal.has(c) && !(options.ignoreCase && c !== c.toLowerCase())) ?? '\u00a7';
  const alphabet = [...literal, other];
  const maxStates = options.maxStates ?? 50_000;
  const start = compiled.map((p) => {
    const s = new Set<number>();
    close(p, 0, s);
    return s;
  });
  const seen = new Set<string>([key(start)]);
  const queue: { states: Set<number>[]; witness: string }[] = [{ states: start, witness: '' }];
  const found = new Map<string, Signature>();
  let complete = true;
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head];
    if (item === undefined) break;
    const matched = compiled.map((p, i) => item.states[i]?.has(p.length) === true);
    const sig = matched.map((m) => (m ? '1' : '0')).join('');
    if (!found.has(sig)) found.set(sig, { matched, witness: item.witness });
    // Once no pattern can still match, longer strings only repeat the empty signature.
    if (item.states.every((s) => s.size === 0)) continue;
    for (const c of alphabet) {
      const next = compiled.map((p, i) => step(p, item.states[i] ?? new Set(), c));
      const k = key(next);
      if (seen.has(k)) continue;
      if (seen.size >= maxStates) {
        complete = false;
        break;
      }
      seen.add(k);
      queue.push({ states: next, witness: item.witness + c });
    }
  }
  return { signatures: [...found.values()], complete };
}
