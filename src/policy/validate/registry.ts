// The checks ValidatePolicy runs, in order. Adding a check is one line here; the codes each
// declares feed docs/access-analyzer.md.

import { actionsCheck } from './checks/actions.js';
import { conditionsCheck } from './checks/conditions.js';
import { documentRulesCheck } from './checks/document-rules.js';
import { passRoleCheck } from './checks/pass-role.js';
import { principalsCheck } from './checks/principals.js';
import { resourcesCheck } from './checks/resources.js';
import { structureCheck } from './checks/structure.js';
import { conditionValuesCheck } from './checks/condition-values.js';
import { trustProvidersCheck } from './checks/trust-providers.js';
import { principalKindsCheck } from './checks/principal-kinds.js';
import { resourceTypeScopeCheck } from './checks/resource-type-scope.js';
import type { Check } from './context.js';
import type { IssueCode } from './issue-catalogue.js';

export const CHECKS: readonly Check[] = [structureCheck, actionsCheck, resourcesCheck, principalsCheck, conditionsCheck, passRoleCheck, documentRulesCheck, conditionValuesCheck, trustProvidersCheck, principalKindsCheck, resourceTypeScopeCheck];

/** Codes some check can emit (JSON_SYNTAX_ERROR comes from the reader itself). */
export function implementedCodes(): ReadonlySet<IssueCode> {
  return new Set<IssueCode>(['JSON_SYNTAX_ERROR', ...CHECKS.flatMap((c) => c.codes)]);
}
