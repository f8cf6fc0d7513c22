// PutRolePermissionsBoundary and DeleteRolePermissionsBoundary: the managed policy that
// caps a role's permissions. Service-linked roles keep the boundary AWS gave them.

import { IamError } from '../../../protocol/errors.js';
import { str } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { requireAttachablePolicy } from '../policies/lookup.js';
import { assertModifiable, mustGetRole, roleCheck } from './lookup.js';

// AWS managed policies under this path are for service-linked roles only.
const SERVICE_ROLE_POLICY_PATH = '/aws-service-role/';

export const roleBoundaryOperations: OperationTable = {
  PutRolePermissionsBoundary: {
    checks: async (input, ctx) => [
      await roleCheck(ctx, str(input, 'RoleName'), { keys: { 'iam:PermissionsBoundary': str(input, 'PermissionsBoundary') } }),
    ],
    async run(input, ctx) {
      const arn = str(input, 'PermissionsBoundary');
      await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        assertModifiable(role);
        const policy = await requireAttachablePolicy(tx, arn);
        if (policy.path === SERVICE_ROLE_POLICY_PATH) {
          throw new IamError('PolicyNotAttachable', 'Cannot attach a Service Role Policy to a Customer Role.');
        }
        await tx.roles.update({ ...role, permissionsBoundaryArn: arn });
      });
      return undefined;
    },
  },

  DeleteRolePermissionsBoundary: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { boundary: true })],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        assertModifiable(role);
        const { permissionsBoundaryArn: _dropped, ...rest } = role;
        await tx.roles.update(rest);
      });
      return undefined;
    },
  },
};
