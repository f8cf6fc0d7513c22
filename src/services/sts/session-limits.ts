// What temporary credentials may not call, whatever their policies say (IAM User Guide,
// "Compare AWS STS credentials"): GetSessionToken sessions reach IAM only with MFA and STS
// only for AssumeRole and GetCallerIdentity; federated users reach no IAM and only
// GetCallerIdentity in STS; role sessions cannot call GetFederationToken or GetSessionToken.
// Every other service (Access Analyzer, CloudTrail, EventBridge, the platform's own services)
// takes temporary credentials of every kind, as AWS's other services do.
// A console sign-in session has none of GetSessionToken's limits but those two.

import type { Caller } from '../../auth/caller.js';
import { IamError } from '../../protocol/errors.js';

function withSessionCredentials(action: string): IamError {
  return new IamError('AccessDenied', `Cannot call ${action} with session credentials`);
}

/**
 * Throws when the caller's kind of credentials cannot call `service:action` at all. IAM
 * refuses such tokens as unknown (InvalidClientTokenId), as AWS's IAM endpoint does.
 */
export function checkSessionLimits(caller: Caller, service: string, action: string): void {
  const session = caller.session;
  if (session === undefined || action === 'GetCallerIdentity') return;
  if (service !== 'iam' && service !== 'sts') return;
  if (action === 'GetSessionToken' || action === 'GetFederationToken') throw withSessionCredentials(action);
  // A console session (src/console/server) is not limited: AWS's limits on IAM calls "do not
  // apply to console sessions".
  if (session.console === true) return;
  if (session.kind === 'AssumedRole') return;
  if (service === 'iam') {
    if (session.kind === 'User' && session.mfa !== undefined) return;
    throw new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  if (session.kind === 'User' && action === 'AssumeRole') return;
  throw withSessionCredentials(action);
}
