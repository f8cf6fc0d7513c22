// Matches a request's resource against a statement's `Resource` / `NotResource` list.
// Case-sensitive, ARN-segment aware (see arn-pattern.ts), with policy variables for
// 2012-10-17 documents. Only patterns with variables do any work per request.

import type { ContextKeys } from '../context.js';
import { compileResourcePattern, type ResourcePattern } from './arn-pattern.js';
import { compileTemplate, resolveTemplate, type Template, type VariablePart } from './template.js';
import { joinParts } from './wildcard.js';

export interface ResourceMatcher {
  /**
   * `resource` is the request's ARN, or `*` for actions that name no resource. Only a
   * pattern that covers every string (`*`) matches `*`: AWS requires `"Resource": "*"` for
   * such actions, and a specific ARN is not a superset of "all resources".
   */
  matches(resource: string, keys: ContextKeys): boolean;
}

export interface ResourceMatcherOptions {
  /** True for policy version 2012-10-17, where `${...}` is a policy variable. */
  readonly variables: boolean;
}

const ALWAYS: ResourceMatcher = { matches: () => true };

export function compileResourceMatcher(patterns: readonly string[], options: ResourceMatcherOptions): ResourceMatcher {
  const exact = new Set<string>();
  const tests: ((value: string) => boolean)[] = [];
  const templates: DynamicPattern[] = [];
  for (const pattern of patterns) {
    const template = compileTemplate(pattern, options);
    if (template.dynamic) {
      templates.push(new DynamicPattern(template));
      continue;
    }
    const compiled = compileResourcePattern(pattern, undefined);
    switch (compiled.kind) {
      case 'any':
        return ALWAYS;
      case 'exact':
        exact.add(compiled.text);
        break;
      case 'test':
        tests.push(compiled.test);
        break;
      case 'never':
        break;
    }
  }
  return new IndexedResourceMatcher(exact, tests, templates);
}

class IndexedResourceMatcher implements ResourceMatcher {
  constructor(
    private readonly exact: ReadonlySet<string>,
    private readonly tests: readonly ((value: string) => boolean)[],
    private readonly templates: readonly DynamicPattern[],
  ) {}

  matches(resource: string, keys: ContextKeys): boolean {
    if (this.exact.has(resource)) return true;
    const tests = this.tests;
    for (let i = 0; i < tests.length; i++) if (tests[i]!(resource)) return true;
    const templates = this.templates;
    for (let i = 0; i < templates.length; i++) if (templates[i]!.matches(resource, keys)) return true;
    return false;
  }
}

const CACHE_LIMIT = 256;
const NEVER = (): boolean => false;

/**
 * A pattern with policy variables. The pattern compiled for one set of variable values
 * is cached by those values, so a principal's repeated requests neither re-substitute
 * nor re-scan it. An unresolvable variable makes the entry not match (AWS).
 */
class DynamicPattern {
  private readonly variables: readonly VariablePart[];
  private readonly cache = new Map<string, (value: string) => boolean>();

  constructor(private readonly template: Template) {
    this.variables = template.parts.filter((p): p is VariablePart => p.kind === 'variable');
  }

  matches(resource: string, keys: ContextKeys): boolean {
    const cacheKey = this.cacheKey(keys);
    if (cacheKey === undefined) return false;
    let test = this.cache.get(cacheKey);
    if (test === undefined) {
      test = this.compile(keys);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(cacheKey, test);
    }
    return test(resource);
  }

  /** The variables' values (defaults applied); undefined when one cannot be resolved. */
  private cacheKey(keys: ContextKeys): string | undefined {
    const vars = this.variables;
    if (vars.length === 1) return valueOf(vars[0]!, keys);
    let key = '';
    for (let i = 0; i < vars.length; i++) {
      const value = valueOf(vars[i]!, keys);
      if (value === undefined) return undefined;
      key += i === 0 ? value : `\u0000${value}`;
    }
    return key;
  }

  private compile(keys: ContextKeys): (value: string) => boolean {
    const parts = resolveTemplate(this.template, keys);
    if (parts === undefined) return NEVER;
    const { text, mask } = joinParts(parts, false);
    return testOf(compileResourcePattern(text, mask));
  }
}

function valueOf(part: VariablePart, keys: ContextKeys): string | undefined {
  const value = keys.get(part.lowerKey);
  if (typeof value === 'string') return value;
  return value === undefined ? part.defaultValue : undefined;
}

function testOf(pattern: ResourcePattern): (value: string) => boolean {
  switch (pattern.kind) {
    case 'any':
      return () => true;
    case 'never':
      return NEVER;
    case 'exact': {
      const text = pattern.text;
      return (value) => value === text;
    }
    case 'test':
      return pattern.test;
  }
}
