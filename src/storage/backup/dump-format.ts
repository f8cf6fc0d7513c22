// The export file: gzip'd JSON lines. A header, then for each table a line naming its columns,
// one JSON array per row, and a line counting them; a last line counts everything, so a file
// cut short is refused rather than half imported. docs/backup.md describes it for operators.

/** What `format` must say. */
export const DUMP_FORMAT = 'keyward-export';

/**
 * The line layout's version. A reader accepts this version and older ones and refuses newer
 * ones. New tables and columns do not change it: they come with migrations and show in
 * storeSchemaVersion instead.
 */
export const DUMP_VERSION = 1;

export interface DumpHeader {
  readonly format: typeof DUMP_FORMAT;
  readonly version: number;
  /** ISO 8601, when the snapshot was taken. */
  readonly createdAt: string;
  /** The account's id (the first, if a store ever held several); null for a store without one. */
  readonly accountId: string | null;
  /** The newest migration applied to the exported store: the shape of its tables. */
  readonly storeSchemaVersion: number;
  /** Proves which master key sealed the secrets, without revealing it (master-key-check.ts). */
  readonly masterKeyCheck: string;
}

/** Opens a table: the names of the values in each following row line. */
export interface TableStartLine {
  readonly table: string;
  readonly columns: readonly string[];
}

/** Closes a table: how many row lines it had. */
export interface TableEndLine {
  readonly end: string;
  readonly rows: number;
}

/** The file's last line. */
export interface CompleteLine {
  readonly complete: true;
  readonly tables: number;
  readonly rows: number;
}

/** A refused or unreadable dump; the message is for the operator. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the first line's shape and version; the master key and schema level are checked by the importer. */
export function parseHeader(line: string | undefined): DumpHeader {
  let value: unknown;
  try {
    value = line === undefined ? undefined : JSON.parse(line);
  } catch {
    value = undefined;
  }
  if (!isRecord(value) || value.format !== DUMP_FORMAT) throw new BackupError('not a keyward export (no keyward-export header line)');
  const { version, createdAt, accountId, storeSchemaVersion, masterKeyCheck } = value;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new BackupError('the export header has no valid version');
  if (version > DUMP_VERSION) {
    throw new BackupError(`the export is format version ${version}, newer than this keyward reads (${DUMP_VERSION}): import it with a newer keyward`);
  }
  if (
    typeof createdAt !== 'string' ||
    (accountId !== null && typeof accountId !== 'string') ||
    typeof storeSchemaVersion !== 'number' ||
    !Number.isInteger(storeSchemaVersion) ||
    typeof masterKeyCheck !== 'string'
  ) {
    throw new BackupError('the export header is incomplete');
  }
  return { format: DUMP_FORMAT, version, createdAt, accountId, storeSchemaVersion, masterKeyCheck };
}

export type BodyLine =
  | { readonly kind: 'table'; readonly line: TableStartLine }
  | { readonly kind: 'row'; readonly values: readonly unknown[] }
  | { readonly kind: 'end'; readonly line: TableEndLine }
  | { readonly kind: 'complete'; readonly line: CompleteLine };

/** One line after the header. `lineNumber` is 1-based, for messages. */
export function parseBodyLine(text: string, lineNumber: number): BodyLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError(`line ${lineNumber} of the export is not JSON`);
  }
  if (Array.isArray(value)) return { kind: 'row', values: value };
  if (isRecord(value)) {
    if (typeof value.table === 'string' && Array.isArray(value.columns) && value.columns.every((c) => typeof c === 'string')) {
      return { kind: 'table', line: { table: value.table, columns: value.columns as string[] } };
    }
    if (typeof value.end === 'string' && typeof value.rows === 'number') return { kind: 'end', line: { end: value.end, rows: value.rows } };
    if (value.complete === true && typeof value.tables === 'number' && typeof value.rows === 'number') {
      return { kind: 'complete', line: { complete: true, tables: value.tables, rows: value.rows } };
    }
  }
  throw new BackupError(`line ${lineNumber} of the export is not a table, row or end line`);
}
