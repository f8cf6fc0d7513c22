// Server certificates (UploadServerCertificate and friends): a certificate, its optional chain and
// its private key, validated with node:crypto; the key is sealed at rest and never returned.

import { serverCertificateArn } from '../../../domain/arn.js';
import type { Tag } from '../../../domain/entities.js';
import { newUniqueId } from '../../../domain/ids.js';
import { SERVER_CERTIFICATES_PER_ACCOUNT, TAGS_PER_RESOURCE } from '../../../domain/quotas.js';
import type { ServerCertificate } from '../../../domain/server-certificates.js';
import type { ContextValue } from '../../../policy/context.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { optStr, str, strList, wireTags } from '../../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { tagPage } from '../list-page.js';
import { checkChainOrder, checkKeyPair, expirationOf, parseCertificate, parseChain, parsePrivateKey } from './pem.js';
import { quotaExceeded } from '../errors.js';
import { mergeTags, removeTags, requestTagKeys, requestTags, tagKeyList } from '../tag-keys.js';

const noSuchCertificate = (name: string): IamError =>
  new IamError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`);
const certificateExists = (name: string): IamError =>
  new IamError('EntityAlreadyExists', `The Server Certificate with name ${name} already exists.`);

function checkTagCount(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) {
    throw new IamError('LimitExceeded', `The number of tags has reached the maximum limit of ${TAGS_PER_RESOURCE}.`);
  }
}

/** Server certificates carry only aws:ResourceTag/* (the Service Authorization Reference). */
function certificateTagKeys(tags: readonly Tag[] | undefined): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  for (const t of tags ?? []) keys[`aws:ResourceTag/${t.key}`] = t.value;
  return keys;
}

function wireMetadata(c: ServerCertificate): WireObject {
  return {
    Path: c.path,
    ServerCertificateName: c.name,
    ServerCertificateId: c.id,
    Arn: c.arn,
    UploadDate: c.uploadDate,
    Expiration: c.expiration,
  };
}

async function certificateCheck(ctx: ServiceContext, name: string, keys: Record<string, ContextValue> = {}): Promise<AuthCheck> {
  const cert = await ctx.store.read((tx) => tx.serverCertificates.get(ctx.accountId, name));
  return { resource: cert?.arn ?? serverCertificateArn(ctx.accountId, '/', name), keys: { ...certificateTagKeys(cert?.tags), ...keys } };
}

async function mustGet(tx: StoreTx, accountId: string, name: string): Promise<ServerCertificate> {
  const cert = await tx.serverCertificates.get(accountId, name);
  if (cert === undefined) throw noSuchCertificate(name);
  return cert;
}

/** Seals the private key for storage, bound to the certificate's id. */
function sealKey(ctx: ServiceContext, id: string, pem: string): string {
  return ctx.secrets.seal(pem, `server-certificate:${id}`);
}

export const serverCertificateOperations: OperationTable = {
  UploadServerCertificate: {
    checks(input, ctx) {
      const tags = requestTags(input);
      const resource = serverCertificateArn(ctx.accountId, optStr(input, 'Path') ?? '/', str(input, 'ServerCertificateName'));
      const keys = requestTagKeys(tags);
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagServerCertificate', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'ServerCertificateName');
      const path = optStr(input, 'Path') ?? '/';
      const tags = requestTags(input);
      checkTagCount(tags);
      const body = str(input, 'CertificateBody');
      const chainText = optStr(input, 'CertificateChain');
      const certificate = parseCertificate(body);
      const key = parsePrivateKey(str(input, 'PrivateKey'));
      if (chainText !== undefined) checkChainOrder(certificate, parseChain(chainText));
      checkKeyPair(certificate, key);
      const id = newUniqueId('ASCA', ctx.random);
      const created: ServerCertificate = {
        accountId: ctx.accountId,
        id,
        name,
        path,
        arn: serverCertificateArn(ctx.accountId, path, name),
        uploadDate: ctx.now,
        expiration: expirationOf(certificate),
        body,
        ...(chainText !== undefined && { chain: chainText }),
        sealedPrivateKey: sealKey(ctx, id, str(input, 'PrivateKey')),
        tags,
      };
      await ctx.store.write(async (tx) => {
        if (await tx.serverCertificates.get(ctx.accountId, name)) throw certificateExists(name);
        if ((await tx.serverCertificates.count(ctx.accountId)) >= SERVER_CERTIFICATES_PER_ACCOUNT) {
          throw quotaExceeded('ServerCertificatesPerAccount', SERVER_CERTIFICATES_PER_ACCOUNT);
        }
        await tx.serverCertificates.insert(created);
      });
      return { ServerCertificateMetadata: wireMetadata(created), ...(tags.length > 0 && { Tags: wireTags(tags) }) };
    },
  },

  GetServerCertificate: {
    checks: async (input, ctx) => [await certificateCheck(ctx, str(input, 'ServerCertificateName'))],
    async run(input, ctx) {
      const cert = await ctx.store.read((tx) => mustGet(tx, ctx.accountId, str(input, 'ServerCertificateName')));
      return {
        ServerCertificate: {
          ServerCertificateMetadata: wireMetadata(cert),
          CertificateBody: cert.body,
          ...(cert.chain !== undefined && { CertificateChain: cert.chain }),
          // Always a Tags list, empty when untagged, as AWS answers.
          Tags: wireTags(cert.tags),
        },
      };
    },
  },

  ListServerCertificates: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const pathPrefix = optStr(input, 'PathPrefix');
      const page = await ctx.store.read((tx) =>
        tx.serverCertificates.list({ accountId: ctx.accountId, ...pageRequest(input), ...(pathPrefix !== undefined && { pathPrefix }) }),
      );
      return { ServerCertificateMetadataList: page.items.map(wireMetadata), ...pageResult(page) };
    },
  },

  UpdateServerCertificate: {
    // AWS: the caller needs permission on both the source and the target certificate.
    async checks(input, ctx) {
      const source = await certificateCheck(ctx, str(input, 'ServerCertificateName'));
      const newName = optStr(input, 'NewServerCertificateName');
      const newPath = optStr(input, 'NewPath');
      if (newName === undefined && newPath === undefined) return [source];
      const current = await ctx.store.read((tx) => tx.serverCertificates.get(ctx.accountId, str(input, 'ServerCertificateName')));
      const target = serverCertificateArn(ctx.accountId, newPath ?? current?.path ?? '/', newName ?? current?.name ?? str(input, 'ServerCertificateName'));
      return [source, { resource: target }];
    },
    async run(input, ctx) {
      const name = str(input, 'ServerCertificateName');
      const newName = optStr(input, 'NewServerCertificateName');
      const newPath = optStr(input, 'NewPath');
      await ctx.store.write(async (tx) => {
        const cert = await mustGet(tx, ctx.accountId, name);
        if (newName !== undefined && newName.toLowerCase() !== cert.name.toLowerCase() && (await tx.serverCertificates.get(ctx.accountId, newName))) {
          throw certificateExists(newName);
        }
        const path = newPath ?? cert.path;
        const finalName = newName ?? cert.name;
        await tx.serverCertificates.update({ ...cert, name: finalName, path, arn: serverCertificateArn(ctx.accountId, path, finalName) });
      });
      return undefined;
    },
  },

  DeleteServerCertificate: {
    checks: async (input, ctx) => [await certificateCheck(ctx, str(input, 'ServerCertificateName'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const cert = await mustGet(tx, ctx.accountId, str(input, 'ServerCertificateName'));
        await tx.serverCertificates.delete(ctx.accountId, cert.name);
      });
      return undefined;
    },
  },

  TagServerCertificate: {
    checks: async (input, ctx) => [await certificateCheck(ctx, str(input, 'ServerCertificateName'), requestTagKeys(requestTags(input)))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const cert = await mustGet(tx, ctx.accountId, str(input, 'ServerCertificateName'));
        const tags = mergeTags(cert.tags, requestTags(input));
        checkTagCount(tags);
        await tx.serverCertificates.update({ ...cert, tags });
      });
      return undefined;
    },
  },

  UntagServerCertificate: {
    checks: async (input, ctx) => [await certificateCheck(ctx, str(input, 'ServerCertificateName'), tagKeyList(strList(input, 'TagKeys')))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const cert = await mustGet(tx, ctx.accountId, str(input, 'ServerCertificateName'));
        await tx.serverCertificates.update({ ...cert, tags: removeTags(cert.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListServerCertificateTags: {
    checks: async (input, ctx) => [await certificateCheck(ctx, str(input, 'ServerCertificateName'))],
    async run(input, ctx) {
      const cert = await ctx.store.read((tx) => mustGet(tx, ctx.accountId, str(input, 'ServerCertificateName')));
      return tagPage(cert.tags, input);
    },
  },
};
