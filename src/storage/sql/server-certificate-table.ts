// Server certificates: the named-entity table plus the certificate, its chain, the sealed
// private key, dates and tags. UpdateServerCertificate renames; only tags change otherwise.
import type { ServerCertificate } from '../../domain/server-certificates.js';
import { dateOf, optionalText, tagsOf, tagsText, textOrUndefined } from './columns.js';
import { defineNamedTable } from './named-table.js';

export const serverCertificateTable = defineNamedTable<ServerCertificate>({
  table: 'server_certificates',
  kind: 'server-certificate',
  extraColumns: ['upload_date', 'expiration', 'body', 'chain', 'sealed_private_key', 'tags'],
  updatableColumns: ['tags'],
  extraValues: (c) => ({
    upload_date: c.uploadDate.getTime(),
    expiration: c.expiration.getTime(),
    body: c.body,
    chain: optionalText(c.chain),
    sealed_private_key: c.sealedPrivateKey,
    tags: tagsText(c.tags),
  }),
  fromRow: (r) => {
    const chain = textOrUndefined(r.chain);
    return {
      accountId: String(r.account_id),
      id: String(r.id),
      name: String(r.name),
      path: String(r.path),
      arn: String(r.arn),
      uploadDate: dateOf(r.upload_date),
      expiration: dateOf(r.expiration),
      body: String(r.body),
      ...(chain === undefined ? {} : { chain }),
      sealedPrivateKey: String(r.sealed_private_key),
      tags: tagsOf(r.tags),
    };
  },
});
