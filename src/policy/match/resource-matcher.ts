// Matches a request's resource against a statement's `Resource` / `NotResource` list.
// Case-sensitive, ARN-segment aware (see arn-pattern.ts), with policy variables for
// 2012-10-17 documents. Only patterns with variables do any work per request.

import type { ContextKeys } from '../context.js';
import { compileResourcePattern, matchResourcePattern } from './arn-pattern.js';
import { compileTemplate, resolveTemplate, type Template } from './template.js';
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
  const templates: Template[] = [];
  for (const pattern of patterns) {
    const template = compileTemplate(pattern, options);
    if (template.dynamic) {
      templates.push(template);
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
    private readonly templates: readonly Template[],
  ) {}

  matches(resource: string, keys: ContextKeys): boolean {
    if (this.exact.has(resource)) return true;
    const tests = this.tests;
    for (let i = 0; i < tests.length; i++) if (tests[i]!(resource)) return true;
    const templates = this.templates;
    for (let i = 0; i < templates.length; i++) if (matchTemplate(templates[i]!, resource, keys)) return true;
    return false;
  }
}

/** Substitutes the variables and matches; an unresolvable variable makes this entry not match (AWS). */
function matchTemplate(template: Template, resource: string, keys: ContextKeys): boolean {
  const parts = resolveTemplate(template, keys);
  if (parts === undefined) return false;
  const { text, mask } = joinParts(parts, false);
  return matchResourcePattern(text, mask, resource);
}
