// AssumeRoot: a privileged root session in a member account, for an Organizations management
// or delegated administrator account with centralized root access. Every Keyward account is
// standalone, so the call is authorized as AWS authorizes it, then refused (docs/authorization-messages.md).

import { IamError } from '../../protocol/errors.js';
import { isWireObject } from '../../protocol/wire-value.js';
import { optStr, str } from '../input.js';
import type { OperationTable } from '../operation.js';

/** The member account of TargetPrincipal: an account id, or the ARN of a principal in that account. */
export function targetAccountOf(target: string): string | undefined {
  if (/^\d{12}$/.test(target)) return target;
  return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(target)?.[1];
}

export const assumeRootOperations: OperationTable = {
  AssumeRoot: {
    checks(input) {
      const target = str(input, 'TargetPrincipal');
      const account = targetAccountOf(target);
      if (account === undefined) {
        throw new IamError('ValidationError', `TargetPrincipal ${target} is not an account ID or the ARN of a principal in the member account.`);
      }
      const task = input['TaskPolicyArn'];
      const taskArn = isWireObject(task) ? optStr(task, 'arn') : undefined;
      // The root-user resource type with sts:TaskPolicyArn, per the Service Authorization Reference.
      return [{ resource: `arn:aws:iam::${account}:root`, ...(taskArn !== undefined && { keys: { 'sts:TaskPolicyArn': taskArn } }) }];
    },
    async run(input, ctx) {
      const account = targetAccountOf(str(input, 'TargetPrincipal')) ?? '';
      throw new IamError(
        'AccessDenied',
        `User: ${ctx.caller.principal.arn} is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::${account}:root because the account is not the management or delegated administrator account of an organization with centralized root access`,
      );
    },
  },
};
