// The queries users, groups, roles, instance profiles and server certificates share: a row
// per entity with a case-folded name key unique per account, listed by that key. Each
// repository file supplies its columns and row mapping; the SQL is built once at module load.
import { nameKey } from '../../domain/names.js';
import { ConstraintViolationError, EntityAlreadyExistsError, type EntityKind } from '../errors.js';
import type { AccountListRequest, NamedEntityRepository, Page } from '../repositories.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { limitPlusOne, nameContainsClause, pathPrefixClause, toPage } from './paging.js';

export interface NamedEntity {
  readonly accountId: string;
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
}

export interface NamedTableSpec<T extends NamedEntity> {
  readonly table: string;
  readonly kind: EntityKind;
  /** Columns beyond the common ones (the creation date is one), all written by insert(). */
  readonly extraColumns: readonly string[];
  /** The subset of extraColumns that update() rewrites (name, path and arn always are). */
  readonly updatableColumns: readonly string[];
  readonly extraValues: (entity: T) => Readonly<Record<string, SqlValue>>;
  readonly fromRow: (row: SqlRow) => T;
  /** Completes entities that need other tables (instance profiles' role names). */
  readonly complete?: (ex: SqlExecutor, entities: T[]) => Promise<T[]>;
}

const COMMON = ['id', 'account_id', 'name', 'name_key', 'path', 'arn'] as const;

export interface NamedTable<T extends NamedEntity> {
  readonly spec: NamedTableSpec<T>;
  /** Every column, for SELECT lists; prefix with an alias when joining. */
  columns(alias?: string): string;
  repository(ex: SqlExecutor): NamedEntityRepository<T>;
}

export function defineNamedTable<T extends NamedEntity>(spec: NamedTableSpec<T>): NamedTable<T> {
  const { table } = spec;
  const all = [...COMMON, ...spec.extraColumns];
  const columns = (alias?: string): string => all.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
  const select = `SELECT ${columns()} FROM ${table}`;
  const insertSql =
    `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`;
  const updated = ['name', 'name_key', 'path', 'arn', ...spec.updatableColumns];
  const updateSql = `UPDATE ${table} SET ${updated.map((c) => `${c} = ?`).join(', ')} WHERE account_id = ? AND id = ?`;
  const clashSql = `SELECT id FROM ${table} WHERE account_id = ? AND name_key = ? AND id <> ?`;
  // Made once: a statement cache (and the read memo) then hashes the same string every time.
  const getSql = `${select} WHERE account_id = ? AND name_key = ?`;
  const getByIdSql = `${select} WHERE account_id = ? AND id = ?`;

  const complete = async (ex: SqlExecutor, rows: SqlRow[]): Promise<T[]> => {
    const entities = rows.map(spec.fromRow);
    return spec.complete && entities.length > 0 ? spec.complete(ex, entities) : entities;
  };
  const one = async (ex: SqlExecutor, sql: string, params: SqlValue[]): Promise<T | undefined> => {
    const row = await ex.get(sql, params);
    return row ? (await complete(ex, [row]))[0] : undefined;
  };

  const repository = (ex: SqlExecutor): NamedEntityRepository<T> => ({
    get: (accountId, name) => one(ex, getSql, [accountId, nameKey(name)]),

    getById: (accountId, id) => one(ex, getByIdSql, [accountId, id]),

    async insert(entity) {
      const extra = spec.extraValues(entity);
      const values: SqlValue[] = [
        entity.id,
        entity.accountId,
        entity.name,
        nameKey(entity.name),
        entity.path,
        entity.arn,
        ...spec.extraColumns.map((c) => extra[c] ?? null),
      ];
      const { changes } = await ex.run(insertSql, values);
      if (changes === 0) throw new EntityAlreadyExistsError(spec.kind, entity.name);
    },

    async update(entity) {
      const key = nameKey(entity.name);
      // Checked first so a rename clash does not abort a PostgreSQL transaction.
      if (await ex.get(clashSql, [entity.accountId, key, entity.id])) {
        throw new EntityAlreadyExistsError(spec.kind, entity.name);
      }
      const extra = spec.extraValues(entity);
      const values: SqlValue[] = [
        entity.name,
        key,
        entity.path,
        entity.arn,
        ...spec.updatableColumns.map((c) => extra[c] ?? null),
        entity.accountId,
        entity.id,
      ];
      try {
        return (await ex.run(updateSql, values)).changes > 0;
      } catch (error) {
        if (error instanceof ConstraintViolationError && error.constraint === 'unique') {
          throw new EntityAlreadyExistsError(spec.kind, entity.name);
        }
        throw error;
      }
    },

    async delete(accountId, name) {
      const sql = `DELETE FROM ${table} WHERE account_id = ? AND name_key = ?`;
      return (await ex.run(sql, [accountId, nameKey(name)])).changes > 0;
    },

    async list(request: AccountListRequest): Promise<Page<T>> {
      const prefix = pathPrefixClause('path', request.pathPrefix);
      const contains = nameContainsClause('name_key', request.nameContains);
      const after = request.after === undefined ? '' : ' AND name_key > ?';
      const sql = `${select} WHERE account_id = ?${prefix.sql}${contains.sql}${after} ORDER BY name_key LIMIT ?`;
      const params: SqlValue[] = [request.accountId, ...prefix.params, ...contains.params];
      if (request.after !== undefined) params.push(request.after);
      params.push(limitPlusOne(request));
      const entities = await complete(ex, await ex.all(sql, params));
      return toPage(entities, request, (e) => e, (e) => nameKey(e.name));
    },

    async count(accountId) {
      const row = await ex.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE account_id = ?`, [accountId]);
      return Number(row?.n ?? 0);
    },
  });

  return { spec, columns, repository };
}

/** The id of a named entity, for joins that take names. */
export async function idOf(ex: SqlExecutor, table: string, accountId: string, name: string): Promise<string | undefined> {
  const row = await ex.get<{ id: string }>(`SELECT id FROM ${table} WHERE account_id = ? AND name_key = ?`, [
    accountId,
    nameKey(name),
  ]);
  return row ? String(row.id) : undefined;
}
