// ValidatePolicy: a policy's text in, Access Analyzer findings out (never throws). Findings are
// ordered by where they start in the text, then by the order the checks run.

import { readJsonPositioned } from '../document/json-tree.js';
import type { PolicyCatalog } from './catalog.js';
import type { CheckContext } from './context.js';
import { findingDetails, ISSUE_CATALOGUE, learnMoreLink } from './issue-catalogue.js';
import type { IssueArgs, IssueCode } from './issue-catalogue.js';
import { Locator } from './located.js';
import type { Located } from './located.js';
import { policyView } from './policy-view.js';
import { CHECKS } from './registry.js';
import type { ValidatePolicyFinding, ValidatePolicyResourceType, ValidatePolicyType } from './types.js';

export interface ValidatePolicyOptions {
  readonly policyType: ValidatePolicyType;
  readonly resourceType?: ValidatePolicyResourceType;
  readonly catalog: PolicyCatalog;
}

function finding(code: IssueCode, locations: ValidatePolicyFinding['locations'], args?: IssueArgs): ValidatePolicyFinding {
  return { findingDetails: findingDetails(code, args), findingType: ISSUE_CATALOGUE[code].type, issueCode: code, learnMoreLink: learnMoreLink(code), locations };
}

export function validatePolicy(text: string, options: ValidatePolicyOptions): readonly ValidatePolicyFinding[] {
  const read = readJsonPositioned(text);
  if (!read.ok) {
    const locator = new Locator(text, undefined);
    const at = locator.position(read.offset);
    return [finding('JSON_SYNTAX_ERROR', [locator.at([], read.offset, read.offset)], { index: read.offset, line: at.line, column: at.column })];
  }
  const locator = new Locator(text, read.json);
  const root = read.json.root;
  if (root.kind !== 'object') return [finding('DATA_TYPE_MISMATCH', [locator.location({ node: root, path: [] })], { type: 'Object' })];
  const view = policyView(root);
  const found: { finding: ValidatePolicyFinding; start: number; seq: number }[] = [];
  const version = view.version?.node;
  const ctx: CheckContext = {
    text,
    view,
    policyType: options.policyType,
    ...(options.resourceType !== undefined && { resourceType: options.resourceType }),
    catalog: options.catalog,
    trustPolicy: options.policyType === 'RESOURCE_POLICY' && options.resourceType === 'AWS::IAM::AssumeRolePolicyDocument',
    variablesEnabled: version?.kind === 'string' && version.value === '2012-10-17',
    report(code, at, args) {
      const list: readonly Located[] = Array.isArray(at) ? at : [at as Located];
      const locations = list.map((l) => locator.location(l));
      found.push({ finding: finding(code, locations, args), start: locations[0]?.span.start.offset ?? 0, seq: found.length });
    },
  };
  for (const check of CHECKS) check.run(ctx);
  return found.sort((a, b) => a.start - b.start || a.seq - b.seq).map((f) => f.finding);
}
