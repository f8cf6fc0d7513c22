// Accounts and their aliases. An alias is unique across every account, as in AWS.
import type { Account, AccountSettings, PasswordPolicy } from '../../domain/entities.js';
import { EntityAlreadyExistsError } from '../errors.js';
import type { AccountRepository, AliasRepository } from '../repositories.js';
import { dateOf, jsonOf, jsonText } from './columns.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { afterClause, limitPlusOne, toPage } from './paging.js';

const SELECT = 'SELECT id, create_date, password_policy, settings FROM accounts';

function accountOf(row: SqlRow): Account {
  const passwordPolicy = jsonOf<PasswordPolicy>(row.password_policy);
  return {
    id: String(row.id),
    createdAt: dateOf(row.create_date),
    ...(passwordPolicy === undefined ? {} : { passwordPolicy }),
    settings: jsonOf<AccountSettings>(row.settings) ?? {},
  };
}

export function sqlAccountRepository(ex: SqlExecutor): AccountRepository {
  return {
    async get(id) {
      const row = await ex.get(`${SELECT} WHERE id = ?`, [id]);
      return row ? accountOf(row) : undefined;
    },

    async insert(account) {
      const { changes } = await ex.run(
        'INSERT INTO accounts (id, create_date, password_policy, settings) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [account.id, account.createdAt.getTime(), jsonText(account.passwordPolicy), JSON.stringify(account.settings)],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('account', account.id);
    },

    async update(account) {
      const { changes } = await ex.run('UPDATE accounts SET password_policy = ?, settings = ? WHERE id = ?', [
        jsonText(account.passwordPolicy),
        JSON.stringify(account.settings),
        account.id,
      ]);
      return changes > 0;
    },

    async list(page) {
      const params: SqlValue[] = [];
      const after = afterClause('id', page, params);
      params.push(limitPlusOne(page));
      // Account ids are 12 ASCII digits, so every collation orders them alike.
      const rows = await ex.all(`${SELECT} WHERE 1 = 1${after} ORDER BY id LIMIT ?`, params);
      return toPage(rows, page, accountOf, (r) => String(r.id));
    },
  };
}

export function sqlAliasRepository(ex: SqlExecutor): AliasRepository {
  return {
    async list(accountId) {
      const rows = await ex.all<{ alias: string }>(
        'SELECT alias FROM account_aliases WHERE account_id = ? ORDER BY alias',
        [accountId],
      );
      return rows.map((r) => String(r.alias));
    },

    async insert(accountId, alias) {
      const { changes } = await ex.run(
        'INSERT INTO account_aliases (alias, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
        [alias, accountId],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('account-alias', alias);
    },

    async delete(accountId, alias) {
      const { changes } = await ex.run('DELETE FROM account_aliases WHERE account_id = ? AND alias = ?', [
        accountId,
        alias,
      ]);
      return changes > 0;
    },

    async findAccount(alias) {
      const row = await ex.get<{ account_id: string }>('SELECT account_id FROM account_aliases WHERE alias = ?', [alias]);
      return row ? String(row.account_id) : undefined;
    },
  };
}
