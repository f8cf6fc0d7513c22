// Errors of the federation actions (AssumeRoleWithWebIdentity, AssumeRoleWithSAML) that
// the verification libraries do not word themselves.

import { IamError } from '../../protocol/errors.js';

export type FederationAction = 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML';

/**
 * AWS's answer when the role's trust policy does not allow the federated identity, when the
 * role does not exist, and when the RoleArn names no role: it does not say which.
 */
export const notAuthorizedFederated = (action: FederationAction): IamError =>
  new IamError('AccessDenied', `Not authorized to perform ${action}`);

/** Keyward's wording: AWS documents the limits on session tags from an identity provider, not the text. */
export const invalidFederatedTags = (reason: string): IamError => new IamError('InvalidParameterValue', `Session tags are not valid: ${reason}`);
