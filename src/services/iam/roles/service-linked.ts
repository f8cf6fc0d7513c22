// Service-linked roles: CreateServiceLinkedRole (name, path, trust policy and managed
// policy per service), DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus.
// Deletion is immediate here, so every task this server issued reports SUCCEEDED.

import type { Role } from '../../../domain/entities.js';
import { AWS_MANAGED_ACCOUNT, PARTITION, policyArn, roleArn } from '../../../domain/arn.js';
import { newUniqueId } from '../../../domain/ids.js';
import { ROLE_MAX_SESSION_DURATION_MIN_SECONDS, ROLES_PER_ACCOUNT } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { PolicyOwner } from '../../../storage/repositories.js';
import { optStr, str } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { newDeletionTaskId, parseDeletionTaskId, verifyDeletionTaskId } from './deletion-tasks.js';
import { quotaExceeded } from '../errors.js';
import { isServiceLinkedRole, mustGetRole, roleCheck, SERVICE_LINKED_ROLE_PATH } from './lookup.js';
import { serviceLinkedRoleName, serviceLinkedRoleSpec } from './service-names.js';
import { wireRole } from './wire.js';

const servicePath = (service: string): string => `${SERVICE_LINKED_ROLE_PATH}${service}/`;

/**
 * The trust policy AWS gives a service-linked role: only its service may assume it. AWS writes
 * the service and the action as one-element lists.
 */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
  });
}

/** `arn:aws:iam::<account>:role/aws-service-role/<service>/<name>`, built as text: neither part is validated yet. */
function serviceRoleArn(accountId: string, service: string, name: string): string {
  return `arn:${PARTITION}:iam::${accountId}:role${servicePath(service)}${name}`;
}

/** The service a service-linked role belongs to, from its path. */
function serviceOf(role: Role): string {
  return role.path.slice(SERVICE_LINKED_ROLE_PATH.length).split('/')[0] ?? '';
}

/** What DeleteServiceLinkedRole removes with the role: its policies and profile memberships. */
async function detachEverything(tx: StoreTx, owner: PolicyOwner): Promise<void> {
  for (;;) {
    const page = await tx.policies.attachments.listAttached(owner, { limit: 100 });
    for (const p of page.items) await tx.policies.attachments.detach(owner, p.policyArn);
    if (page.items.length === 0 || page.nextAfter === undefined) break;
  }
  for (const inline of await tx.inlinePolicies.listAll(owner)) await tx.inlinePolicies.delete(owner, inline.policyName);
  for (;;) {
    const page = await tx.instanceProfiles.roles.listProfilesForRole(owner.accountId, owner.name, { limit: 100 });
    for (const p of page.items) await tx.instanceProfiles.roles.remove(owner.accountId, p.name, owner.name);
    if (page.items.length === 0 || page.nextAfter === undefined) break;
  }
}

export const serviceLinkedRoleOperations: OperationTable = {
  CreateServiceLinkedRole: {
    checks(input, ctx) {
      const service = str(input, 'AWSServiceName');
      const suffix = optStr(input, 'CustomSuffix');
      const base = serviceLinkedRoleSpec(service)?.roleName ?? '*';
      const name = suffix === undefined ? base : `${base}_${suffix}`;
      return [{ resource: serviceRoleArn(ctx.accountId, service, name), keys: { 'iam:AWSServiceName': service } }];
    },
    async run(input, ctx) {
      const service = str(input, 'AWSServiceName');
      const name = serviceLinkedRoleName(service, optStr(input, 'CustomSuffix'));
      const description = optStr(input, 'Description');
      const policyName = serviceLinkedRoleSpec(service)?.policyName;
      const path = servicePath(service);
      const role = await ctx.store.write(async (tx) => {
        if (await tx.roles.get(ctx.accountId, name)) {
          throw new IamError('InvalidInput', `Service role name ${name} has been taken in this account, please try a different suffix.`);
        }
        if ((await tx.roles.count(ctx.accountId)) >= ROLES_PER_ACCOUNT) throw quotaExceeded('RolesPerAccount', ROLES_PER_ACCOUNT);
        const created: Role = {
          accountId: ctx.accountId,
          id: newUniqueId('AROA', ctx.random),
          name,
          path,
          arn: roleArn(ctx.accountId, path, name),
          createDate: ctx.now,
          assumeRolePolicyDocument: serviceTrustPolicy(service),
          maxSessionDuration: ROLE_MAX_SESSION_DURATION_MIN_SECONDS,
          tags: [],
          ...(description !== undefined && description !== '' && { description }),
        };
        await tx.roles.insert(created);
        if (policyName !== undefined) {
          const arn = policyArn(AWS_MANAGED_ACCOUNT, SERVICE_LINKED_ROLE_PATH, policyName);
          // Attach AWS's policy when the catalogue has it; a role without it still works as a role.
          if (await tx.policies.get(arn)) await tx.policies.attachments.attach({ accountId: ctx.accountId, kind: 'role', name }, arn);
        }
        return created;
      });
      return { Role: wireRole(role, 'created') };
    },
  },

  DeleteServiceLinkedRole: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'))],
    async run(input, ctx) {
      const name = str(input, 'RoleName');
      const deleted = await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, name);
        // AWS's wording for an ordinary role is not documented; the code is from the action's error list.
        if (!isServiceLinkedRole(role)) throw new IamError('NoSuchEntity', `The role with name ${name} is not a service-linked role.`);
        await detachEverything(tx, { accountId: ctx.accountId, kind: 'role', name: role.name });
        await tx.roles.delete(ctx.accountId, role.name);
        // A new role with the same ARN must not inherit this one's access history.
        await tx.serviceAccess.deleteForPrincipal(ctx.accountId, role.arn);
        return role;
      });
      const task = { service: serviceOf(deleted), roleName: deleted.name };
      return { DeletionTaskId: newDeletionTaskId(ctx.secrets, ctx.accountId, task) };
    },
  },

  GetServiceLinkedRoleDeletionStatus: {
    checks(input, ctx) {
      const task = parseDeletionTaskId(str(input, 'DeletionTaskId'));
      return [{ resource: task === undefined ? '*' : serviceRoleArn(ctx.accountId, task.service, task.roleName) }];
    },
    async run(input, ctx) {
      const id = str(input, 'DeletionTaskId');
      if (parseDeletionTaskId(id) === undefined) {
        throw new IamError('InvalidInput', `Invalid deletion task id ${id}: expected task/aws-service-role/<service>/<role-name>/<task-id>.`);
      }
      if (verifyDeletionTaskId(ctx.secrets, ctx.accountId, id) === undefined) {
        throw new IamError('NoSuchEntity', `The deletion task with id ${id} cannot be found.`);
      }
      return { Status: 'SUCCEEDED' };
    },
  },
};

