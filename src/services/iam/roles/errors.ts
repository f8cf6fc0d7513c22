// Messages of the role and instance-profile families, worded as AWS words them.

import { IamError } from '../../../protocol/errors.js';

export const roleAlreadyExists = (name: string): IamError => new IamError('EntityAlreadyExists', `Role with name ${name} already exists.`);

export const noSuchInstanceProfile = (name: string): IamError =>
  new IamError('NoSuchEntity', `Instance Profile ${name} cannot be found.`);

export const instanceProfileAlreadyExists = (name: string): IamError =>
  new IamError('EntityAlreadyExists', `Instance Profile ${name} already exists.`);

export const roleNotInProfile = (roleName: string, profileName: string): IamError =>
  new IamError('NoSuchEntity', `Role ${roleName} is not associated with instance profile ${profileName}.`);

/** Service-linked roles: only AWS may change them. */
export const unmodifiableRole = (name: string): IamError =>
  new IamError('UnmodifiableEntity', `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`);

export const tooManyTags = (limit: number): IamError =>
  new IamError('LimitExceeded', `The number of tags has reached the maximum limit of ${limit}.`);
