// One `Statement` entry: reads its elements, records what is wrong with them for this
// kind of policy, and returns what it could read. Checks that need the whole document
// (Sid uniqueness, IAM's resource ARN checks) are left to parsePolicy.

import { patternActionFault, trustActionFault, vendorActionFault } from './action.js';
import type { ActionFault } from './action.js';
import { readCondition } from './condition-block.js';
import { readStringList } from './element-values.js';
import type { StringList } from './element-values.js';
import { member, memberNames } from './json-tree.js';
import type { JsonNode, JsonObject } from './json-tree.js';
import type { KindRules } from './kind-rules.js';
import type { Findings } from './findings.js';
import { memberPath } from './paths.js';
import { readPrincipal } from './principal.js';
import { isArnOrStar } from './resource-arn.js';
import type { ConditionEntry, Effect, PrincipalSpec } from './types.js';

/** What was read from one statement, whether or not it is valid. */
export interface StatementDraft {
  readonly index: number;
  readonly path: string;
  readonly sid?: string;
  readonly effect?: Effect;
  readonly action?: StringList;
  readonly notAction?: StringList;
  readonly resource?: StringList;
  readonly notResource?: StringList;
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly conditions: readonly ConditionEntry[];
}

const ELEMENTS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const SID_CHARS = /^[0-9A-Za-z]*$/;

interface Reader {
  readonly node: JsonObject;
  readonly index: number;
  readonly path: string;
  readonly rules: KindRules;
  readonly findings: Findings;
}

function readEffect(r: Reader): Effect | undefined {
  const node = member(r.node, 'Effect');
  const path = memberPath(r.path, 'Effect');
  if (node === undefined) return void r.findings.add('syntax', r.index, r.path, 'effect-missing');
  if (node.kind !== 'string') return void r.findings.add('syntax', r.index, path, 'syntax');
  if (node.value === 'Allow' || node.value === 'Deny') return node.value;
  const lower = node.value.toLowerCase();
  if (r.rules.dialect === 'iam' && (lower === 'allow' || lower === 'deny')) {
    r.findings.add('legacy', r.index, path, 'effect-case', { value: node.value });
  } else {
    r.findings.add('syntax', r.index, path, 'effect-invalid', { value: node.value });
  }
  return undefined;
}

/** Reads the pair `name` / `NotName`; both present is a syntax error. */
function readPair(r: Reader, name: string): { list?: StringList; notList?: StringList; present: boolean } {
  const read = (element: string): StringList | undefined => {
    const node = member(r.node, element);
    if (node === undefined) return undefined;
    const path = memberPath(r.path, element);
    const list = readStringList(node, path);
    if (list === undefined) r.findings.add('syntax', r.index, path, 'syntax');
    return list;
  };
  const present = member(r.node, name) !== undefined || member(r.node, `Not${name}`) !== undefined;
  if (member(r.node, name) !== undefined && member(r.node, `Not${name}`) !== undefined) {
    r.findings.add('syntax', r.index, memberPath(r.path, `Not${name}`), 'syntax');
  }
  const list = read(name);
  const notList = read(`Not${name}`);
  return { ...(list && { list }), ...(notList && { notList }), present };
}

function actionFault(rules: KindRules, action: string): ActionFault | undefined {
  switch (rules.actionCheck) {
    case 'vendor':
      return vendorActionFault(action);
    case 'sts':
      return trustActionFault(action);
    case 'pattern':
      return patternActionFault(action);
  }
}

function checkActions(r: Reader, pair: ReturnType<typeof readPair>): void {
  const list = pair.list ?? pair.notList;
  if (!pair.present || (list !== undefined && list.values.length === 0)) {
    const path = list === undefined ? r.path : memberPath(r.path, pair.list ? 'Action' : 'NotAction');
    r.findings.add('actions-missing', r.index, path, 'action-missing');
  }
  if (pair.notList !== undefined && !r.rules.notAction) {
    r.findings.add('kind', r.index, memberPath(r.path, 'NotAction'), 'kind-rule');
  }
  if (list === undefined) return;
  for (const [i, action] of list.values.entries()) {
    const fault = actionFault(r.rules, action);
    if (fault) r.findings.add('action-format', r.index, list.paths[i] ?? r.path, fault.code, fault.args);
  }
}

function checkResources(r: Reader, pair: ReturnType<typeof readPair>): void {
  const list = pair.list ?? pair.notList;
  if (r.rules.resource === 'forbidden') {
    for (const name of ['Resource', 'NotResource']) {
      if (member(r.node, name) !== undefined) {
        r.findings.add('resources-missing', r.index, memberPath(r.path, name), 'resource-forbidden', { name });
      }
    }
    return;
  }
  if (!pair.present || (list !== undefined && list.values.length === 0)) {
    const path = list === undefined ? r.path : memberPath(r.path, pair.list ? 'Resource' : 'NotResource');
    r.findings.add('resources-missing', r.index, path, 'resource-missing');
  }
  if (list === undefined || r.rules.resourceCheck !== 'arn') return;
  for (const [i, resource] of list.values.entries()) {
    if (!isArnOrStar(resource)) r.findings.add('resource-format', r.index, list.paths[i] ?? r.path, 'resource-invalid');
  }
}

