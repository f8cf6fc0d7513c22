// What every check receives, and the registry entry shape: a check names the codes it can emit
// (the generated docs list them) and reports findings through the context.

import type { PolicyCatalog } from './catalog.js';
import type { IssueArgs, IssueCode } from './issue-catalogue.js';
import type { Located } from './located.js';
import type { PolicyView } from './policy-view.js';
import type { ValidatePolicyResourceType, ValidatePolicyType } from './types.js';

export interface CheckContext {
  readonly text: string;
  readonly view: PolicyView;
  readonly policyType: ValidatePolicyType;
  readonly resourceType?: ValidatePolicyResourceType;
  readonly catalog: PolicyCatalog;
  /** RESOURCE_POLICY for AWS::IAM::AssumeRolePolicyDocument. */
  readonly trustPolicy: boolean;
  /** True when the document says `"Version": "2012-10-17"`. */
  readonly variablesEnabled: boolean;
  report(code: IssueCode, at: Located | readonly Located[], args?: IssueArgs): void;
}

export interface Check {
  readonly name: string;
  readonly codes: readonly IssueCode[];
  run(ctx: CheckContext): void;
}
