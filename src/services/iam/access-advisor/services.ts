// Which services (and, for the services whose actions are tracked, which actions) a report's
// permissions policies allow, from the Service Authorization Reference data. AWS "only applies
// permissions policy logic": Allow statements' Action/NotAction, not resources or conditions.

import {
  catalogueActionsForService as iamActionsForService,
  catalogueServiceKeys as iamServiceKeys,
  catalogueServiceName as iamServiceName,
} from '../../../authorize/catalogue/service-catalogue.js';
import { actionPatternMatches } from '../../../policy/document/action.js';
import type { PolicyDocument } from '../../../policy/document/types.js';
import { documentGrantsService } from '../policies/grants-service.js';

/**
 * The services whose actions Keyward sees, so ACTION_LEVEL reports list their actions
 * (AWS tracks management actions of a documented list of services; Keyward serves these two).
 */
export const ACTION_TRACKED_SERVICES: readonly string[] = ['iam', 'sts'];

export interface AllowedService {
  readonly namespace: string;
  readonly name: string;
}

function vendorOf(pattern: string): string {
  const colon = pattern.indexOf(':');
  return colon < 0 ? pattern : pattern.slice(0, colon);
}

/**
 * The namespaces worth checking: those an Allow statement's Action patterns name (a wildcard
 * in the service part names several), or every service when an Allow statement uses NotAction.
 */
export function candidateNamespaces(documents: readonly PolicyDocument[], all: readonly string[]): string[] {
  const vendors = new Set<string>();
  for (const document of documents) {
    for (const statement of document.statements) {
      if (statement.effect !== 'Allow') continue;
      if (statement.notAction !== undefined) return [...all];
      for (const pattern of statement.action ?? []) vendors.add(vendorOf(pattern));
    }
  }
  const patterns = [...vendors];
  return all.filter((ns) => patterns.some((v) => actionPatternMatches(v, ns)));
}

/** The services some document allows an action of, by namespace. */
export async function allowedServices(documents: readonly PolicyDocument[]): Promise<AllowedService[]> {
  if (documents.length === 0) return [];
  const out: AllowedService[] = [];
  for (const namespace of candidateNamespaces(documents, await iamServiceKeys())) {
    const service = { namespace, actions: await iamActionsForService(namespace) };
    if (documents.some((d) => documentGrantsService(d, service))) out.push({ namespace, name: await iamServiceName(namespace) });
  }
  return out.sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
}

/** The actions of `namespace` some document allows, as the reference spells them, by name. */
export async function allowedActions(documents: readonly PolicyDocument[], namespace: string): Promise<string[]> {
  const actions = await iamActionsForService(namespace);
  return actions
    .filter((action) => documents.some((d) => documentGrantsService(d, { namespace, actions: [action] })))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