function readPrincipals(r: Reader, effect: Effect | undefined): { principal?: PrincipalSpec; notPrincipal?: PrincipalSpec } {
  const principalNode = member(r.node, 'Principal');
  const notNode = member(r.node, 'NotPrincipal');
  const principalPath = memberPath(r.path, 'Principal');
  const notPath = memberPath(r.path, 'NotPrincipal');
  const add = r.findings.add.bind(r.findings, 'principal', r.index);
  const { rules } = r;
  if (rules.principal === 'forbidden') {
    if (principalNode !== undefined) add(principalPath, 'principal-forbidden');
    if (notNode !== undefined) add(notPath, 'not-principal-forbidden');
    return {};
  }
  if (principalNode === undefined && (notNode === undefined || !rules.notPrincipal)) add(r.path, 'principal-missing');
  if (principalNode !== undefined && notNode !== undefined) r.findings.add('syntax', r.index, notPath, 'syntax');
  if (notNode !== undefined && !rules.notPrincipal) add(notPath, 'not-principal-forbidden');
  if (notNode !== undefined && rules.notPrincipal && effect === 'Allow') add(notPath, 'not-principal-allow');
  if (rules.principal === 'star') {
    if (principalNode === undefined) return {};
    if (principalNode.kind !== 'string' || principalNode.value !== '*') {
      r.findings.add('kind', r.index, principalPath, 'kind-rule');
      return {};
    }
    return { principal: { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] } };
  }
  const dialect = rules.dialect === 'trust' ? 'trust' : 'resource';
  const read = (node: JsonNode | undefined, path: string): PrincipalSpec | undefined => {
    if (node === undefined) return undefined;
    const reading = readPrincipal(node, path, dialect);
    for (const f of reading.faults) {
      r.findings.add(f.code === 'syntax' ? 'syntax' : 'principal', r.index, f.path, f.code, f.args);
    }
    return reading.spec;
  };
  const principal = read(principalNode, principalPath);
  const notPrincipal = rules.notPrincipal ? read(notNode, notPath) : undefined;
  return { ...(principal && { principal }), ...(notPrincipal && { notPrincipal }) };
}

function readSid(r: Reader): string | undefined {
  const node = member(r.node, 'Sid');
  if (node === undefined) return undefined;
  const path = memberPath(r.path, 'Sid');
  if (node.kind !== 'string') return void r.findings.add('syntax', r.index, path, 'syntax');
  if (r.rules.sidAlphanumeric && !SID_CHARS.test(node.value)) r.findings.add('sid-format', r.index, path, 'sid-format');
  return node.value;
}

function readConditions(r: Reader): readonly ConditionEntry[] {
  const node = member(r.node, 'Condition');
  if (node === undefined) return [];
  const iam = r.rules.dialect === 'iam';
  const reading = readCondition(node, memberPath(r.path, 'Condition'), {
    emptyUnknownOperatorAllowed: iam,
    legacyDates: r.rules.legacyChecks,
  });
  for (const f of reading.faults) {
    const stage = f.code === 'legacy' ? 'legacy' : iam ? 'syntax' : 'condition';
    r.findings.add(stage, r.index, f.path, f.code, f.args);
  }
  return reading.entries;
}

function isSingleStar(list: StringList | undefined): boolean {
  return list !== undefined && list.values.length === 1 && list.values[0] === '*';
}

/** Reads statement `index` at `path`; undefined when it is not even an object. */
export function readStatement(node: JsonNode, index: number, path: string, rules: KindRules, findings: Findings): StatementDraft | undefined {
  if (node.kind !== 'object') return void findings.add('syntax', index, path, 'syntax');
  const r: Reader = { node, index, path, rules, findings };
  for (const name of memberNames(node)) {
    if (!ELEMENTS.has(name)) findings.add('syntax', index, memberPath(path, name), 'unknown-field', { name });
  }
  const sid = readSid(r);
  const effect = readEffect(r);
  const principals = readPrincipals(r, effect);
  const actions = readPair(r, 'Action');
  checkActions(r, actions);
  const resources = readPair(r, 'Resource');
  checkResources(r, resources);
  const conditions = readConditions(r);
  // RCPs: Allow only in the shape of the AWS-managed RCPFullAWSAccess statement.
  if (rules.denyOnly && effect === 'Allow') {
    const fullAccess = principals.principal?.wildcard === true && isSingleStar(actions.list) && isSingleStar(resources.list);
    if (!fullAccess || member(node, 'Condition') !== undefined) {
      findings.add('kind', index, memberPath(path, 'Effect'), 'kind-rule');
    }
  }
  return {
    index,
    path,
    ...(sid !== undefined && { sid }),
    ...(effect && { effect }),
    ...(actions.list && { action: actions.list }),
    ...(actions.notList && { notAction: actions.notList }),
    ...(resources.list && { resource: resources.list }),
    ...(resources.notList && { notResource: resources.notList }),
    ...principals,
    conditions,
  };
}
