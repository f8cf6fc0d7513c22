// GetDelegatedAccessToken: trades the token of an approved temporary delegation request for
// credentials; only onboarded AWS partners hold such tokens. Keyward accounts are standalone and
// never partners, so the call is authorized as AWS authorizes it, then refused, as the IAM
// delegation-request actions are (src/services/iam/organizations/standalone.ts).

import { IamError } from '../../protocol/errors.js';
import type { OperationTable } from '../operation.js';

export const delegatedAccessTokenOperations: OperationTable = {
  GetDelegatedAccessToken: {
    // No resource type: `*` only.
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      throw new IamError(
        'AccessDenied',
        `User: ${ctx.caller.principal.arn} is not authorized to perform: sts:GetDelegatedAccessToken because the account is not onboarded as an AWS partner for temporary delegation`,
      );
    },
  },
};
