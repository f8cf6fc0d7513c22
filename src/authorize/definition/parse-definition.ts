// Service definition JSON -> a checked ServiceDefinition, or every problem with its JSON path
// (`$.Actions[2].AccessLevel`). Parsing validates: a bad definition never becomes an object.

import {
  ACCESS_LEVELS,
  CONDITION_KEY_TYPES,
  type AccessLevel,
  type ConditionKeyType,
  type DefinedAction,
  type DefinedConditionKey,
  type DefinedResourceType,
  type DefinedRoute,
  type ServiceDefinition,
  type SigningRules,
  type UriEncoding,
} from './service-definition.js';
import { routeCaptures } from './route-pattern.js';

export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

export type ParsedDefinition =
  | { readonly ok: true; readonly definition: ServiceDefinition }
  | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

export interface ParseDefinitionOptions {
  /** Prefixes no definition may take: AWS's own (reserved-prefixes.ts). Lower case. */
  readonly reserved: ReadonlySet<string>;
}

/** Most a definition may hold, so one definition cannot bloat every node's catalogue. */
export const DEFINITION_LIMITS = { actions: 1000, resources: 200, conditionKeys: 500, routes: 500, hosts: 50, text: 1000 } as const;

export const PREFIX_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;
const RESOURCE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const KEY_SUFFIX = /^[A-Za-z][A-Za-z0-9_.-]{0,127}(\/\$\{[A-Za-z][A-Za-z0-9]*\})?$/;
const HOST = /^[a-z0-9]([a-z0-9.-]{0,252})(:[0-9]{1,5})?$|^\[[0-9a-f:.]+\](:[0-9]{1,5})?$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,49}$/;
const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', '*']);
const ARN_VARIABLE = /\$\{([^}]*)\}/g;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const quote = (v: string): string => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}...` : v);

class Checker {
  readonly problems: DefinitionProblem[] = [];
  fail(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  object(v: Json, path: string, allowed: readonly string[]): Record<string, Json> | undefined {
    if (!isObject(v)) return this.fail(path, 'must be an object');
    for (const key of Object.keys(v)) if (!allowed.includes(key)) this.fail(`${path}.${key}`, `unknown field ${quote(key)}`);
    return v;
  }

  string(v: Json, path: string, pattern?: RegExp, what?: string): string | undefined {
    if (typeof v !== 'string') return this.fail(path, 'must be a string');
    if (v.length > DEFINITION_LIMITS.text) return this.fail(path, `must be at most ${DEFINITION_LIMITS.text} characters`);
    if (pattern !== undefined && !pattern.test(v)) return this.fail(path, `${quote(v)} is not ${what ?? 'valid'}`);
    return v;
  }

  array(v: Json, path: string, max: number, options: { nonEmpty?: boolean } = {}): readonly Json[] | undefined {
    if (!Array.isArray(v)) return this.fail(path, 'must be an array');
    if (options.nonEmpty === true && v.length === 0) return this.fail(path, 'must not be empty');
    if (v.length > max) return this.fail(path, `must have at most ${max} entries`);
    return v;
  }

  /** Each entry parsed; names must be unique case-insensitively. */
  named<T extends { readonly Name: string }>(v: Json, path: string, max: number, parse: (item: Json, at: string) => T | undefined, nonEmpty = false): T[] {
    const items = this.array(v, path, max, { nonEmpty }) ?? [];
    const seen = new Map<string, number>();
    const out: T[] = [];
    items.forEach((item, i) => {
      const parsed = parse(item, `${path}[${i}]`);
      // Names are compared even for entries with other problems, so each clash is reported.
      const name = isObject(item) && typeof item.Name === 'string' ? item.Name : undefined;
      if (name !== undefined) {
        const first = seen.get(name.toLowerCase());
        if (first !== undefined) this.fail(`${path}[${i}].Name`, `${quote(name)} is already defined at ${path}[${first}]`);
        else seen.set(name.toLowerCase(), i);
      }
      if (parsed !== undefined) out.push(parsed);
    });
    return out;
  }
}

function parseConditionKey(c: Checker, prefix: string, item: Json, at: string): DefinedConditionKey | undefined {
  const o = c.object(item, at, ['Name', 'Types', 'Description']);
  if (o === undefined) return undefined;
  const name = c.string(o.Name, `${at}.Name`);
  let ok = name !== undefined;
  if (name !== undefined) {
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(0, colon) !== prefix || !KEY_SUFFIX.test(name.slice(colon + 1))) {
      ok = c.fail(`${at}.Name`, `${quote(name)} must be ${prefix}:KeyName (optionally ${prefix}:KeyName/\${TagKey})`) ?? false;
    }
  }
  const types = (c.array(o.Types, `${at}.Types`, CONDITION_KEY_TYPES.length, { nonEmpty: true }) ?? []).flatMap((t, i) => {
    if (typeof t === 'string' && (CONDITION_KEY_TYPES as readonly string[]).includes(t)) return [t as ConditionKeyType];
    c.fail(`${at}.Types[${i}]`, `must be one of ${CONDITION_KEY_TYPES.join(', ')}`);
    ok = false;
    return [];
  });
  const description = o.Description === undefined ? undefined : c.string(o.Description, `${at}.Description`);
  if (!ok || name === undefined || types.length === 0) return undefined;
  return { Name: name, Types: types, ...(description !== undefined && { Description: description }) };
}

function parseArnFormat(c: Checker, prefix: string, v: Json, at: string): string | undefined {
  const format = c.string(v, at);
  if (format === undefined) return undefined;
  const fields = format.split(':');
  if (fields.length < 6 || fields[0] !== 'arn' || fields.slice(5).join(':') === '') {
    return c.fail(at, `${quote(format)} must be arn:PARTITION:${prefix}:REGION:ACCOUNT:RESOURCE`);
  }
  if (fields[2] !== prefix) return c.fail(at, `${quote(format)} must name the service ${quote(prefix)} in its third field`);
  for (const match of format.matchAll(ARN_VARIABLE)) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(match[1] ?? '')) return c.fail(at, `${quote(match[0])} is not a valid variable`);
  }
  if (/\$\{[^}]*$/.test(format) || format.replace(ARN_VARIABLE, '').includes('$')) return c.fail(at, `${quote(format)} has an unclosed variable`);
  return format;
}

function parseResourceType(c: Checker, prefix: string, keys: ReadonlySet<string>, item: Json, at: string): DefinedResourceType | undefined {
  const o = c.object(item, at, ['Name', 'ARNFormats', 'ConditionKeys']);
  if (o === undefined) return undefined;
  const name = c.string(o.Name, `${at}.Name`, RESOURCE_NAME, 'a resource type name (letters, digits and hyphens)');
  const formats = (c.array(o.ARNFormats, `${at}.ARNFormats`, 10, { nonEmpty: true }) ?? []).map((f, i) => parseArnFormat(c, prefix, f, `${at}.ARNFormats[${i}]`));
  const conditionKeys = o.ConditionKeys === undefined ? [] : keyRefs(c, keys, o.ConditionKeys, `${at}.ConditionKeys`);
  if (name === undefined || formats.length === 0 || formats.some((f) => f === undefined) || conditionKeys === undefined) return undefined;
  return { Name: name, ARNFormats: formats as string[], ConditionKeys: conditionKeys };
}

/** References to condition keys: this service's own, or any global `aws:` key. */
function keyRefs(c: Checker, keys: ReadonlySet<string>, v: Json, path: string): string[] | undefined {
  const items = c.array(v, path, DEFINITION_LIMITS.conditionKeys);
  if (items === undefined) return undefined;
  let ok = true;
  const out: string[] = [];
  items.forEach((k, i) => {
    const key = c.string(k, `${path}[${i}]`);
    if (key === undefined) ok = false;
    else if (!key.toLowerCase().startsWith('aws:') && !keys.has(key.toLowerCase())) {
      ok = c.fail(`${path}[${i}]`, `${quote(key)} is not a condition key of this service (see $.ConditionKeys)`) ?? false;
    } else out.push(key);
  });
  return ok ? out : undefined;
}

function parseAction(c: Checker, resources: ReadonlySet<string>, keys: ReadonlySet<string>, item: Json, at: string): DefinedAction | undefined {
  const o = c.object(item, at, ['Name', 'AccessLevel', 'Description', 'Resources', 'ActionConditionKeys']);
  if (o === undefined) return undefined;
  const name = c.string(o.Name, `${at}.Name`, ACTION_NAME, 'an action name (a letter, then letters and digits)');
  let level: AccessLevel | undefined;
  if (typeof o.AccessLevel === 'string' && (ACCESS_LEVELS as readonly string[]).includes(o.AccessLevel)) level = o.AccessLevel as AccessLevel;
  else c.fail(`${at}.AccessLevel`, `must be one of ${ACCESS_LEVELS.join(', ')}`);
  const description = o.Description === undefined ? undefined : c.string(o.Description, `${at}.Description`);
  let ok = true;
  const refs = (o.Resources === undefined ? [] : (c.array(o.Resources, `${at}.Resources`, DEFINITION_LIMITS.resources) ?? [])).flatMap((r, i) => {
    const ro = c.object(r, `${at}.Resources[${i}]`, ['Name', 'Required']);
    const rn = ro === undefined ? undefined : c.string(ro.Name, `${at}.Resources[${i}].Name`);
    if (ro?.Required !== undefined && typeof ro.Required !== 'boolean') c.fail(`${at}.Resources[${i}].Required`, 'must be a boolean');
    if (rn === undefined || ro === undefined) {
      ok = false;
      return [];
    }
    if (!resources.has(rn.toLowerCase())) {
      ok = c.fail(`${at}.Resources[${i}].Name`, `${quote(rn)} is not a resource type of this service (see $.Resources)`) ?? false;
      return [];
    }
    return [{ Name: rn, ...(typeof ro.Required === 'boolean' && { Required: ro.Required }) }];
  });
  const conditionKeys = o.ActionConditionKeys === undefined ? [] : keyRefs(c, keys, o.ActionConditionKeys, `${at}.ActionConditionKeys`);
  if (name === undefined || level === undefined || !ok || conditionKeys === undefined) return undefined;
  return {
    Name: name,
    AccessLevel: level,
    ...(description !== undefined && { Description: description }),
    Resources: refs,
    ActionConditionKeys: conditionKeys,
  };
}

function parseSigning(c: Checker, prefix: string, reserved: ReadonlySet<string>, v: Json): SigningRules | undefined {
  const o = c.object(v, '$.Signing', ['Name', 'Hosts', 'UnsignedPayload', 'UriEncoding', 'Regions']);
  if (o === undefined) return undefined;
  const name = o.Name === undefined ? prefix : c.string(o.Name, '$.Signing.Name', PREFIX_PATTERN, 'a signing name (lower-case letters, digits and hyphens)');
  if (name !== undefined && (reserved.has(name) || name === 'keyward') && name !== prefix) {
    c.fail('$.Signing.Name', `${quote(name)} is the signing name of an AWS or Keyward service`);
  }
  const hosts = (c.array(o.Hosts, '$.Signing.Hosts', DEFINITION_LIMITS.hosts, { nonEmpty: true }) ?? []).map((h, i) =>
    c.string(typeof h === 'string' ? h : h, `$.Signing.Hosts[${i}]`, HOST, 'a host name in lower case, with an optional :port'),
  );
  let unsigned = false;
  if (o.UnsignedPayload !== undefined) {
    if (typeof o.UnsignedPayload === 'boolean') unsigned = o.UnsignedPayload;
    else c.fail('$.Signing.UnsignedPayload', 'must be a boolean');
  }
  let encoding: UriEncoding = 'double';
  if (o.UriEncoding !== undefined) {
    if (o.UriEncoding === 'double' || o.UriEncoding === 's3') encoding = o.UriEncoding;
    else c.fail('$.Signing.UriEncoding', 'must be "double" or "s3"');
  }
  const regions =
    o.Regions === undefined
      ? undefined
      : (c.array(o.Regions, '$.Signing.Regions', 100, { nonEmpty: true }) ?? []).map((r, i) => c.string(r, `$.Signing.Regions[${i}]`, REGION, 'a region name'));
  if (name === undefined || hosts.length === 0 || hosts.some((h) => h === undefined) || regions?.some((r) => r === undefined) === true) return undefined;
  return {
    Name: name,
    Hosts: hosts as string[],
    UnsignedPayload: unsigned,
    UriEncoding: encoding,
    ...(regions !== undefined && { Regions: regions as string[] }),
  };
}

function parseRoute(c: Checker, actions: ReadonlySet<string>, item: Json, at: string): DefinedRoute | undefined {
  const o = c.object(item, at, ['Method', 'Path', 'Action', 'Resource']);
  if (o === undefined) return undefined;
  const method = c.string(o.Method, `${at}.Method`);
  if (method !== undefined && !METHODS.has(method)) c.fail(`${at}.Method`, `${quote(method)} must be an HTTP method in upper case or "*"`);
  const path = c.string(o.Path, `${at}.Path`);
  const captures = path === undefined ? undefined : routeCaptures(path);
  if (typeof captures === 'string') c.fail(`${at}.Path`, captures);
  const action = c.string(o.Action, `${at}.Action`);
  if (action !== undefined && !actions.has(action.toLowerCase())) c.fail(`${at}.Action`, `${quote(action)} is not an action of this service (see $.Actions)`);
  const resource = c.string(o.Resource, `${at}.Resource`);
  if (resource !== undefined && Array.isArray(captures)) {
    for (const m of resource.matchAll(/(?<!\$)\{([^}]*)\}/g)) {
      const name = m[1] ?? '';
      if (!captures.includes(name.replace(/\+$/, ''))) c.fail(`${at}.Resource`, `${quote(`{${name}}`)} is not captured by the route's path`);
    }
    if (/\$\{(?!Account\})/.test(resource)) c.fail(`${at}.Resource`, 'may use only the ${Account} variable');
    if (resource !== '*' && !resource.startsWith('arn:')) c.fail(`${at}.Resource`, 'must be an ARN or "*"');
  }
  if (method === undefined || path === undefined || action === undefined || resource === undefined) return undefined;
  return { Method: method, Path: path, Action: action, Resource: resource };
}

