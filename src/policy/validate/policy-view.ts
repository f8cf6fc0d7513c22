// The document as the checks see it: each statement's elements located, in whichever shape
// the author wrote them (single value or array), without judging them; judging is the checks' job.

import { member } from '../document/json-tree.js';
import type { JsonObject } from '../document/json-tree.js';
import { itemOf, memberOf, stringItems } from './located.js';
import type { Located, LocatedString } from './located.js';

export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const;

export interface StatementView {
  readonly index: number;
  readonly at: Located;
  /** Present when the statement is an object. */
  readonly object?: JsonObject;
  readonly sid?: Located;
  readonly effect?: Located;
  readonly principal?: Located;
  readonly notPrincipal?: Located;
  readonly action?: Located;
  readonly notAction?: Located;
  readonly resource?: Located;
  readonly notResource?: Located;
  readonly condition?: Located;
  readonly actions: readonly LocatedString[];
  readonly notActions: readonly LocatedString[];
  readonly resources: readonly LocatedString[];
  readonly notResources: readonly LocatedString[];
  /** "Allow" / "Deny" when written so. */
  readonly effectValue?: 'Allow' | 'Deny';
}

export interface PolicyView {
  readonly root: Located;
  readonly object: JsonObject;
  readonly version?: Located;
  readonly statement?: Located;
  readonly statements: readonly StatementView[];
}

function element(at: Located, object: JsonObject, key: string): Located | undefined {
  const node = member(object, key);
  return node === undefined ? undefined : memberOf(at, key, node);
}

function statementView(at: Located, index: number): StatementView {
  if (at.node.kind !== 'object') return { index, at, actions: [], notActions: [], resources: [], notResources: [] };
  const object = at.node;
  const get = (key: string): Located | undefined => element(at, object, key);
  const effect = get('Effect');
  const strings = (loc: Located | undefined): readonly LocatedString[] => (loc === undefined ? [] : stringItems(loc));
  const action = get('Action');
  const notAction = get('NotAction');
  const resource = get('Resource');
  const notResource = get('NotResource');
  const effectValue = effect?.node.kind === 'string' && (effect.node.value === 'Allow' || effect.node.value === 'Deny') ? effect.node.value : undefined;
  return {
    index,
    at,
    object,
    ...withDefined('sid', get('Sid')),
    ...withDefined('effect', effect),
    ...withDefined('principal', get('Principal')),
    ...withDefined('notPrincipal', get('NotPrincipal')),
    ...withDefined('action', action),
    ...withDefined('notAction', notAction),
    ...withDefined('resource', resource),
    ...withDefined('notResource', notResource),
    ...withDefined('condition', get('Condition')),
    ...withDefined('effectValue', effectValue),
    actions: strings(action),
    notActions: strings(notAction),
    resources: strings(resource),
    notResources: strings(notResource),
  };
}

function withDefined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function policyView(object: JsonObject): PolicyView {
  const root: Located = { node: object, path: [] };
  const version = element(root, object, 'Version');
  const statement = element(root, object, 'Statement');
  let statements: StatementView[] = [];
  if (statement?.node.kind === 'object') statements = [statementView(statement, 0)];
  else if (statement?.node.kind === 'array') statements = statement.node.items.map((item, i) => statementView(itemOf(statement, i, item), i));
  return { root, object, ...withDefined('version', version), ...withDefined('statement', statement), statements };
}
