// ArnEquals / ArnLike (identical in AWS) and their Not forms: an ARN is six
// colon-separated components (`arn:partition:service:region:account:resource`),
// each matched on its own with `*` and `?`, so a wildcard never crosses one of
// the first five colons. The resource component keeps any further colons.

import type { ContextKeys } from '../context.js';
import { compileTemplate, resolveTemplate, templateVariables, type Template } from '../match/template.js';
import { globFromParts, globMatchRange, LITERAL, STAR, type Glob } from './glob.js';
import { INCOMPARABLE, INVALID, MATCH, NO_MATCH, UNRESOLVED, quote, type BadValue, type CompiledOperand, type OperandOptions, type Outcome } from './operand.js';

const SEGMENTS = 6;

const ANY = 0;
const EXACT = 1;
const PREFIX = 2;
const GENERAL = 3;

/** A policy ARN: its glob, the [start, end) of each of the six components, and a fast path per component. */
export interface ArnPattern {
  readonly glob: Glob;
  readonly bounds: Int32Array;
  /** Per component: ANY (`*`), EXACT (no wildcard), PREFIX (`text*`) or GENERAL. */
  readonly kinds: Uint8Array;
  /** Per component: the literal text for EXACT, the prefix for PREFIX. */
  readonly texts: readonly string[];
}

/** Writes the six component ranges of `s` into `bounds`; false when `s` has fewer than five colons. */
export function splitArn(s: string, bounds: Int32Array): boolean {
  let start = 0;
  for (let k = 0; k < SEGMENTS - 1; k++) {
    const colon = s.indexOf(':', start);
    if (colon < 0) return false;
    bounds[2 * k] = start;
    bounds[2 * k + 1] = colon;
    start = colon + 1;
  }
  bounds[2 * (SEGMENTS - 1)] = start;
  bounds[2 * SEGMENTS - 1] = s.length;
  return true;
}

/** Compiles a policy ARN (after variables are resolved); undefined when it has fewer than six components. */
export function compileArnPattern(glob: Glob): ArnPattern | undefined {
  const bounds = new Int32Array(2 * SEGMENTS);
  if (!splitArn(glob.text, bounds)) return undefined;
  const kinds = new Uint8Array(SEGMENTS);
  const texts: string[] = [];
  for (let k = 0; k < SEGMENTS; k++) {
    const start = bounds[2 * k] as number;
    const end = bounds[2 * k + 1] as number;
    let stars = 0;
    let others = 0;
    for (let i = start; i < end; i++) {
      const w = glob.wild === null ? LITERAL : glob.wild[i];
      if (w === STAR) stars++;
      else if (w !== LITERAL) others++;
    }
    const text = glob.text.slice(start, end);
    if (others === 0 && stars === 0) kinds[k] = EXACT;
    else if (others === 0 && stars === end - start) kinds[k] = ANY;
    else if (others === 0 && stars === 1 && glob.wild?.[end - 1] === STAR) kinds[k] = PREFIX;
    else kinds[k] = GENERAL;
    texts.push(kinds[k] === PREFIX ? text.slice(0, -1) : text);
  }
  return { glob, bounds, kinds, texts };
}

export function arnMatches(pattern: ArnPattern, value: string, valueBounds: Int32Array): boolean {
  const pb = pattern.bounds;
  for (let k = 0; k < SEGMENTS; k++) {
    const kind = pattern.kinds[k];
    if (kind === ANY) continue;
    const start = valueBounds[2 * k] as number;
    const end = valueBounds[2 * k + 1] as number;
    if (kind === EXACT || kind === PREFIX) {
      const text = pattern.texts[k] as string;
      if (kind === EXACT ? end - start !== text.length : end - start < text.length) return false;
      if (!value.startsWith(text, start)) return false;
    } else if (!globMatchRange(pattern.glob, pb[2 * k] as number, pb[2 * k + 1] as number, value, start, end)) {
      return false;
    }
  }
  return true;
}

const NO_KEYS: ContextKeys = new Map();
// Component ranges of the request ARN under test; module-level so a test allocates nothing.
const requestBounds = new Int32Array(2 * SEGMENTS);

export function compileArnLike(values: readonly string[], options: OperandOptions): CompiledOperand {
  const fixed: ArnPattern[] = [];
  const dynamic: Template[] = [];
  const badValues: BadValue[] = [];
  values.forEach((value, index) => {
    const template = compileTemplate(value, options);
    if (template.dynamic && templateVariables(template).length > 0) {
      dynamic.push(template);
      return;
    }
    const pattern = compileArnPattern(globFromParts(resolveTemplate(template, NO_KEYS) ?? []));
    if (pattern === undefined) badValues.push({ index, message: `${quote(value)} is not an ARN (arn:partition:service:region:account:resource)` });
    else fixed.push(pattern);
  });
  const miss: Outcome = badValues.length > 0 ? INCOMPARABLE : NO_MATCH;
  return {
    expects: 'an ARN',
    badValues,
    test(value: string, keys: ContextKeys): Outcome {
      if (!splitArn(value, requestBounds)) return INVALID;
      for (let i = 0; i < fixed.length; i++) if (arnMatches(fixed[i] as ArnPattern, value, requestBounds)) return MATCH;
      let incomparable = false;
      let unresolved = false;
      for (let i = 0; i < dynamic.length; i++) {
        const parts = resolveTemplate(dynamic[i] as Template, keys);
        const pattern = parts === undefined ? undefined : compileArnPattern(globFromParts(parts));
        if (parts === undefined) unresolved = true;
        else if (pattern === undefined) incomparable = true;
        else if (arnMatches(pattern, value, requestBounds)) return MATCH;
      }
      return incomparable || miss === INCOMPARABLE ? INCOMPARABLE : unresolved ? UNRESOLVED : NO_MATCH;
    },
  };
}
