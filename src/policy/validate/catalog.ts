// The action catalogue as the checks read it: services, their actions, resource types and
// condition keys. A port, so the engine stays free of I/O: the service layer fills it from the
// Service Authorization Reference data (and could add Keyward's own service definitions).

export interface ConditionKeyInfo {
  /** As AWS writes it, for example `aws:RequestTag/${TagKey}`. */
  readonly key: string;
  /** String, ARN, Bool, Date, Numeric, IPAddress, Binary, ArrayOfString, ... */
  readonly type: string;
}

export interface ActionInfo {
  readonly name: string;
  /** Names of the resource types it acts on; empty for wildcard-only actions. */
  readonly resourceTypes: readonly string[];
  /** Every condition key the action supports, at action and resource level. */
  readonly conditionKeys: readonly string[];
}

export interface ResourceTypeInfo {
  readonly name: string;
  /** ARN format, for example `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arn: string;
}

export interface ServiceInfo {
  readonly prefix: string;
  /** By lower-case action name. */
  readonly actions: ReadonlyMap<string, ActionInfo>;
  /** By lower-case key. */
  readonly conditionKeys: ReadonlyMap<string, ConditionKeyInfo>;
  readonly resourceTypes: readonly ResourceTypeInfo[];
}

export interface PolicyCatalog {
  /** The service with this (lower-case) prefix, or undefined when AWS has none. */
  service(prefix: string): ServiceInfo | undefined;
  /** Global (`aws:`) condition keys, by lower-case key. */
  globalConditionKey(key: string): ConditionKeyInfo | undefined;
  /** Services that support resource control policies. */
  supportsRcp(prefix: string): boolean;
}

/** Whether `key` (as written) matches catalogue key `pattern`, whose `${...}` parts stand for any text. */
const keyPatterns = new Map<string, RegExp>();

export function conditionKeyMatches(pattern: string, key: string): boolean {
  const p = pattern.toLowerCase();
  const k = key.toLowerCase();
  if (!p.includes('${')) return p === k;
  let re = keyPatterns.get(p);
  if (re === undefined) {
    const source = p
      .split(/(\$\{[^}]+\})/)
      .map((part) => (part.startsWith('${') ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${source}$`);
    if (keyPatterns.size > 10_000) keyPatterns.clear();
    keyPatterns.set(p, re);
  }
  return re.test(k);
}

/** Finds the catalogue entry for `key` among `keys` (exact first, then templated ones). */
export function findConditionKey(keys: ReadonlyMap<string, ConditionKeyInfo>, key: string): ConditionKeyInfo | undefined {
  const exact = keys.get(key.toLowerCase());
  if (exact !== undefined) return exact;
  for (const info of keys.values()) if (info.key.includes('${') && conditionKeyMatches(info.key, key)) return info;
  return undefined;
}
