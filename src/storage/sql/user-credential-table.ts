// The queries signing certificates, SSH keys and service-specific credentials share: a row per
// credential with a global id, an owning user (or the root, where allowed) joined by id so
// renames are followed, a status, and an upload or create date that orders a user's list.
import type { CredentialStatus } from '../../domain/credentials.js';
import { EntityAlreadyExistsError, type EntityKind } from '../errors.js';
import type { UserCredentialRepository } from '../credential-repositories.js';
import { ownerClause, ownerUserId } from './credential-owner.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';

interface OwnedCredential {
  readonly accountId: string;
  readonly userName: string | null;
}

export interface UserCredentialTableSpec<T extends OwnedCredential> {
  readonly table: string;
  readonly kind: EntityKind;
  readonly idColumn: string;
  /** Orders a user's credentials, oldest first. */
  readonly dateColumn: string;
  /** Columns beyond id, account_id and user_id, all written by insert(). */
  readonly columns: readonly string[];
  readonly id: (credential: T) => string;
  readonly values: (credential: T) => Readonly<Record<string, SqlValue>>;
  /** Maps a row of `select` (which adds `user_name`). */
  readonly fromRow: (row: SqlRow) => T;
}

export interface UserCredentialTable<T extends OwnedCredential> {
  /** SELECT of every column as `c.*` plus `user_name`, ready for a WHERE clause. */
  readonly select: string;
  readonly spec: UserCredentialTableSpec<T>;
  repository<Owner extends string | null>(ex: SqlExecutor): UserCredentialRepository<T, Owner>;
}

export function defineUserCredentialTable<T extends OwnedCredential>(spec: UserCredentialTableSpec<T>): UserCredentialTable<T> {
  const { table, idColumn } = spec;
  const all = [idColumn, 'account_id', 'user_id', ...spec.columns];
  const select = `SELECT ${all.map((c) => `c.${c}`).join(', ')}, u.name AS user_name
  FROM ${table} c LEFT JOIN users u ON u.id = c.user_id`;
  const insertSql = `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`;

  const repository = <Owner extends string | null>(ex: SqlExecutor): UserCredentialRepository<T, Owner> => ({
    async get(accountId, id) {
      const row = await ex.get(`${select} WHERE c.account_id = ? AND c.${idColumn} = ?`, [accountId, id]);
      return row ? spec.fromRow(row) : undefined;
    },

    async insert(credential) {
      const userId = await ownerUserId(ex, credential.accountId, credential.userName);
      const values = spec.values(credential);
      const params: SqlValue[] = [spec.id(credential), credential.accountId, userId, ...spec.columns.map((c) => values[c] ?? null)];
      const { changes } = await ex.run(insertSql, params);
      if (changes === 0) throw new EntityAlreadyExistsError(spec.kind, spec.id(credential));
    },

    async listForUser(accountId, userName) {
      const owner = ownerClause('c', accountId, userName);
      const rows = await ex.all(`${select} WHERE ${owner.sql} ORDER BY c.${spec.dateColumn}, c.${idColumn}`, owner.params);
      return rows.map(spec.fromRow);
    },

    async countForUser(accountId, userName) {
      const owner = ownerClause('c', accountId, userName);
      const row = await ex.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} c WHERE ${owner.sql}`, owner.params);
      return Number(row?.n ?? 0);
    },

    async updateStatus(accountId, id, status: CredentialStatus) {
      const sql = `UPDATE ${table} SET status = ? WHERE account_id = ? AND ${idColumn} = ?`;
      return (await ex.run(sql, [status, accountId, id])).changes > 0;
    },

    async delete(accountId, id) {
      return (await ex.run(`DELETE FROM ${table} WHERE account_id = ? AND ${idColumn} = ?`, [accountId, id])).changes > 0;
    },
  });

  return { select, spec, repository };
}
