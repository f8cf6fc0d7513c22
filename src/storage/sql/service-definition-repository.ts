// Service definitions by prefix; a clash on the prefix or the signing name is one
// EntityAlreadyExists (the unique index makes it atomic across nodes).
import { EntityAlreadyExistsError } from '../errors.js';
import type { ServiceDefinitionRepository, StoredServiceDefinition } from '../authorize-repositories.js';
import { dateOf } from './columns.js';
import type { SqlExecutor, SqlRow } from './executor.js';

const SELECT = 'SELECT prefix, signing_name, account_id, document, create_date, update_date FROM service_definitions';

function definitionOf(row: SqlRow): StoredServiceDefinition {
  return {
    prefix: String(row.prefix),
    signingName: String(row.signing_name),
    accountId: String(row.account_id),
    document: String(row.document),
    createDate: dateOf(row.create_date),
    updateDate: dateOf(row.update_date),
  };
}

export function sqlServiceDefinitionRepository(ex: SqlExecutor): ServiceDefinitionRepository {
  const signingNameTaken = async (d: StoredServiceDefinition): Promise<boolean> =>
    (await ex.get('SELECT prefix FROM service_definitions WHERE signing_name = ? AND prefix <> ?', [d.signingName, d.prefix])) !== undefined;
  return {
    async get(prefix) {
      const row = await ex.get(`${SELECT} WHERE prefix = ?`, [prefix]);
      return row ? definitionOf(row) : undefined;
    },

    async insert(d) {
      if (await signingNameTaken(d)) throw new EntityAlreadyExistsError('service-definition', d.signingName);
      const { changes } = await ex.run(
        `INSERT INTO service_definitions (prefix, signing_name, account_id, document, create_date, update_date)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [d.prefix, d.signingName, d.accountId, d.document, d.createDate.getTime(), d.updateDate.getTime()],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('service-definition', d.prefix);
    },

    async update(d) {
      if (await signingNameTaken(d)) throw new EntityAlreadyExistsError('service-definition', d.signingName);
      const { changes } = await ex.run('UPDATE service_definitions SET signing_name = ?, document = ?, update_date = ? WHERE prefix = ?', [
        d.signingName,
        d.document,
        d.updateDate.getTime(),
        d.prefix,
      ]);
      return changes > 0;
    },

    async delete(prefix) {
      return (await ex.run('DELETE FROM service_definitions WHERE prefix = ?', [prefix])).changes > 0;
    },

    async list() {
      return (await ex.all(`${SELECT} ORDER BY prefix`)).map(definitionOf);
    },
  };
}
