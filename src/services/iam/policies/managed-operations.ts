// IAM managed policies: create, read, delete and tag customer managed policies, and read
// AWS managed ones (which refuse every write). Versions, listings and ListPolicies-
// GrantingServiceAccess live in their own policy-*.ts files and join this table.

import type { ManagedPolicy } from '../../../domain/entities.js';
import { policyArn } from '../../../domain/arn.js';
import { newUniqueId } from '../../../domain/ids.js';
import { CUSTOMER_MANAGED_POLICIES_PER_ACCOUNT } from '../../../domain/quotas.js';
import { optStr, str, strList, tagList } from '../../input.js';
import type { AuthCheck, OperationTable } from '../../operation.js';
import { quotaExceeded } from '../errors.js';
import { tagPage } from '../list-page.js';
import { mustFindPolicy, mustFindWritablePolicy, policyCheck } from './access.js';
import { checkManagedPolicyDocument } from './document-check.js';
import { policyAlreadyExists, policyAttached, policyHasVersions } from './errors.js';
import { policyListingOperations } from './listing.js';
import { policyServiceAccessOperations } from './service-access.js';
import { checkRequestTags, checkTagCount } from './tags.js';
import { policyVersionOperations } from './versions.js';
import { wirePolicy } from './wire.js';
import { mergeTags, removeTags, requestTagKeys, tagKeyList } from '../tag-keys.js';

const policyLifecycleOperations: OperationTable = {
  CreatePolicy: {
    checks(input, ctx) {
      const tags = tagList(input);
      const resource = policyArn(ctx.accountId, optStr(input, 'Path') ?? '/', str(input, 'PolicyName'));
      const keys = requestTagKeys(tags);
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagPolicy', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'PolicyName');
      const path = optStr(input, 'Path') ?? '/';
      const document = str(input, 'PolicyDocument');
      const description = optStr(input, 'Description');
      const tags = tagList(input);
      checkManagedPolicyDocument(document);
      checkRequestTags(tags);
      checkTagCount(tags);
      const policy = await ctx.store.write(async (tx) => {
        if (await tx.policies.getByName(ctx.accountId, name)) throw policyAlreadyExists(name);
        if ((await tx.policies.count(ctx.accountId)) >= CUSTOMER_MANAGED_POLICIES_PER_ACCOUNT) {
          throw quotaExceeded('PoliciesPerAccount', CUSTOMER_MANAGED_POLICIES_PER_ACCOUNT);
        }
        const created: ManagedPolicy = {
          accountId: ctx.accountId,
          id: newUniqueId('ANPA', ctx.random),
          name,
          path,
          arn: policyArn(ctx.accountId, path, name),
          createDate: ctx.now,
          updateDate: ctx.now,
          defaultVersionId: 'v1',
          tags,
          isAttachable: true,
          ...(description !== undefined && { description }),
        };
        await tx.policies.insert(created);
        await tx.policies.versions.insert({ policyArn: created.arn, versionId: 'v1', document, isDefault: true, createDate: ctx.now });
        return created;
      });
      return { Policy: wirePolicy(policy, { attachmentCount: 0, boundaryUsageCount: 0 }, { tags: 'when-tagged' }) };
    },
  },

  GetPolicy: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      const arn = str(input, 'PolicyArn');
      const { policy, attachmentCount, boundaryUsageCount } = await ctx.store.read(async (tx) => ({
        policy: await mustFindPolicy(tx, ctx.accountId, arn),
        attachmentCount: await tx.policies.attachments.attachmentCount(ctx.accountId, arn),
        boundaryUsageCount: await tx.policies.attachments.boundaryUsageCount(ctx.accountId, arn),
      }));
      return { Policy: wirePolicy(policy, { attachmentCount, boundaryUsageCount }, { description: true, tags: 'always' }) };
    },
  },

  DeletePolicy: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      const arn = str(input, 'PolicyArn');
      await ctx.store.write(async (tx) => {
        const policy = await mustFindWritablePolicy(tx, ctx, 'DeletePolicy', arn);
        // A policy in use as a permissions boundary counts as attached, as in the console.
        const attached =
          (await tx.policies.attachments.attachmentCount(ctx.accountId, policy.arn)) +
          (await tx.policies.attachments.boundaryUsageCount(ctx.accountId, policy.arn));
        if (attached > 0) throw policyAttached();
        if ((await tx.policies.versions.count(policy.arn)) > 1) throw policyHasVersions();
        await tx.policies.delete(policy.arn);
      });
      return undefined;
    },
  },

  TagPolicy: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'), requestTagKeys(tagList(input)))],
    async run(input, ctx) {
      const added = tagList(input);
      checkRequestTags(added);
      await ctx.store.write(async (tx) => {
        const policy = await mustFindWritablePolicy(tx, ctx, 'TagPolicy', str(input, 'PolicyArn'));
        const tags = mergeTags(policy.tags, added);
        checkTagCount(tags);
        await tx.policies.update({ ...policy, tags });
      });
      return undefined;
    },
  },

  UntagPolicy: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'), tagKeyList(strList(input, 'TagKeys')))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const policy = await mustFindWritablePolicy(tx, ctx, 'UntagPolicy', str(input, 'PolicyArn'));
        await tx.policies.update({ ...policy, tags: removeTags(policy.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListPolicyTags: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      const policy = await ctx.store.read((tx) => mustFindPolicy(tx, ctx.accountId, str(input, 'PolicyArn')));
      return tagPage(policy.tags, input);
    },
  },
};

export const managedPolicyOperations: OperationTable = {
  ...policyLifecycleOperations,
  ...policyVersionOperations,
  ...policyListingOperations,
  ...policyServiceAccessOperations,
};
