// STS actions that describe credentials; they need no permission, as in AWS.

import { accountIdFromAccessKeyId } from '../../domain/ids.js';
import { IamError } from '../../protocol/errors.js';
import { str } from '../input.js';
import type { OperationTable } from '../operation.js';

export const callerIdentityOperations: OperationTable = {
  GetCallerIdentity: {
    checks: () => [],
    run: async (_input, ctx) => ({
      UserId: ctx.caller.userId,
      Account: ctx.accountId,
      Arn: ctx.caller.principal.arn,
    }),
  },
  GetAccessKeyInfo: {
    checks: () => [{ resource: '*' }],
    async run(input) {
      const id = str(input, 'AccessKeyId');
      const account = accountIdFromAccessKeyId(id);
      if (account === null) throw new IamError('ValidationError', `The access key ID ${id} is not valid.`);
      return { Account: account };
    },
  },
};
