// The Bool operator: "true" or "false", compared case-insensitively on both
// sides. Policy variables are allowed (AWS lists Bool among the operators that
// take them), so a value may be resolved per request.

import type { ContextKeys } from '../context.js';
import { compileTemplate, resolveToString, templateVariables, type Template } from '../match/template.js';
import { INCOMPARABLE, INVALID, MATCH, NO_MATCH, UNRESOLVED, quote, type BadValue, type CompiledOperand, type OperandOptions, type Outcome } from './operand.js';

const NO_KEYS: ContextKeys = new Map();
const TRUE = 1;
const FALSE = 0;
const NEITHER = -1;

/** 1 for "true", 0 for "false" (any case), -1 otherwise; allocation-free. */
export function parseBool(s: string): number {
  if (s.length === 4 && (s.charCodeAt(0) | 32) === 116 && (s.charCodeAt(1) | 32) === 114 && (s.charCodeAt(2) | 32) === 117 && (s.charCodeAt(3) | 32) === 101) return TRUE;
  if (
    s.length === 5 &&
    (s.charCodeAt(0) | 32) === 102 &&
    (s.charCodeAt(1) | 32) === 97 &&
    (s.charCodeAt(2) | 32) === 108 &&
    (s.charCodeAt(3) | 32) === 115 &&
    (s.charCodeAt(4) | 32) === 101
  ) {
    return FALSE;
  }
  return NEITHER;
}

export function compileBool(values: readonly string[], options: OperandOptions): CompiledOperand {
  let acceptsTrue = false;
  let acceptsFalse = false;
  const dynamic: Template[] = [];
  const badValues: BadValue[] = [];
  values.forEach((value, index) => {
    const template = compileTemplate(value, options);
    if (template.dynamic && templateVariables(template).length > 0) {
      dynamic.push(template);
      return;
    }
    const parsed = parseBool(template.dynamic ? (resolveToString(template, NO_KEYS) ?? value) : value);
    if (parsed === TRUE) acceptsTrue = true;
    else if (parsed === FALSE) acceptsFalse = true;
    else badValues.push({ index, message: `${quote(value)} is not "true" or "false"` });
  });
  const miss: Outcome = badValues.length > 0 ? INCOMPARABLE : NO_MATCH;
  return {
    expects: '"true" or "false"',
    badValues,
    test(value: string, keys: ContextKeys): Outcome {
      const v = parseBool(value);
      if (v === NEITHER) return INVALID;
      if (v === TRUE ? acceptsTrue : acceptsFalse) return MATCH;
      let incomparable = false;
      let unresolved = false;
      for (let i = 0; i < dynamic.length; i++) {
        const resolved = resolveToString(dynamic[i] as Template, keys);
        if (resolved === undefined) {
          unresolved = true;
          continue;
        }
        const p = parseBool(resolved);
        if (p === NEITHER) incomparable = true;
        else if (p === v) return MATCH;
      }
      return incomparable || miss === INCOMPARABLE ? INCOMPARABLE : unresolved ? UNRESOLVED : NO_MATCH;
    },
  };
}
