// SAML providers, by exact ARN within an account; the metadata document is kept verbatim.
import type { SamlAssertionEncryptionMode, SamlProvider } from '../../domain/providers.js';
import { EntityAlreadyExistsError } from '../errors.js';
import type { SamlProviderRepository } from '../provider-repositories.js';
import { dateOf, optionalDate, optionalMillis, optionalText, tagsOf, tagsText, textOrUndefined } from './columns.js';
import type { SqlExecutor, SqlRow } from './executor.js';

const SELECT = `SELECT account_id, arn, name, saml_provider_uuid, metadata_document, create_date, valid_until,
       assertion_encryption_mode, tags FROM saml_providers`;

function providerOf(row: SqlRow): SamlProvider {
  const validUntil = optionalDate(row.valid_until);
  const mode = textOrUndefined(row.assertion_encryption_mode) as SamlAssertionEncryptionMode | undefined;
  return {
    accountId: String(row.account_id),
    arn: String(row.arn),
    name: String(row.name),
    samlProviderUuid: String(row.saml_provider_uuid),
    metadataDocument: String(row.metadata_document),
    createDate: dateOf(row.create_date),
    ...(validUntil === undefined ? {} : { validUntil }),
    ...(mode === undefined ? {} : { assertionEncryptionMode: mode }),
    tags: tagsOf(row.tags),
  };
}

export function sqlSamlProviderRepository(ex: SqlExecutor): SamlProviderRepository {
  return {
    async get(accountId, arn) {
      const row = await ex.get(`${SELECT} WHERE account_id = ? AND arn = ?`, [accountId, arn]);
      return row ? providerOf(row) : undefined;
    },

    async insert(p) {
      const { changes } = await ex.run(
        `INSERT INTO saml_providers (account_id, arn, name, saml_provider_uuid, metadata_document, create_date,
                                     valid_until, assertion_encryption_mode, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          p.accountId,
          p.arn,
          p.name,
          p.samlProviderUuid,
          p.metadataDocument,
          p.createDate.getTime(),
          optionalMillis(p.validUntil),
          optionalText(p.assertionEncryptionMode),
          tagsText(p.tags),
        ],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('saml-provider', p.arn);
    },

    async update(p) {
      const { changes } = await ex.run(
        `UPDATE saml_providers SET metadata_document = ?, valid_until = ?, assertion_encryption_mode = ?, tags = ?
          WHERE account_id = ? AND arn = ?`,
        [p.metadataDocument, optionalMillis(p.validUntil), optionalText(p.assertionEncryptionMode), tagsText(p.tags), p.accountId, p.arn],
      );
      return changes > 0;
    },

    async delete(accountId, arn) {
      return (await ex.run('DELETE FROM saml_providers WHERE account_id = ? AND arn = ?', [accountId, arn])).changes > 0;
    },

    async list(accountId) {
      return (await ex.all(`${SELECT} WHERE account_id = ? ORDER BY arn`, [accountId])).map(providerOf);
    },

    async count(accountId) {
      const row = await ex.get<{ n: number }>('SELECT COUNT(*) AS n FROM saml_providers WHERE account_id = ?', [accountId]);
      return Number(row?.n ?? 0);
    },
  };
}
