// IAM SAML 2.0 providers: an identity provider's metadata document (its entity id and
// signing certificates), which AssumeRoleWithSAML verifies assertions against.

import { parseSamlMetadata } from '../../../auth/saml/index.js';
import { samlProviderArn } from '../../../domain/arn.js';
import { ID_ALPHABET } from '../../../domain/ids.js';
import type { SamlAssertionEncryptionMode, SamlProvider } from '../../../domain/providers.js';
import { SAML_PROVIDERS_PER_ACCOUNT } from '../../../domain/quotas.js';
import type { Random } from '../../../domain/random.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { optStr, str, strList, tagList, wireTags } from '../../input.js';
import type { AuthCheck, Operation, OperationTable } from '../../operation.js';
import { quotaExceeded } from '../errors.js';
import { noSuchSamlProvider, samlProviderExists } from './errors.js';
import { assertProviderArn, findSamlProvider, mustGetSamlProvider, providerCheck } from './lookup.js';
import { tagPage } from '../list-page.js';
import { checkRequestTags, checkTagCount } from '../roles/tag-rules.js';
import { mergeTags, removeTags, requestTagKeys, tagKeyList } from '../tag-keys.js';

const ARN = 'SAMLProviderArn';

/** A metadata document without validUntil makes a provider valid for a hundred years, as in AWS. */
const DEFAULT_VALIDITY_YEARS = 100;

/** GetSAMLProvider's SAMLProviderUUID: `SAML` and 18 upper-case letters and digits (the model asks 22-64 of [A-Z0-9]). */
function newSamlProviderUuid(random: Random): string {
  let out = 'SAML';
  for (const byte of random.bytes(18)) out += ID_ALPHABET.charAt(byte & 31);
  return out;
}

/** The metadata's validUntil, parsed as CreateSAMLProvider does; InvalidInput with AWS's message otherwise. */
function readMetadata(document: string, now: Date): Date {
  const metadata = parseSamlMetadata(document);
  if (!metadata.ok) throw new IamError('InvalidInput', metadata.message);
  if (metadata.validUntil !== undefined) return metadata.validUntil;
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + DEFAULT_VALIDITY_YEARS);
  return until;
}

/**
 * Encrypted assertions need the provider's private keys, which Keyward does not store yet:
 * AddPrivateKey and RemovePrivateKey are refused, and so is requiring encryption.
 */
function encryptionMode(input: WireObject): SamlAssertionEncryptionMode | undefined {
  if (optStr(input, 'AddPrivateKey') !== undefined || optStr(input, 'RemovePrivateKey') !== undefined) {
    throw new IamError('InvalidInput', 'Keyward does not support SAML assertion encryption: AddPrivateKey and RemovePrivateKey are not accepted.');
  }
  const mode = optStr(input, 'AssertionEncryptionMode');
  if (mode === 'Required') {
    throw new IamError('InvalidInput', 'Cannot set AssertionEncryptionMode to Required because no private key is provided.');
  }
  return mode === 'Allowed' ? 'Allowed' : undefined;
}

const onProvider: Pick<Operation, 'checks'> = {
  checks: async (input, ctx) => [await providerCheck(ctx, 'saml-provider', str(input, ARN))],
};

