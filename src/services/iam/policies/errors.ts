// The errors of the managed policy actions, worded as AWS words them (CreatePolicy,
// DeletePolicy, the version actions, and writes to AWS managed policies).

import { IamError } from '../../../protocol/errors.js';
import type { Caller } from '../../../auth/caller.js';
import { accessDenied } from '../../authorize-call.js';

/** GetPolicy, DeletePolicy, ListPolicyVersions, ... on an unknown ARN. */
export const policyNotFound = (arn: string): IamError => new IamError('NoSuchEntity', `Policy ${arn} was not found.`);

/** GetPolicyVersion, DeletePolicyVersion, SetDefaultPolicyVersion on an unknown version. */
export const policyVersionNotFound = (arn: string, versionId: string): IamError =>
  new IamError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`);

/** A PolicyArn that is not a managed policy ARN at all (a role ARN, a bad path, ...). */
export const invalidArn = (arn: string): IamError => new IamError('InvalidInput', `ARN ${arn} is not valid.`);

export const policyAlreadyExists = (name: string): IamError =>
  new IamError('EntityAlreadyExists', `A policy called ${name} already exists. Duplicate names are not allowed.`);

export const policyAttached = (): IamError => new IamError('DeleteConflict', 'Cannot delete a policy attached to entities.');

export const policyHasVersions = (): IamError =>
  new IamError(
    'DeleteConflict',
    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
  );

export const defaultVersionDelete = (): IamError => new IamError('DeleteConflict', 'Cannot delete the default version of a policy.');

export const tooManyVersions = (): IamError =>
  new IamError(
    'LimitExceeded',
    'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
  );

export const tooManyTags = (limit: number): IamError =>
  new IamError('LimitExceeded', `The number of tags has reached the maximum limit of ${limit}.`);

/**
 * AWS managed policies belong to the `aws` account: a write to one is a cross-account
 * write no resource-based policy allows, so even the root user is refused.
 */
export function awsManagedReadOnly(caller: Caller, action: string, arn: string): IamError {
  return accessDenied(caller, action, arn, {
    decision: 'ImplicitDeny',
    matched: [],
    missingContextKeys: [],
    deniedBy: 'resource',
    byType: {},
  });
}
