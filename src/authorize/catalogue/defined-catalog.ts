// The platform's defined services in the form policy validation reads (src/policy/validate/
// catalog.ts), so Access Analyzer's checks (ValidatePolicy, `keyward lint`) treat them like
// AWS's: unknown actions, resource ARNs that match no resource type, condition keys the service
// does not have and values of the wrong type are reported the same way.

import type { ActionInfo, ConditionKeyInfo, PolicyCatalog, ServiceInfo } from '../../policy/validate/catalog.js';
import type { DefinedService } from './defined-services.js';

export function definedServiceInfo({ definition: d }: DefinedService): ServiceInfo {
  const conditionKeys = new Map<string, ConditionKeyInfo>();
  for (const key of d.ConditionKeys) conditionKeys.set(key.Name.toLowerCase(), { key: key.Name, type: key.Types[0] ?? 'String' });
  const resourceTypes = d.Resources.flatMap((r) => r.ARNFormats.map((arn) => ({ name: r.Name, arn })));
  const actions = new Map<string, ActionInfo>();
  for (const a of d.Actions) {
    const keys = new Set(a.ActionConditionKeys);
    for (const used of a.Resources) {
      for (const k of d.Resources.find((r) => r.Name.toLowerCase() === used.Name.toLowerCase())?.ConditionKeys ?? []) keys.add(k);
    }
    actions.set(a.Name.toLowerCase(), { name: a.Name, resourceTypes: a.Resources.map((r) => r.Name), conditionKeys: [...keys] });
  }
  return { prefix: d.Name, actions, conditionKeys, resourceTypes };
}

/** `catalog` with the defined services added (their prefixes are never AWS's: those are reserved). */
export function withDefinedServices(catalog: PolicyCatalog, defined: ReadonlyMap<string, DefinedService>): PolicyCatalog {
  if (defined.size === 0) return catalog;
  const infos = new Map<string, ServiceInfo>();
  for (const [prefix, service] of defined) infos.set(prefix, definedServiceInfo(service));
  return {
    service: (prefix) => infos.get(prefix) ?? catalog.service(prefix),
    globalConditionKey: (key) => catalog.globalConditionKey(key),
    supportsRcp: (prefix) => catalog.supportsRcp(prefix),
  };
}
