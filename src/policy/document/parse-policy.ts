// parsePolicy: JSON text -> typed PolicyDocument, or the problems AWS would reject it
// for, each with a JSON path and AWS's MalformedPolicyDocument wording. Never throws.

import { Findings } from './findings.js';
import { member, memberNames, readJson } from './json-tree.js';
import type { JsonNode, JsonObject } from './json-tree.js';
import { kindRules } from './kind-rules.js';
import type { KindRules } from './kind-rules.js';
import { itemPath, memberPath, ROOT_PATH } from './paths.js';
import { policySize } from './policy-size.js';
import { resourceFormatMessage, resourcePassesLegacyParsing } from './resource-arn.js';
import { readStatement } from './statement.js';
import type { StatementDraft } from './statement.js';
import type { ParseResult, PolicyKind, PolicyStatement, PolicyVersion } from './types.js';

export interface ParsePolicyOptions {
  readonly kind: PolicyKind;
  /**
   * A managed policy (CreatePolicy, CreatePolicyVersion): IAM then requires
   * `"Version": "2012-10-17"` ("Policy document must be version 2012-10-17 or greater.").
   * Inline policies may omit Version or say 2008-10-17.
   */
  readonly managed?: boolean;
}

const TOP_LEVEL: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);

function readVersion(doc: JsonObject, rules: KindRules, managed: boolean, findings: Findings): PolicyVersion {
  const node = member(doc, 'Version');
  const path = memberPath(ROOT_PATH, 'Version');
  if (node !== undefined && (node.kind !== 'string' || !VERSIONS.has(node.value))) {
    findings.add('syntax', undefined, path, 'version-invalid');
    return '2008-10-17';
  }
  const version = node?.kind === 'string' && node.value === '2012-10-17' ? '2012-10-17' : '2008-10-17';
  if ((managed || rules.versionRequired) && version !== '2012-10-17') {
    findings.add('version', undefined, node === undefined ? ROOT_PATH : path, 'version-required');
  }
  return version;
}

function readStatements(doc: JsonObject, rules: KindRules, findings: Findings): StatementDraft[] {
  const node = member(doc, 'Statement');
  const path = memberPath(ROOT_PATH, 'Statement');
  if (node === undefined) {
    findings.add('syntax', undefined, ROOT_PATH, 'statement-missing');
    return [];
  }
  if (node.kind === 'object') return [readStatement(node, 0, path, rules, findings)].filter((d) => d !== undefined);
  if (node.kind !== 'array') {
    findings.add('syntax', undefined, path, 'syntax');
    return [];
  }
  if (node.items.length === 0) findings.add('syntax', undefined, path, 'statement-empty');
  return node.items
    .map((item, i) => readStatement(item, i, itemPath(path, i), rules, findings))
    .filter((d) => d !== undefined);
}

function checkSidsUnique(drafts: readonly StatementDraft[], findings: Findings): void {
  const seen = new Set<string>();
  for (const d of drafts) {
    if (d.sid === undefined || d.sid === '') continue;
    if (seen.has(d.sid)) findings.add('sid-unique', d.index, memberPath(d.path, 'Sid'), 'sid-duplicate');
    seen.add(d.sid);
  }
}

// IAM checks the ARN shape of every Resource, then of every NotResource, each list in
// descending order, and runs its legacy parser over a statement's list only while no
// ARN fault has been met. The fault it reports is the last one met, so the faults are
// recorded last-met first (and without statement index, to keep that order).
function checkIamResources(drafts: readonly StatementDraft[], findings: Findings): void {
  const faults: { path: string; message: string }[] = [];
  for (const element of ['resource', 'notResource'] as const) {
    for (const d of drafts) {
      const list = d[element];
      if (list === undefined) continue;
      const order = list.values.map((value, i) => ({ value, path: list.paths[i] ?? d.path }));
      order.sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
      for (const { value, path } of order) {
        const message = resourceFormatMessage(value);
        if (message !== undefined) faults.push({ path, message });
      }
      if (faults.length > 0) continue;
      for (const { value, path } of order) {
        if (!resourcePassesLegacyParsing(value)) findings.add('legacy', d.index, path, 'legacy');
      }
    }
  }
  for (const f of faults.reverse()) findings.add('resource-format', undefined, f.path, 'resource-format', { value: f.message });
}

function toStatement(d: StatementDraft): PolicyStatement {
  return {
    index: d.index,
    ...(d.sid !== undefined && { sid: d.sid }),
    effect: d.effect ?? 'Deny',
    ...(d.action && { action: d.action.values }),
    ...(d.notAction && { notAction: d.notAction.values }),
    ...(d.resource && { resource: d.resource.values }),
    ...(d.notResource && { notResource: d.notResource.values }),
    ...(d.principal && { principal: d.principal }),
    ...(d.notPrincipal && { notPrincipal: d.notPrincipal }),
    conditions: d.conditions,
  };
}

function parseTree(text: string, root: JsonNode | undefined, options: ParsePolicyOptions): ParseResult {
  const rules = kindRules(options.kind);
  const findings = new Findings(rules.dialect);
  if (root === undefined || root.kind !== 'object') {
    findings.add('syntax', undefined, ROOT_PATH, root === undefined ? 'invalid-json' : 'not-object');
    return failure(findings);
  }
  for (const name of memberNames(root)) {
    if (!TOP_LEVEL.has(name)) findings.add('syntax', undefined, memberPath(ROOT_PATH, name), 'unknown-field', { name });
  }
  const version = readVersion(root, rules, options.managed === true, findings);
  const id = member(root, 'Id');
  if (id !== undefined && id.kind !== 'string') findings.add('syntax', undefined, memberPath(ROOT_PATH, 'Id'), 'syntax');
  const drafts = readStatements(root, rules, findings);
  checkSidsUnique(drafts, findings);
  if (rules.resourceCheck === 'iam-arn') checkIamResources(drafts, findings);
  if (!findings.empty) return failure(findings);
  return {
    ok: true,
    document: {
      version,
      versionGiven: member(root, 'Version') !== undefined,
      ...(id?.kind === 'string' && { id: id.value }),
      statements: drafts.map(toStatement),
      text,
      size: policySize(text),
    },
  };
}

function failure(findings: Findings): ParseResult {
  const problems = findings.sorted();
  return { ok: false, problems, message: problems[0]?.message ?? '' };
}

/** Parses and validates a policy document as AWS does for a policy of `options.kind`. */
export function parsePolicy(text: string, options: ParsePolicyOptions): ParseResult {
  if (typeof text !== 'string') return parseTree('', undefined, options);
  return parseTree(text, readJson(text), options);
}
