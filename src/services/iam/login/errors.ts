// The error messages of the login profile and password policy actions, worded as AWS words
// them where AWS's text is known (see the notes on the ones that are Keyward's own).

import type { PasswordViolation } from '../../../auth/password/policy.js';
import { IamError } from '../../../protocol/errors.js';

/** How a login profile's owner is named in messages: the user name, or `root` for the root user. */
export const ownerLabel = (userName: string | null): string => userName ?? 'root';

export const noSuchLoginProfile = (userName: string | null): IamError =>
  new IamError('NoSuchEntity', `Login Profile for User ${ownerLabel(userName)} cannot be found.`);

export const loginProfileExists = (userName: string | null): IamError =>
  new IamError('EntityAlreadyExists', `Login Profile for user ${ownerLabel(userName)} already exists.`);

export const noPasswordPolicy = (accountId: string): IamError =>
  new IamError('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);

/** DeleteAccountPasswordPolicy's wording, unlike GetAccountPasswordPolicy's. */
export const noPasswordPolicyToDelete = (): IamError => new IamError('NoSuchEntity', 'The account policy with name PasswordPolicy cannot be found.');

export const passwordViolation = (violation: PasswordViolation): IamError => new IamError(violation.code, violation.message);

/** AWS's model-validation wording for a missing member (CreateLoginProfile needs Password outside AssumeRoot). */
export const missingPassword = (): IamError =>
  new IamError('ValidationError', "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");

// ChangePassword by anything but an IAM user is InvalidUserType (the aws CLI documents it for the
// root user); AWS's message text is not documented.
export const notAnIamUser = (): IamError => new IamError('InvalidUserType', 'Only an IAM user can change its own password with ChangePassword.');

// AWS does not document the answer to a wrong OldPassword; InvalidUserType is one of the
// errors its model lists for ChangePassword and is what Keyward answers.
export const wrongOldPassword = (): IamError => new IamError('InvalidUserType', 'The old password is incorrect.');

// Keyward's lockout (src/auth/password/lockout.ts) also guards ChangePassword; LimitExceeded is
// the model's error for it.
export const tooManyPasswordAttempts = (): IamError =>
  new IamError('LimitExceeded', 'Too many failed password attempts; try again later.');

/** A password set that kept racing with other changes to the same profile or policy. */
export const passwordBusy = (userName: string | null): IamError =>
  new IamError('EntityTemporarilyUnmodifiable', `Login Profile for User ${ownerLabel(userName)} is being changed; try again.`);
