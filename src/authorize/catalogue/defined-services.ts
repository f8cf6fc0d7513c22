// The service definitions in the store, as the catalogue and the decision API read them: parsed
// once per store generation (any committed write, on any node, moves it), so a definition
// created, changed or deleted through one node is what every node uses on its next request.

import type { Store } from '../../storage/ports.js';
import type { StoredServiceDefinition } from '../../storage/authorize-repositories.js';
import type { ServiceDefinition } from '../definition/service-definition.js';

export interface DefinedService {
  readonly definition: ServiceDefinition;
  /** The account that created it: `${Account}` in its routes, the account of its ARN. */
  readonly accountId: string;
}

export interface DefinedServiceMap {
  readonly generation: number;
  /** By lower-cased prefix. */
  readonly byPrefix: ReadonlyMap<string, DefinedService>;
}

/** Stored documents were checked when written (definition-store.ts): read back without re-checking. */
export function definedServiceOf(stored: StoredServiceDefinition): DefinedService {
  return { definition: JSON.parse(stored.document) as ServiceDefinition, accountId: stored.accountId };
}

export class DefinedServices {
  #loaded: Promise<DefinedServiceMap> | undefined;
  readonly #store: Pick<Store, 'read' | 'generation'>;

  constructor(store: Pick<Store, 'read' | 'generation'>) {
    this.#store = store;
  }

  /** The definitions as of `generation` (default: the store's current one) or later. */
  current(generation: number = this.#store.generation()): Promise<DefinedServiceMap> {
    const loaded = this.#loaded;
    if (loaded !== undefined) {
      return loaded.then((map) => (map.generation >= generation ? map : this.#load(generation)));
    }
    return this.#load(generation);
  }

  #load(generation: number): Promise<DefinedServiceMap> {
    const next = this.#store
      .read((tx) => tx.serviceDefinitions.list())
      .then((rows) => ({ generation, byPrefix: new Map(rows.map((r) => [r.prefix, definedServiceOf(r)])) }));
    // A failed load is not kept: the next call tries again.
    this.#loaded = next.catch(() => {
      this.#loaded = undefined;
      return { generation: -1, byPrefix: new Map<string, DefinedService>() };
    });
    return next;
  }
}
