// OpenID Connect providers, by exact ARN within an account; client ids and thumbprints are
// small ordered lists kept as JSON.
import type { OidcProvider } from '../../domain/providers.js';
import { EntityAlreadyExistsError } from '../errors.js';
import type { OidcProviderRepository } from '../provider-repositories.js';
import { dateOf, stringsOf, tagsOf, tagsText } from './columns.js';
import type { SqlExecutor, SqlRow } from './executor.js';

const SELECT = 'SELECT account_id, arn, url, client_ids, thumbprints, create_date, tags FROM oidc_providers';

function providerOf(row: SqlRow): OidcProvider {
  return {
    accountId: String(row.account_id),
    arn: String(row.arn),
    url: String(row.url),
    clientIds: stringsOf(row.client_ids, 'client_ids'),
    thumbprints: stringsOf(row.thumbprints, 'thumbprints'),
    createDate: dateOf(row.create_date),
    tags: tagsOf(row.tags),
  };
}

export function sqlOidcProviderRepository(ex: SqlExecutor): OidcProviderRepository {
  return {
    async get(accountId, arn) {
      const row = await ex.get(`${SELECT} WHERE account_id = ? AND arn = ?`, [accountId, arn]);
      return row ? providerOf(row) : undefined;
    },

    async insert(p) {
      const { changes } = await ex.run(
        `INSERT INTO oidc_providers (account_id, arn, url, client_ids, thumbprints, create_date, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [p.accountId, p.arn, p.url, JSON.stringify(p.clientIds), JSON.stringify(p.thumbprints), p.createDate.getTime(), tagsText(p.tags)],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('oidc-provider', p.arn);
    },

    async update(p) {
      const { changes } = await ex.run(
        'UPDATE oidc_providers SET client_ids = ?, thumbprints = ?, tags = ? WHERE account_id = ? AND arn = ?',
        [JSON.stringify(p.clientIds), JSON.stringify(p.thumbprints), tagsText(p.tags), p.accountId, p.arn],
      );
      return changes > 0;
    },

    async delete(accountId, arn) {
      return (await ex.run('DELETE FROM oidc_providers WHERE account_id = ? AND arn = ?', [accountId, arn])).changes > 0;
    },

    async list(accountId) {
      return (await ex.all(`${SELECT} WHERE account_id = ? ORDER BY arn`, [accountId])).map(providerOf);
    },

    async count(accountId) {
      const row = await ex.get<{ n: number }>('SELECT COUNT(*) AS n FROM oidc_providers WHERE account_id = ?', [accountId]);
      return Number(row?.n ?? 0);
    },
  };
}
