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

/** The literal text before a pattern's first wildcard. */
function literalPrefix(p: string): string {
  const star = p.indexOf('*');
  const q = p.indexOf('?');
  const end = star < 0 ? (q < 0 ? p.length : q) : q < 0 ? star : Math.min(star, q);
  return p.slice(0, end);
}

/**
 * Patterns whose literal prefixes are incomparable (neither starts the other) can never match
 * the same string: the walk runs per group of comparable ones, which keeps the product small.
 */
function groupsOf(texts: readonly string[]): number[][] {
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  const order = texts.map((t, i) => ({ prefix: literalPrefix(t), i })).sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  const stack: { prefix: string; i: number }[] = [];
  for (const item of order) {
    while (stack.length > 0 && !item.prefix.startsWith(stack[stack.length - 1]?.prefix ?? '')) stack.pop();
    const top = stack[stack.length - 1];
    if (top !== undefined) parent[find(item.i)] = find(top.i);
    stack.push(item);
  }
  const groups = new Map<number, number[]>();
  texts.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g === undefined) groups.set(r, [i]);
    else g.push(i);
  });
  return [...groups.values()];
}

export function signatures(patterns: readonly string[], options: SignatureOptions): SignatureSpace {
  const texts = options.ignoreCase ? patterns.map((p) => p.toLowerCase()) : [...patterns];
  const literal = new Set<string>();
  for (const t of texts) for (const c of t) if (c !== '*' && c !== '?') literal.add(c);
  const other = [...OTHER_CANDIDATES].find((c) => !literal.has(c) && !(options.ignoreCase && c !== c.toLowerCase())) ?? '\u00a7';
  // "*" (or "**") matches every string: it tells no two strings apart, so it stays out of the walk.
  const universal = texts.map((t) => t.length > 0 && /^\*+$/.test(t));
  if (universal.some((u) => u)) {
    const rest = texts.map((t, i) => ({ t, i })).filter((x) => universal[x.i] !== true);
    const inner = signatures(rest.map((x) => x.t), options);
    return {
      complete: inner.complete,
      signatures: inner.signatures.map((sig) => {
        const matched = texts.map((_, i) => universal[i] === true);
        rest.forEach((x, k) => {
          matched[x.i] = sig.matched[k] === true;
        });
        return { matched, witness: sig.witness };
      }),
    };
  }
  const groups = groupsOf(texts);
  if (groups.length <= 1) return walk(texts, other, options);
  const out: Signature[] = [];
  let complete = true;
  for (const group of groups) {
    const local = group.length === 1 ? single(texts[group[0] ?? 0] ?? '', other) : walk(group.map((i) => texts[i] ?? ''), other, options);
    complete &&= local.complete;
    for (const sig of local.signatures) {
      if (!sig.matched.some((m) => m)) continue;
      const matched = texts.map(() => false);
      group.forEach((g, k) => {
        matched[g] = sig.matched[k] === true;
      });
      out.push({ matched, witness: sig.witness });
    }
  }
  // With several groups every pattern starts with a literal, and `other` starts none of them.
  out.push({ matched: texts.map(() => false), witness: other });
  return { signatures: out, complete };
}

function single(text: string, other: string): SignatureSpace {
  return { signatures: [{ matched: [true], witness: text.replaceAll('*', '').replaceAll('?', other) }], complete: true };
}

function walk(texts: readonly string[], other: string, options: SignatureOptions): SignatureSpace {
  const compiled = texts.map(compile);
  const literal = new Set<string>();
  for (const t of texts) for (const c of t) if (c !== '*' && c !== '?') literal.add(c);
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
