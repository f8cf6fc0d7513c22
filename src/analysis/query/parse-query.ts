// The query language: `can PRINCIPAL do ACTION [on RESOURCE] [when KEY=VALUE ...]`,
// `who can do ACTION [on RESOURCE] [when KEY=VALUE ...]`, and the presets `admins`,
// `privesc` and `connected PRINCIPAL`. Words are separated by spaces; ARNs contain none.

export type Query =
  | { readonly kind: 'can'; readonly principal: string; readonly action: string; readonly resource: string; readonly keys: Readonly<Record<string, string>> }
  | { readonly kind: 'who'; readonly action: string; readonly resource: string; readonly keys: Readonly<Record<string, string>> }
  | { readonly kind: 'admins' }
  | { readonly kind: 'privesc' }
  | { readonly kind: 'connected'; readonly principal: string };

export type ParseQueryResult = { readonly ok: true; readonly query: Query } | { readonly ok: false; readonly message: string };

const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;

const USAGE = "expected 'can PRINCIPAL do ACTION [on RESOURCE] [when KEY=VALUE ...]', 'who can do ACTION [on RESOURCE] [when KEY=VALUE ...]', 'admins', 'privesc' or 'connected PRINCIPAL'";

function tail(words: readonly string[]): { action: string; resource: string; keys: Record<string, string> } | string {
  const [action, ...rest] = words;
  if (action === undefined || !ACTION.test(action)) return `not an action: ${JSON.stringify(action ?? '')} (expected service:Action)`;
  let resource = '*';
  let i = 0;
  if (rest[0] === 'on') {
    if (rest[1] === undefined) return "'on' needs a resource ARN";
    resource = rest[1];
    i = 2;
  }
  const keys: Record<string, string> = {};
  if (rest[i] === 'when') {
    for (const pair of rest.slice(i + 1)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return `not KEY=VALUE: ${JSON.stringify(pair)}`;
      keys[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    if (rest.length === i + 1) return "'when' needs KEY=VALUE";
  } else if (rest[i] !== undefined) return `unexpected ${JSON.stringify(rest[i])}`;
  return { action, resource, keys };
}

export function parseQuery(text: string): ParseQueryResult {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  const [first, second, third, ...rest] = words;
  if (words.length === 1 && (first === 'admins' || first === 'privesc')) return { ok: true, query: { kind: first } };
  if (first === 'connected') {
    if (second === undefined || third !== undefined) return { ok: false, message: "expected 'connected PRINCIPAL_ARN'" };
    return { ok: true, query: { kind: 'connected', principal: second } };
  }
  if (first === 'who' && second === 'can' && third === 'do') {
    const t = tail(rest);
    return typeof t === 'string' ? { ok: false, message: t } : { ok: true, query: { kind: 'who', ...t } };
  }
  if (first === 'can' && second !== undefined && third === 'do') {
    const t = tail(rest);
    return typeof t === 'string' ? { ok: false, message: t } : { ok: true, query: { kind: 'can', principal: second, ...t } };
  }
  return { ok: false, message: USAGE };
}