/** Checks a definition (already JSON-parsed); every problem is reported, not just the first. */
export function parseDefinition(input: unknown, options: ParseDefinitionOptions): ParsedDefinition {
  const c = new Checker();
  const o = c.object(input, '$', ['Name', 'Description', 'Actions', 'Resources', 'ConditionKeys', 'Signing', 'Routes']);
  if (o === undefined) return { ok: false, problems: c.problems };
  const prefix = c.string(o.Name, '$.Name', PREFIX_PATTERN, 'a service prefix (a lower-case letter, then lower-case letters, digits and hyphens)');
  if (prefix !== undefined && (options.reserved.has(prefix) || prefix === 'keyward' || prefix === 'aws')) {
    c.fail('$.Name', `${quote(prefix)} is reserved: it is the prefix of an AWS or Keyward service`);
  }
  const p = prefix ?? '';
  const description = o.Description === undefined ? undefined : c.string(o.Description, '$.Description');
  const conditionKeys = o.ConditionKeys === undefined ? [] : c.named(o.ConditionKeys, '$.ConditionKeys', DEFINITION_LIMITS.conditionKeys, (item, at) => parseConditionKey(c, p, item, at));
  const keyNames = new Set(conditionKeys.map((k) => k.Name.toLowerCase()));
  const resources = o.Resources === undefined ? [] : c.named(o.Resources, '$.Resources', DEFINITION_LIMITS.resources, (item, at) => parseResourceType(c, p, keyNames, item, at));
  // Actions may name a resource type whose own entry had problems: those are reported once, at the type.
  const resourceNames = new Set(
    (Array.isArray(o.Resources) ? o.Resources : []).flatMap((r) => (isObject(r) && typeof r.Name === 'string' ? [r.Name.toLowerCase()] : [])),
  );
  const actions = c.named(o.Actions, '$.Actions', DEFINITION_LIMITS.actions, (item, at) => parseAction(c, resourceNames, keyNames, item, at), true);
  const actionNames = new Set(
    (Array.isArray(o.Actions) ? o.Actions : []).flatMap((a) => (isObject(a) && typeof a.Name === 'string' ? [a.Name.toLowerCase()] : [])),
  );
  const signing = parseSigning(c, p, options.reserved, o.Signing);
  const routes =
    o.Routes === undefined ? [] : (c.array(o.Routes, '$.Routes', DEFINITION_LIMITS.routes) ?? []).map((r, i) => parseRoute(c, actionNames, r, `$.Routes[${i}]`));
  if (c.problems.length > 0 || prefix === undefined || signing === undefined) {
    return { ok: false, problems: c.problems.length > 0 ? c.problems : [{ path: '$', message: 'is not a valid service definition' }] };
  }
  return {
    ok: true,
    definition: {
      Name: prefix,
      ...(description !== undefined && { Description: description }),
      Actions: actions,
      Resources: resources,
      ConditionKeys: conditionKeys,
      Signing: signing,
      Routes: routes as DefinedRoute[],
    },
  };
}

/** Parses definition text: a JSON syntax error is one problem at `$`. */
export function parseDefinitionText(text: string, options: ParseDefinitionOptions): ParsedDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  return parseDefinition(json, options);
}
