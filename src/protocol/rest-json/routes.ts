// REST-JSON routing from the model's `http` traits: method + requestUri (`/analyzer/{analyzerName}`)
// -> the operation and its path labels. Fastify routes are registered from the same table.

import type { OperationModel, ServiceModel } from '../model/service-model.js';

export interface RestRoute {
  readonly operation: OperationModel;
  readonly method: string;
  /** The requestUri's path, without any literal query part. */
  readonly path: string;
  /** The same path in fastify's syntax (`/analyzer/:analyzerName`). */
  readonly fastifyPath: string;
}

const cache = new WeakMap<ServiceModel, readonly RestRoute[]>();

export function restRoutes(model: ServiceModel): readonly RestRoute[] {
  let routes = cache.get(model);
  if (routes === undefined) {
    routes = Object.values(model.operations).map((operation) => {
      const path = (operation.requestUri ?? '/').split('?')[0] ?? '/';
      return { operation, method: operation.httpMethod, path, fastifyPath: path.replace(/\{([^}+]+)\+?\}/g, ':$1') };
    });
    cache.set(model, routes);
  }
  return routes;
}

/** The operation a method and (already split-off) path name, with its decoded path labels. */
export function matchRoute(model: ServiceModel, method: string, path: string): { route: RestRoute; labels: Record<string, string> } | undefined {
  const parts = path.split('/');
  for (const route of restRoutes(model)) {
    if (route.method !== method) continue;
    const want = route.path.split('/');
    if (want.length !== parts.length) continue;
    const labels: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      const w = want[i] ?? '';
      const got = parts[i] ?? '';
      const label = /^\{([^}+]+)\+?\}$/.exec(w);
      if (label !== null) {
        try {
          labels[label[1] ?? ''] = decodeURIComponent(got);
        } catch {
          ok = false;
        }
        ok &&= got !== '';
      } else ok = w === got;
    }
    if (ok) return { route, labels };
  }
  return undefined;
}