export const samlProviderOperations: OperationTable = {
  CreateSAMLProvider: {
    checks(input, ctx) {
      const tags = tagList(input);
      const resource = samlProviderArn(ctx.accountId, str(input, 'Name'));
      const keys = requestTagKeys(tags);
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagSAMLProvider', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'Name');
      const document = str(input, 'SAMLMetadataDocument');
      const mode = encryptionMode(input);
      const validUntil = readMetadata(document, ctx.now);
      const tags = tagList(input);
      checkRequestTags(tags);
      checkTagCount(tags);
      const arn = samlProviderArn(ctx.accountId, name);
      await ctx.store.write(async (tx) => {
        if ((await findSamlProvider(tx, ctx.accountId, arn)) !== undefined) throw samlProviderExists(name);
        if ((await tx.samlProviders.count(ctx.accountId)) >= SAML_PROVIDERS_PER_ACCOUNT) {
          throw quotaExceeded('SAMLProvidersPerAccount', SAML_PROVIDERS_PER_ACCOUNT);
        }
        const provider: SamlProvider = {
          accountId: ctx.accountId,
          arn,
          name,
          samlProviderUuid: newSamlProviderUuid(ctx.random),
          metadataDocument: document,
          createDate: ctx.now,
          validUntil,
          ...(mode !== undefined && { assertionEncryptionMode: mode }),
          tags,
        };
        await tx.samlProviders.insert(provider);
      });
      return { SAMLProviderArn: arn, ...(tags.length > 0 && { Tags: wireTags(tags) }) };
    },
  },

  GetSAMLProvider: {
    ...onProvider,
    async run(input, ctx) {
      const p = await ctx.store.read((tx) => mustGetSamlProvider(tx, ctx.accountId, str(input, ARN)));
      return {
        SAMLProviderUUID: p.samlProviderUuid,
        SAMLMetadataDocument: p.metadataDocument,
        CreateDate: p.createDate,
        ...(p.validUntil !== undefined && { ValidUntil: p.validUntil }),
        Tags: wireTags(p.tags),
        ...(p.assertionEncryptionMode !== undefined && { AssertionEncryptionMode: p.assertionEncryptionMode }),
      };
    },
  },

  ListSAMLProviders: {
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      const providers = await ctx.store.read((tx) => tx.samlProviders.list(ctx.accountId));
      return {
        SAMLProviderList: providers.map((p) => ({ Arn: p.arn, ...(p.validUntil !== undefined && { ValidUntil: p.validUntil }), CreateDate: p.createDate })),
      };
    },
  },

  UpdateSAMLProvider: {
    ...onProvider,
    async run(input, ctx) {
      const document = optStr(input, 'SAMLMetadataDocument');
      const mode = encryptionMode(input);
      if (document === undefined && mode === undefined) {
        throw new IamError('InvalidInput', 'No updates are defined for the SAML provider.');
      }
      const validUntil = document === undefined ? undefined : readMetadata(document, ctx.now);
      const arn = await ctx.store.write(async (tx) => {
        const provider = await mustGetSamlProvider(tx, ctx.accountId, str(input, ARN));
        await tx.samlProviders.update({
          ...provider,
          ...(document !== undefined && { metadataDocument: document, validUntil }),
          ...(mode !== undefined && { assertionEncryptionMode: mode }),
        });
        return provider.arn;
      });
      return { SAMLProviderArn: arn };
    },
  },

  DeleteSAMLProvider: {
    ...onProvider,
    async run(input, ctx) {
      const arn = str(input, ARN);
      assertProviderArn(arn, 'saml-provider');
      await ctx.store.write(async (tx) => {
        const provider = await findSamlProvider(tx, ctx.accountId, arn);
        if (provider === undefined) throw noSuchSamlProvider(arn);
        await tx.samlProviders.delete(ctx.accountId, provider.arn);
      });
      return undefined;
    },
  },

  TagSAMLProvider: {
    checks: async (input, ctx) => [await providerCheck(ctx, 'saml-provider', str(input, ARN), requestTagKeys(tagList(input)))],
    async run(input, ctx) {
      const added = tagList(input);
      checkRequestTags(added);
      await ctx.store.write(async (tx) => {
        const provider = await mustGetSamlProvider(tx, ctx.accountId, str(input, ARN));
        const tags = mergeTags(provider.tags, added);
        checkTagCount(tags);
        await tx.samlProviders.update({ ...provider, tags });
      });
      return undefined;
    },
  },

  UntagSAMLProvider: {
    checks: async (input, ctx) => [await providerCheck(ctx, 'saml-provider', str(input, ARN), tagKeyList(strList(input, 'TagKeys')))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const provider = await mustGetSamlProvider(tx, ctx.accountId, str(input, ARN));
        await tx.samlProviders.update({ ...provider, tags: removeTags(provider.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListSAMLProviderTags: {
    ...onProvider,
    async run(input, ctx) {
      const provider = await ctx.store.read((tx) => mustGetSamlProvider(tx, ctx.accountId, str(input, ARN)));
      return tagPage(provider.tags, input);
    },
  },
};
