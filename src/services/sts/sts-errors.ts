// STS error messages, worded as AWS words them (where AWS does not publish a wording,
// docs/session-tokens.md says which one Keyward chose).

import { IamError } from '../../protocol/errors.js';

export const rootCannotAssumeRole = (): IamError => new IamError('AccessDenied', 'Roles may not be assumed by root accounts.');

/** AssumeRole on a role that does not exist (or an ARN that names no role): AWS does not say which. */
export const notAuthorizedToAssume = (callerArn: string, roleArn: string): IamError =>
  new IamError('AccessDenied', `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);

export const invalidRoleArn = (arn: string): IamError => new IamError('ValidationError', `${arn} is invalid`);

export const durationExceedsRoleMax = (): IamError =>
  new IamError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

export const durationExceedsChainLimit = (): IamError =>
  new IamError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');

export const mfaFailed = (): IamError => new IamError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');

/** The serial is not an MFA device enabled for the caller (AWS's text has two spaces after "code."). */
export const mfaUnverifiable = (): IamError =>
  new IamError(
    'AccessDenied',
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  );

export const packedPolicyTooLarge = (percent: number): IamError =>
  new IamError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`);

export const tooManyPolicyArns = (max: number): IamError =>
  new IamError('ValidationError', `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${max}`);

export const unknownPolicyArn = (): IamError =>
  new IamError('InvalidParameterValue', 'At least one Policy ARN in the PolicyArns parameter does not match an existing IAM Managed Policy ARN.');

export const duplicateTagKeys = (): IamError =>
  new IamError('InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');

export const transitiveKeyNotInTags = (): IamError =>
  new IamError('InvalidParameterValue', 'The specified transitive tag key must be included in the requested tags.');

export const transitiveKeyConflict = (): IamError =>
  new IamError(
    'InvalidParameterValue',
    "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
  );

/** Keyward's wording: AWS documents that a source identity cannot change in a role chain, not the error text. */
export const sourceIdentityChange = (): IamError =>
  new IamError('InvalidParameterValue', 'The source identity of the calling session cannot be changed.');
