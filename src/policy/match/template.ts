// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`) and the
// escapes `${*}`, `${?}`, `${$}`. A string with variables compiles once into parts;
// resolving it against a request's context keys yields the parts to match.

import type { ContextKeys } from '../context.js';

/** Text written in the policy (may hold `*` and `?` wildcards where the caller allows them). */
export interface TextPart {
  readonly kind: 'text';
  readonly value: string;
}

/** A character that must match literally: an escape (`${*}`) or a substituted variable value. */
export interface LiteralPart {
  readonly kind: 'literal';
  readonly value: string;
}

export interface VariablePart {
  readonly kind: 'variable';
  /** As written, for reports. */
  readonly key: string;
  readonly lowerKey: string;
  readonly defaultValue?: string;
}

export type TemplatePart = TextPart | LiteralPart | VariablePart;

export interface Template {
  readonly source: string;
  /** True when the template has at least one variable or escape; a plain string is one text part. */
  readonly dynamic: boolean;
  readonly parts: readonly TemplatePart[];
}

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };
// `${name}` or `${name, 'default'}`; the name is anything but `}` `,` and white space.
const VARIABLE = /\$\{([^}\s,]+)(?:\s*,\s*'([^']*)')?\s*\}/g;

/** Compiles a string; with `variables: false` (policy version 2008-10-17) everything is text. */
export function compileTemplate(source: string, options: { readonly variables: boolean }): Template {
  if (!options.variables || !source.includes('${')) {
    return { source, dynamic: false, parts: [{ kind: 'text', value: source }] };
  }
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of source.matchAll(VARIABLE)) {
    const start = m.index;
    if (start > last) parts.push({ kind: 'text', value: source.slice(last, start) });
    const name = m[1] ?? '';
    // hasOwn: a variable named like an Object.prototype member (`${toString}`) is not an escape.
    const escaped = Object.hasOwn(ESCAPES, name) ? ESCAPES[name] : undefined;
    if (escaped !== undefined && m[2] === undefined) {
      parts.push({ kind: 'literal', value: escaped });
    } else if (m[2] !== undefined) {
      parts.push({ kind: 'variable', key: name, lowerKey: name.toLowerCase(), defaultValue: m[2] });
    } else {
      parts.push({ kind: 'variable', key: name, lowerKey: name.toLowerCase() });
    }
    last = start + m[0].length;
  }
  if (last < source.length) parts.push({ kind: 'text', value: source.slice(last) });
  if (parts.length === 1 && parts[0]?.kind === 'text') return { source, dynamic: false, parts };
  return { source, dynamic: true, parts };
}

/** Names (as written) of the variables a template uses. */
export function templateVariables(template: Template): string[] {
  const names: string[] = [];
  for (const part of template.parts) if (part.kind === 'variable') names.push(part.key);
  return names;
}

/**
 * Substitutes variables. A variable whose key is missing (and has no default) or is
 * multi-valued makes the whole entry unresolvable: AWS then treats that entry as
 * not matching. Substituted values become literal parts.
 */
export function resolveTemplate(template: Template, keys: ContextKeys): readonly (TextPart | LiteralPart)[] | undefined {
  if (!template.dynamic) return template.parts as readonly TextPart[];
  const out: (TextPart | LiteralPart)[] = [];
  for (const part of template.parts) {
    if (part.kind !== 'variable') {
      out.push(part);
      continue;
    }
    const value = keys.get(part.lowerKey);
    if (typeof value === 'string') out.push({ kind: 'literal', value });
    else if (part.defaultValue !== undefined && value === undefined) out.push({ kind: 'literal', value: part.defaultValue });
    else return undefined;
  }
  return out;
}

/** Resolves to one plain string (literal and text parts joined), for operators without wildcards. */
export function resolveToString(template: Template, keys: ContextKeys): string | undefined {
  if (!template.dynamic) return template.source;
  const parts = resolveTemplate(template, keys);
  if (parts === undefined) return undefined;
  let s = '';
  for (const p of parts) s += p.value;
  return s;
}
