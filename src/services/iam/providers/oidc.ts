// IAM OpenID Connect providers: the issuers whose tokens AssumeRoleWithWebIdentity
// accepts, with their audiences (client ids), certificate thumbprints and tags.

import { oidcProviderArn } from '../../../domain/arn.js';
import type { OidcProvider } from '../../../domain/providers.js';
import { OIDC_PROVIDERS_PER_ACCOUNT } from '../../../domain/quotas.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { str, strList, tagList, wireTags } from '../../input.js';
import type { AuthCheck, Operation, OperationTable } from '../../operation.js';
import { quotaExceeded } from '../errors.js';
import { oidcProviderExists, tooManyThumbprints } from './errors.js';
import { assertProviderArn, findOidcProvider, mustGetOidcProvider, providerCheck } from './lookup.js';
import { oidcProviderUrl } from './oidc-url.js';
import { tagPage } from '../list-page.js';
import { checkRequestTags, checkTagCount } from '../roles/tag-rules.js';
import { mergeTags, removeTags, requestTagKeys, tagKeyList } from '../tag-keys.js';

/** "You cannot register more than 100 client IDs with a single IAM OIDC provider." */
const CLIENT_IDS_PER_PROVIDER = 100;
/** "IAM lets you have up to five thumbprints for an OIDC provider." */
const THUMBPRINTS_PER_PROVIDER = 5;

const ARN = 'OpenIDConnectProviderArn';

function clientIdList(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length > CLIENT_IDS_PER_PROVIDER) throw quotaExceeded('ClientIdsPerOpenIdConnectProvider', CLIENT_IDS_PER_PROVIDER);
  return unique;
}

/** Thumbprints are hex SHA-1 digests; IAM keeps them in lower case. */
function thumbprintList(prints: readonly string[]): string[] {
  if (prints.length > THUMBPRINTS_PER_PROVIDER) throw tooManyThumbprints();
  return [...new Set(prints.map((p) => p.toLowerCase()))];
}

function wireProvider(p: OidcProvider): WireObject {
  return {
    Url: p.url,
    ClientIDList: [...p.clientIds],
    ThumbprintList: [...p.thumbprints],
    CreateDate: p.createDate,
    Tags: wireTags(p.tags),
  };
}

/** The check of the actions on one existing provider. */
const onProvider: Pick<Operation, 'checks'> = {
  checks: async (input, ctx) => [await providerCheck(ctx, 'oidc-provider', str(input, ARN))],
};

export const oidcProviderOperations: OperationTable = {
  CreateOpenIDConnectProvider: {
    checks(input, ctx) {
      const tags = tagList(input);
      const resource = oidcProviderArn(ctx.accountId, str(input, 'Url'));
      const keys = requestTagKeys(tags);
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagOpenIDConnectProvider', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const given = str(input, 'Url');
      const url = oidcProviderUrl(given);
      const clientIds = clientIdList(strList(input, 'ClientIDList'));
      const thumbprints = thumbprintList(strList(input, 'ThumbprintList'));
      const tags = tagList(input);
      checkRequestTags(tags);
      checkTagCount(tags);
      const arn = oidcProviderArn(ctx.accountId, url);
      await ctx.store.write(async (tx) => {
        if ((await findOidcProvider(tx, ctx.accountId, arn)) !== undefined) throw oidcProviderExists(given);
        if ((await tx.oidcProviders.count(ctx.accountId)) >= OIDC_PROVIDERS_PER_ACCOUNT) {
          throw quotaExceeded('OpenIdConnectProvidersPerAccount', OIDC_PROVIDERS_PER_ACCOUNT);
        }
        await tx.oidcProviders.insert({ accountId: ctx.accountId, arn, url, clientIds, thumbprints, createDate: ctx.now, tags });
      });
      return { OpenIDConnectProviderArn: arn, ...(tags.length > 0 && { Tags: wireTags(tags) }) };
    },
  },

  GetOpenIDConnectProvider: {
    ...onProvider,
    async run(input, ctx) {
      const provider = await ctx.store.read((tx) => mustGetOidcProvider(tx, ctx.accountId, str(input, ARN)));
      return wireProvider(provider);
    },
  },

  ListOpenIDConnectProviders: {
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      const providers = await ctx.store.read((tx) => tx.oidcProviders.list(ctx.accountId));
      return { OpenIDConnectProviderList: providers.map((p) => ({ Arn: p.arn })) };
    },
  },

  DeleteOpenIDConnectProvider: {
    ...onProvider,
    async run(input, ctx) {
      const arn = str(input, ARN);
      assertProviderArn(arn, 'oidc-provider');
      // Idempotent, as AWS documents: deleting a provider that does not exist succeeds.
      await ctx.store.write(async (tx) => {
        const provider = await findOidcProvider(tx, ctx.accountId, arn);
        if (provider !== undefined) await tx.oidcProviders.delete(ctx.accountId, provider.arn);
      });
      return undefined;
    },
  },

  AddClientIDToOpenIDConnectProvider: {
    ...onProvider,
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const provider = await mustGetOidcProvider(tx, ctx.accountId, str(input, ARN));
        const id = str(input, 'ClientID');
        if (provider.clientIds.includes(id)) return; // idempotent, as AWS documents
        await tx.oidcProviders.update({ ...provider, clientIds: clientIdList([...provider.clientIds, id]) });
      });
      return undefined;
    },
  },

  RemoveClientIDFromOpenIDConnectProvider: {
    ...onProvider,
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const provider = await mustGetOidcProvider(tx, ctx.accountId, str(input, ARN));
        const id = str(input, 'ClientID');
        // Idempotent: removing a client id that is not registered succeeds.
        if (provider.clientIds.includes(id)) await tx.oidcProviders.update({ ...provider, clientIds: provider.clientIds.filter((c) => c !== id) });
      });
      return undefined;
    },
  },

  UpdateOpenIDConnectProviderThumbprint: {
    ...onProvider,
    async run(input, ctx) {
      const thumbprints = thumbprintList(strList(input, 'ThumbprintList'));
      await ctx.store.write(async (tx) => {
        const provider = await mustGetOidcProvider(tx, ctx.accountId, str(input, ARN));
        await tx.oidcProviders.update({ ...provider, thumbprints });
      });
      return undefined;
    },
  },

  TagOpenIDConnectProvider: {
    checks: async (input, ctx) => [await providerCheck(ctx, 'oidc-provider', str(input, ARN), requestTagKeys(tagList(input)))],
    async run(input, ctx) {
      const added = tagList(input);
      checkRequestTags(added);
      await ctx.store.write(async (tx) => {
        const provider = await mustGetOidcProvider(tx, ctx.accountId, str(input, ARN));
        const tags = mergeTags(provider.tags, added);
        checkTagCount(tags);
        await tx.oidcProviders.update({ ...provider, tags });
      });
      return undefined;
    },
  },

  UntagOpenIDConnectProvider: {
    checks: async (input, ctx) => [await providerCheck(ctx, 'oidc-provider', str(input, ARN), tagKeyList(strList(input, 'TagKeys')))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const provider = await mustGetOidcProvider(tx, ctx.accountId, str(input, ARN));
        await tx.oidcProviders.update({ ...provider, tags: removeTags(provider.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListOpenIDConnectProviderTags: {
    ...onProvider,
    async run(input, ctx) {
      const provider = await ctx.store.read((tx) => mustGetOidcProvider(tx, ctx.accountId, str(input, ARN)));
      return tagPage(provider.tags, input);
    },
  },
};
