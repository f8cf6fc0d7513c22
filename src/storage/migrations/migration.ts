// The shape of one schema migration: an ordered, never-edited list of SQL statements that
// run unchanged on SQLite and PostgreSQL.

export interface Migration {
  /** Strictly increasing; the key in schema_migrations. */
  readonly version: number;
  readonly name: string;
  /** One statement per entry (better-sqlite3 prepares one at a time). */
  readonly statements: readonly string[];
}
