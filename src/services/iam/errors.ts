// The IAM error messages the services share, worded as AWS words them.

import { IamError } from '../../protocol/errors.js';

export const noSuchUser = (name: string): IamError => new IamError('NoSuchEntity', `The user with name ${name} cannot be found.`);
export const noSuchGroup = (name: string): IamError => new IamError('NoSuchEntity', `The group with name ${name} cannot be found.`);
export const noSuchRole = (name: string): IamError => new IamError('NoSuchEntity', `The role with name ${name} cannot be found.`);
export const noSuchPolicy = (arn: string): IamError => new IamError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
export const alreadyExists = (kind: string, name: string): IamError =>
  new IamError('EntityAlreadyExists', `${kind} with name ${name} already exists.`);
export const quotaExceeded = (quota: string, limit: number): IamError =>
  new IamError('LimitExceeded', `Cannot exceed quota for ${quota}: ${limit}`);
export const deleteConflict = (what: string): IamError => new IamError('DeleteConflict', `Cannot delete entity, must ${what} first.`);
