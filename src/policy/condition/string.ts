// String condition operators: StringEquals, StringEqualsIgnoreCase and StringLike
// (their Not forms are the same operands, negated by the compiler). Policy
// variables are substituted per request; values without variables are compiled once.

import type { ContextKeys } from '../context.js';
import { compileTemplate, resolveTemplate, resolveToString, templateVariables, type Template } from '../match/template.js';
import { globFromParts, globMatch, STAR, type Glob } from './glob.js';
import { MATCH, NO_MATCH, UNRESOLVED, type CompiledOperand, type OperandOptions, type Outcome } from './operand.js';

const NO_KEYS: ContextKeys = new Map();
// Above this many exact values a Set lookup beats a linear scan.
const SET_THRESHOLD = 6;

interface Split {
  /** Values fixed at compile time (escapes already resolved). */
  readonly fixed: Template[];
  /** Values with at least one variable, resolved per request. */
  readonly dynamic: Template[];
}

function split(values: readonly string[], options: OperandOptions): Split {
  const fixed: Template[] = [];
  const dynamic: Template[] = [];
  for (const value of values) {
    const template = compileTemplate(value, options);
    if (template.dynamic && templateVariables(template).length > 0) dynamic.push(template);
    else fixed.push(template);
  }
  return { fixed, dynamic };
}

/** Exact membership in a list of strings: a Set when long, a scan when short. */
function exactMatcher(strings: readonly string[]): (value: string) => boolean {
  if (strings.length > SET_THRESHOLD) {
    const set = new Set(strings);
    return (value) => set.has(value);
  }
  return (value) => {
    for (let i = 0; i < strings.length; i++) if (strings[i] === value) return true;
    return false;
  };
}

export function compileStringEquals(values: readonly string[], options: OperandOptions): CompiledOperand {
  const { fixed, dynamic } = split(values, options);
  const exact = exactMatcher(fixed.map((t) => resolveToString(t, NO_KEYS) ?? t.source));
  return {
    expects: 'a string',
    badValues: [],
    test(value: string, keys: ContextKeys): Outcome {
      if (exact(value)) return MATCH;
      let incomparable = false;
      for (let i = 0; i < dynamic.length; i++) {
        const resolved = resolveToString(dynamic[i] as Template, keys);
        if (resolved === undefined) incomparable = true;
        else if (resolved === value) return MATCH;
      }
      return incomparable ? UNRESOLVED : NO_MATCH;
    },
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/**
 * Compares `value` with an already lower-cased string without allocating for
 * ASCII input; anything else falls back to `toLowerCase`, which is the
 * definition of "ignoring case" used here.
 */
export function equalsIgnoreCase(value: string, lower: string, lowerIsAscii: boolean): boolean {
  if (value.length !== lower.length) return !lowerIsAscii && value.toLowerCase() === lower;
  for (let i = 0; i < value.length; i++) {
    let c = value.charCodeAt(i);
    if (c >= 128) return value.toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return !lowerIsAscii && value.toLowerCase() === lower;
  }
  return true;
}

export function compileStringEqualsIgnoreCase(values: readonly string[], options: OperandOptions): CompiledOperand {
  const { fixed, dynamic } = split(values, options);
  const lowers = fixed.map((t) => (resolveToString(t, NO_KEYS) ?? t.source).toLowerCase());
  const ascii = lowers.map(isAscii);
  const set = lowers.length > SET_THRESHOLD ? new Set(lowers) : null;
  return {
    expects: 'a string',
    badValues: [],
    test(value: string, keys: ContextKeys): Outcome {
      if (set !== null) {
        if (set.has(value.toLowerCase())) return MATCH;
      } else {
        for (let i = 0; i < lowers.length; i++) if (equalsIgnoreCase(value, lowers[i] as string, ascii[i] as boolean)) return MATCH;
      }
      let incomparable = false;
      for (let i = 0; i < dynamic.length; i++) {
        const resolved = resolveToString(dynamic[i] as Template, keys);
        if (resolved === undefined) incomparable = true;
        else if (resolved.toLowerCase() === value.toLowerCase()) return MATCH;
      }
      return incomparable ? UNRESOLVED : NO_MATCH;
    },
  };
}

const EXACT = 0;
const ANY = 1;
const PREFIX = 2;
const SUFFIX = 3;
const GENERAL = 4;

/** A StringLike value with the common shapes (`abc`, `*`, `abc*`, `*abc`) recognised for speed. */
interface LikePattern {
  readonly kind: typeof EXACT | typeof ANY | typeof PREFIX | typeof SUFFIX | typeof GENERAL;
  /** The literal text for EXACT, PREFIX and SUFFIX. */
  readonly text: string;
  readonly glob: Glob;
}

function classify(glob: Glob): LikePattern {
  const { text, wild } = glob;
  if (wild === null) return { kind: EXACT, text, glob };
  let stars = 0;
  let others = 0;
  for (let i = 0; i < wild.length; i++) {
    if (wild[i] === STAR) stars++;
    else if (wild[i] !== 0) others++;
  }
  if (others === 0 && stars === text.length) return { kind: ANY, text: '', glob };
  if (others === 0 && stars === 1 && wild[text.length - 1] === STAR) return { kind: PREFIX, text: text.slice(0, -1), glob };
  if (others === 0 && stars === 1 && wild[0] === STAR) return { kind: SUFFIX, text: text.slice(1), glob };
  return { kind: GENERAL, text, glob };
}

function likeMatches(pattern: LikePattern, value: string): boolean {
  switch (pattern.kind) {
    case EXACT:
      return pattern.text === value;
    case ANY:
      return true;
    case PREFIX:
      return value.startsWith(pattern.text);
    case SUFFIX:
      return value.endsWith(pattern.text);
    default:
      return globMatch(pattern.glob, value);
  }
}

export function compileStringLike(values: readonly string[], options: OperandOptions): CompiledOperand {
  const { fixed, dynamic } = split(values, options);
  const patterns: LikePattern[] = [];
  const exactValues: string[] = [];
  for (const template of fixed) {
    const pattern = classify(globFromParts(resolveTemplate(template, NO_KEYS) ?? []));
    if (pattern.kind === EXACT) exactValues.push(pattern.text);
    else patterns.push(pattern);
  }
  const exact = exactMatcher(exactValues);
  return {
    expects: 'a string',
    badValues: [],
    test(value: string, keys: ContextKeys): Outcome {
      if (exact(value)) return MATCH;
      for (let i = 0; i < patterns.length; i++) if (likeMatches(patterns[i] as LikePattern, value)) return MATCH;
      let incomparable = false;
      for (let i = 0; i < dynamic.length; i++) {
        const parts = resolveTemplate(dynamic[i] as Template, keys);
        if (parts === undefined) incomparable = true;
        else if (globMatch(globFromParts(parts), value)) return MATCH;
      }
      return incomparable ? UNRESOLVED : NO_MATCH;
    },
  };
}
