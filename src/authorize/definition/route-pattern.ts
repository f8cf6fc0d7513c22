// ext_authz route patterns: `/notes/{Owner}/{NoteId}` matches one path segment per capture,
// `{Key+}` (last only) the rest of the path; the route's resource ARN is filled from the captures.

import type { DefinedRoute } from './service-definition.js';

const CAPTURE = /^\{([A-Za-z][A-Za-z0-9]*)(\+?)\}$/;

/** The capture names of a route path, or what is wrong with it. */
export function routeCaptures(path: string): string[] | string {
  if (!path.startsWith('/')) return 'must start with "/"';
  const names: string[] = [];
  const segments = path.slice(1).split('/');
  for (const [i, segment] of segments.entries()) {
    if (!segment.includes('{') && !segment.includes('}')) continue;
    const m = CAPTURE.exec(segment);
    if (m === null) return `segment ${JSON.stringify(segment)} must be literal or one whole {Name} capture`;
    const name = m[1] ?? '';
    if (m[2] === '+' && i !== segments.length - 1) return `{${name}+} must be the last segment`;
    if (names.includes(name)) return `{${name}} is captured twice`;
    names.push(name);
  }
  return names;
}

export interface RouteMatch {
  readonly route: DefinedRoute;
  readonly captures: Readonly<Record<string, string>>;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Matches one route against a raw (percent-encoded) path, without its query. */
export function matchRoutePath(pattern: string, rawPath: string): Record<string, string> | undefined {
  const want = pattern.slice(1).split('/');
  const got = rawPath.startsWith('/') ? rawPath.slice(1).split('/') : undefined;
  if (got === undefined) return undefined;
  const captures: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const m = CAPTURE.exec(w);
    if (m?.[2] === '+') {
      const rest = got.slice(i).map(decode);
      if (rest.length === 0 || rest.some((s) => s === undefined) || rest.join('') === '') return undefined;
      captures[m[1] ?? ''] = rest.join('/');
      return captures;
    }
    const g = got[i];
    if (g === undefined) return undefined;
    if (m !== null) {
      const value = decode(g);
      if (value === undefined || value === '') return undefined;
      captures[m[1] ?? ''] = value;
    } else if (w !== g) return undefined;
  }
  return got.length === want.length ? captures : undefined;
}

/** The first route (in definition order) matching the method and raw path. */
export function matchRoute(routes: readonly DefinedRoute[], method: string, rawPath: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.Method !== '*' && route.Method !== method.toUpperCase()) continue;
    const captures = matchRoutePath(route.Path, rawPath);
    if (captures !== undefined) return { route, captures };
  }
  return undefined;
}

/** The route's resource with `{Name}` captures and `${Account}` filled in. */
export function routeResource(match: RouteMatch, accountId: string): string {
  return match.route.Resource.replace(/\$\{Account\}/g, accountId).replace(/(?<!\$)\{([A-Za-z0-9]+)\+?\}/g, (_all, name: string) => match.captures[name] ?? '');
}
