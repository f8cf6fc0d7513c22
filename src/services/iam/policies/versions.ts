// Managed policy versions: create (up to 5, optionally as the default), read, list,
// delete (never the default) and choose the default. AWS managed policies are read-only.

import type { ManagedPolicy, PolicyVersion } from '../../../domain/entities.js';
import { VERSIONS_PER_MANAGED_POLICY } from '../../../domain/quotas.js';
import type { StoreTx } from '../../../storage/ports.js';
import { optBool, str } from '../../input.js';
import type { OperationTable, ServiceContext } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { findPolicy, isAwsManaged, mustFindPolicy, mustFindWritablePolicy, policyCheck, requirePolicyArn } from './access.js';
import { checkManagedPolicyDocument } from './document-check.js';
import { awsManagedReadOnly, defaultVersionDelete, policyVersionNotFound, tooManyVersions } from './errors.js';
import { wirePolicyVersion } from './wire.js';

/** The policy and one of its versions; AWS names both in one "does not exist" message. */
async function mustFindVersion(
  tx: StoreTx,
  accountId: string,
  arn: string,
  versionId: string,
): Promise<{ policy: ManagedPolicy; version: PolicyVersion }> {
  requirePolicyArn(arn);
  const policy = await findPolicy(tx, accountId, arn);
  const version = policy && (await tx.policies.versions.get(arn, versionId));
  if (policy === undefined || version === undefined) throw policyVersionNotFound(arn, versionId);
  return { policy, version };
}

/** As mustFindVersion, refusing AWS managed policies before saying anything about versions. */
async function mustFindWritableVersion(
  tx: StoreTx,
  ctx: ServiceContext,
  action: string,
  arn: string,
  versionId: string,
): Promise<{ policy: ManagedPolicy; version: PolicyVersion }> {
  requirePolicyArn(arn);
  const policy = await findPolicy(tx, ctx.accountId, arn);
  if (policy !== undefined && isAwsManaged(policy)) throw awsManagedReadOnly(ctx.caller, `iam:${action}`, arn);
  return mustFindVersion(tx, ctx.accountId, arn, versionId);
}

export const policyVersionOperations: OperationTable = {
  CreatePolicyVersion: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      const arn = str(input, 'PolicyArn');
      const document = str(input, 'PolicyDocument');
      const setAsDefault = optBool(input, 'SetAsDefault') ?? false;
      checkManagedPolicyDocument(document);
      const version = await ctx.store.write(async (tx) => {
        const policy = await mustFindWritablePolicy(tx, ctx, 'CreatePolicyVersion', arn);
        if ((await tx.policies.versions.count(policy.arn)) >= VERSIONS_PER_MANAGED_POLICY) throw tooManyVersions();
        const versionId = (await tx.policies.versions.nextVersionId(policy.arn)) ?? 'v1';
        const created: PolicyVersion = { policyArn: policy.arn, versionId, document, isDefault: setAsDefault, createDate: ctx.now };
        await tx.policies.versions.insert(created);
        // UpdateDate is when the newest version was created, default or not.
        await tx.policies.update({ ...policy, updateDate: ctx.now, defaultVersionId: setAsDefault ? versionId : policy.defaultVersionId });
        return created;
      });
      return { PolicyVersion: wirePolicyVersion(version) };
    },
  },

  GetPolicyVersion: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      const { version } = await ctx.store.read((tx) => mustFindVersion(tx, ctx.accountId, str(input, 'PolicyArn'), str(input, 'VersionId')));
      return { PolicyVersion: wirePolicyVersion(version, { document: true }) };
    },
  },

  ListPolicyVersions: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      const arn = str(input, 'PolicyArn');
      const page = await ctx.store.read(async (tx) => {
        await mustFindPolicy(tx, ctx.accountId, arn);
        return tx.policies.versions.list(arn, pageRequest(input));
      });
      return { Versions: page.items.map((v) => wirePolicyVersion(v)), ...pageResult(page) };
    },
  },

  DeletePolicyVersion: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const { policy, version } = await mustFindWritableVersion(tx, ctx, 'DeletePolicyVersion', str(input, 'PolicyArn'), str(input, 'VersionId'));
        if (version.versionId === policy.defaultVersionId) throw defaultVersionDelete();
        await tx.policies.versions.delete(policy.arn, version.versionId);
      });
      return undefined;
    },
  },

  SetDefaultPolicyVersion: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const { policy, version } = await mustFindWritableVersion(
          tx,
          ctx,
          'SetDefaultPolicyVersion',
          str(input, 'PolicyArn'),
          str(input, 'VersionId'),
        );
        await tx.policies.versions.setDefault(policy.arn, version.versionId);
      });
      return undefined;
    },
  },
};
